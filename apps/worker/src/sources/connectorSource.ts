import type { SocialAccountRow } from '@goalpost/db';
import { dayOf } from '@goalpost/domain';
import { UnrecoverableError } from 'bullmq';
import type { Connector } from '../connectors/connector.ts';
import type { ConnectorAccessTokens } from '../connectors/connectorAccessTokens.ts';
import { ConnectorFailure, isConnectorFailure } from '../connectors/connectorFailure.ts';
import type { AccountRateLimits } from '../connectors/accountRateLimits.ts';
import type { MetricSource } from './metricSource.ts';

export interface ConnectorSourceDeps {
  connectorFor(platform: string): Connector | undefined;
  /** Base URL per connector id; the connector's documented default when absent. */
  baseUrls: Readonly<Record<string, string>>;
  tokens: ConnectorAccessTokens;
  accountLimits: AccountRateLimits;
  now: () => Date;
}

/**
 * CONNECTOR accounts, fetched through their platform's connector: one request per call. It checks the
 * account's rate-limit gate before the request (a closed gate costs no request), uses a fresh token,
 * refreshes once when the platform refuses the token, and holds the account when the platform says its
 * token's budget is spent. Limits of the whole platform (the app's) go up to the fetch job, which holds
 * the platform's queue.
 */
export function connectorSource(deps: ConnectorSourceDeps): MetricSource {
  function connectorOf(account: SocialAccountRow): Connector {
    const connector = deps.connectorFor(account.platform);
    if (!connector) throw new UnrecoverableError(`No connector fetches ${account.platform} accounts; connect it with source PUSH or MANUAL instead.`);
    return connector;
  }

  return {
    limits(account) {
      const { maxWindowDays, lookbackDays } = connectorOf(account);
      return { maxWindowDays, lookbackDays };
    },
    async fetch(account, window, cursor) {
      const connector = connectorOf(account);
      const now = deps.now();
      const closedUntil = await deps.accountLimits.closedUntil(account.id, now);
      if (closedUntil) throw ConnectorFailure.rateLimited(`${connector.label} asked to wait`, closedUntil, 'account');

      const request = (accessToken: string) =>
        connector.fetch({
          account: { id: account.id, platform: connector.platform, handle: account.handle, externalId: account.external_id },
          accessToken,
          window,
          ...(cursor ? { cursor } : {}),
          baseUrl: (deps.baseUrls[connector.id] ?? connector.defaultBaseUrl).replace(/\/+$/, ''),
          today: dayOf(now),
        });
      try {
        let page;
        try {
          page = await request(await deps.tokens.current(account, now));
        } catch (error) {
          if (!isConnectorFailure(error) || error.kind !== 'AUTH_EXPIRED') throw error;
          // Tokens die before their stated expiry (revoked, password changed): one refresh, then give up.
          page = await request(await deps.tokens.refreshed(account, now));
        }
        const slowDown = page.slowDownUntil;
        if (slowDown?.scope === 'account') await deps.accountLimits.hold(account.id, slowDown.until);
        return { points: page.points, next: page.next, ...(slowDown?.scope === 'platform' ? { platformSlowDownUntil: slowDown.until } : {}) };
      } catch (error) {
        if (isConnectorFailure(error) && error.kind === 'RATE_LIMITED' && error.details.retryAt && error.details.scope !== 'platform') {
          await deps.accountLimits.hold(account.id, error.details.retryAt);
        }
        throw error;
      }
    },
  };
}

import type { SocialAccountRow } from '@goalpost/db';
import { dayOf } from '@goalpost/domain';
import { UnrecoverableError } from 'bullmq';
import type { Connector } from '../connectors/connector.ts';
import type { ConnectorAccessTokens } from '../connectors/connectorAccessTokens.ts';
import { ConnectorFailure, isConnectorFailure } from '../connectors/connectorFailure.ts';
import type { RateLimitGates } from '../connectors/rateLimitGates.ts';
import type { MetricSource } from './metricSource.ts';

export interface ConnectorSourceDeps {
  connectorFor(platform: string): Connector | undefined;
  /** Base URL per connector id; the connector's documented default when absent. */
  baseUrls: Readonly<Record<string, string>>;
  tokens: ConnectorAccessTokens;
  gates: RateLimitGates;
  now: () => Date;
}

/**
 * CONNECTOR accounts, fetched through their platform's connector: one request per call. It checks the
 * rate-limit gates before the request (a closed gate costs no request), uses a fresh token, refreshes
 * once when the platform refuses the token, and closes the gates the platform's answer asks for.
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
      const group = connector.rateLimitGroup ?? connector.platform;
      const now = deps.now();
      const closedUntil = await deps.gates.closedUntil(group, account.id, now);
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
        if (page.slowDownUntil) await deps.gates.hold(group, account.id, page.slowDownUntil.scope, page.slowDownUntil.until);
        return { points: page.points, next: page.next };
      } catch (error) {
        if (isConnectorFailure(error) && error.kind === 'RATE_LIMITED' && error.details.retryAt) {
          await deps.gates.hold(group, account.id, error.details.scope ?? 'account', error.details.retryAt);
        }
        throw error;
      }
    },
  };
}

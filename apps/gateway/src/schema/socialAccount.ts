import { findSocialAccounts, findSocialAccountByHandle, upsertSocialAccount, type SocialAccountRow } from '@goalpost/db';
import { recordChange } from '../audit/recordChange.ts';
import { dayOf, type MetricAudit } from '@goalpost/domain';
import type { AccountSource, AccountStatus, Platform } from '@goalpost/domain';
import { workspaceOf, type GatewayContext } from '../context.ts';
import { InputError, NotFoundError, type InputIssue } from '../errors.ts';
import { accountFetchState, type AccountFetch } from '../accounts/accountFetchState.ts';
import { queueAccountFetch } from '../accounts/queueAccountFetch.ts';
import { auditOfAccounts } from '../planning/auditOfAccounts.ts';
import { requestReadsOf } from '../planning/requestReads.ts';
import { authorizationSetup, credentialKeysMissing, startAccountAuthorization } from '../oauth/startAccountAuthorization.ts';
import { oauthProviderFor } from '@goalpost/credentials';
import { builder } from './builder.ts';
import { AccountSourceEnum, AccountStatusEnum, PlatformEnum } from './enums.ts';
import { localId } from './globalIds.ts';
import { requiredText } from './inputRules.ts';
import { ViewerRef } from './viewer.ts';

export const SocialAccountNode = builder.loadableNodeRef('SocialAccount', {
  id: { resolve: (account: SocialAccountRow) => account.id },
  load: (ids: string[], ctx) => findSocialAccounts(ctx.db, workspaceOf(ctx), ids),
  sort: (account) => account.id,
  cacheResolved: (account) => account.id,
});

const AccountFetchRef = builder.objectRef<AccountFetch>('AccountFetch').implement({
  fields: (t) => ({
    state: t.exposeString('state', { description: 'QUEUED, RUNNING, or WAITING_FOR_PLATFORM (a rate limit, or a retry after a platform error).' }),
    progress: t.exposeFloat('progress', { description: 'Share of the window stored so far, 0–100.' }),
    from: t.expose('from', { type: 'Date', description: 'The first day not yet stored.' }),
    to: t.expose('to', { type: 'Date' }),
    resumesAt: t.expose('resumesAt', { type: 'DateTime', nullable: true }),
    failedAttempts: t.exposeInt('failedAttempts'),
  }),
});

export const MetricAuditRef = builder.objectRef<MetricAudit>('MetricAudit').implement({
  description: 'Where a metric stands and how fast it moves: the ground for baselines and realism checks.',
  fields: (t) => ({
    metric: t.exposeString('metric'),
    current: t.exposeFloat('current', { nullable: true, description: 'Latest level, or the last 28 days\' total for flows.' }),
    dailyRate: t.exposeFloat('dailyRate', { nullable: true }),
    weeklyRate: t.exposeFloat('weeklyRate', { nullable: true }),
    fourWeeklyRate: t.exposeFloat('fourWeeklyRate', { nullable: true }),
    historyDays: t.exposeFloat('historyDays'),
  }),
});

SocialAccountNode.implement({
  description: 'A connected account. Credentials are never returned.',
  fields: (t) => ({
    platform: t.field({ type: PlatformEnum, resolve: (a) => a.platform as Platform }),
    handle: t.exposeString('handle'),
    externalId: t.exposeString('external_id', { nullable: true, description: "The platform's own id (Facebook Page id, Instagram user id); Meta webhooks name accounts by it." }),
    source: t.field({ type: AccountSourceEnum, resolve: (a) => a.source as AccountSource }),
    status: t.field({ type: AccountStatusEnum, resolve: (a) => a.status as AccountStatus }),
    lastSyncedAt: t.expose('last_synced_at', { type: 'DateTime', nullable: true }),
    fetch: t.field({
      type: AccountFetchRef,
      nullable: true,
      description: 'The fetch in flight (a backfill, a refresh): its progress, or until when it waits for the platform. Null when none.',
      resolve: (account, _args, ctx) => accountFetchState(ctx.queues, account),
    }),
    audit: t.field({
      type: [MetricAuditRef],
      description: 'Every raw metric the account has history for, as of a day (default: today).',
      args: { asOf: t.arg({ type: 'Date', required: false }) },
      resolve: (account, args, ctx) => auditOfAccounts(ctx.db, account.workspace_id, [account.id], args.asOf ?? dayOf(ctx.now())),
    }),
  }),
});

builder.objectField(ViewerRef, 'accounts', (t) =>
  t.field({ type: [SocialAccountNode], resolve: (_v, _args, ctx) => requestReadsOf(ctx).accounts() }),
);

const ConnectorCredentialsInput = builder.inputType('ConnectorCredentialsInput', {
  description: 'A token obtained outside Goalpost (a Page token from Graph API Explorer, a service integration). Stored sealed; never returned.',
  fields: (t) => ({
    accessToken: t.string({ required: true, validate: requiredText('token') }),
    refreshToken: t.string({ required: false, validate: requiredText('token').nullish() }),
    expiresAt: t.field({ type: 'DateTime', required: false }),
  }),
});

const ConnectAccountInput = builder.inputType('ConnectAccountInput', {
  fields: (t) => ({
    platform: t.field({ type: PlatformEnum, required: true }),
    handle: t.string({ required: true, validate: requiredText('handle') }),
    source: t.field({ type: AccountSourceEnum, required: true }),
    credentials: t.field({
      type: ConnectorCredentialsInput,
      required: false,
      description: 'CONNECTOR only. Leave out to get an authorizeUrl and connect through the platform\'s consent page instead.',
    }),
    externalId: t.string({
      required: false,
      validate: requiredText('externalId').nullish(),
      description: "The platform's own id of the account: Facebook Page id, Instagram user id, YouTube channel id, X user id, LinkedIn organization id, GA4 property id. Required for FACEBOOK, INSTAGRAM, LINKEDIN and WEBSITE connectors; X, YouTube, Pinterest and TikTok find the account from the handle or the token.",
    }),
  }),
});

/**
 * The platform ids a connector cannot do without: the token alone does not say which Page, Instagram
 * account, organization or GA4 property to read. X finds the user from the handle; YouTube, Pinterest
 * and TikTok read the token's own channel or account.
 */
const requiredExternalIds: Partial<Record<string, string>> = {
  FACEBOOK: 'the Facebook Page id',
  INSTAGRAM: 'the Instagram professional account id (instagram_business_account of its Page)',
  LINKEDIN: 'the LinkedIn organization id',
  WEBSITE: 'the Google Analytics 4 property id',
};

/** The rules of a CONNECTOR account that the input types alone cannot say. */
function connectorIssues(input: { platform: string; source: string; credentials?: unknown; externalId?: string | null | undefined }): InputIssue[] {
  const issues: InputIssue[] = [];
  if (input.source !== 'CONNECTOR') {
    if (input.credentials) issues.push({ field: 'input.credentials', rule: 'connector-only', message: 'only CONNECTOR accounts take credentials' });
    return issues;
  }
  if (!oauthProviderFor(input.platform)) {
    issues.push({ field: 'input.platform', rule: 'connector', message: `no connector fetches ${input.platform} accounts: use source PUSH (webhook) or MANUAL (recordMetrics, CSV import)`, params: { platform: input.platform } });
  }
  const needed = requiredExternalIds[input.platform];
  if (needed && !input.externalId) {
    issues.push({ field: 'input.externalId', rule: 'required', message: `is required for ${input.platform} CONNECTOR accounts: ${needed}` });
  }
  return issues;
}

/** The account a mutation's `id` argument names, in the caller's workspace. */
async function accountOfId(ctx: GatewayContext, globalId: string): Promise<SocialAccountRow> {
  const [account] = await findSocialAccounts(ctx.db, workspaceOf(ctx), [localId(globalId, 'SocialAccount', 'id')]);
  if (!account) throw new NotFoundError(`No account ${globalId} in your workspace.`, globalId);
  return account;
}

const AuthorizationFields = {
  authorizeUrl: 'The platform\'s consent page: open it in a browser to authorise Goalpost; null when credentials were given.',
  authorizationExpiresAt: 'The authorizeUrl works once, until then.',
};

builder.mutationFields((t) => ({
  connectAccount: t.field({
    // CONNECTOR accounts carry platform credentials (given, or through the consent flow; a reconnect
    // replaces them): owners only. DEMO, PUSH and MANUAL accounts are planning: editors too.
    skipTypeScopes: true,
    authScopes: (_root, args) => (args.input.source === 'CONNECTOR' || args.input.credentials ? { owner: true } : { editor: true }),
    type: builder.simpleObject('ConnectAccountSuccess', {
      fields: (f) => ({
        account: f.field({ type: SocialAccountNode }),
        authorizeUrl: f.string({ nullable: true, description: AuthorizationFields.authorizeUrl }),
        authorizationExpiresAt: f.field({ type: 'DateTime', nullable: true, description: AuthorizationFields.authorizationExpiresAt }),
      }),
    }),
    errors: {},
    description: 'Connects (or reconnects) an account. A CONNECTOR account takes a token in credentials, or answers with an authorizeUrl for the OAuth consent flow; until that completes it is NEEDS_REAUTH.',
    args: { input: t.arg({ type: ConnectAccountInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const ws = workspaceOf(ctx);
      const issues = connectorIssues(input);
      if (issues.length > 0) throw InputError.of(issues);
      const { cipher } = ctx.connections;
      if (input.credentials && !cipher) throw credentialKeysMissing('input.credentials');
      const sealed = input.credentials && cipher!.seal({
        accessToken: input.credentials.accessToken,
        ...(input.credentials.refreshToken ? { refreshToken: input.credentials.refreshToken } : {}),
        ...(input.credentials.expiresAt ? { expiresAt: input.credentials.expiresAt.toISOString() } : {}),
      });
      const awaitsConsent = input.source === 'CONNECTOR' && !sealed;
      // Every refusal comes before the first write: a refused connection neither wipes an account's
      // credentials nor leaves a new one behind.
      if (awaitsConsent) authorizationSetup(ctx.connections, input.platform, 'input.source');
      const { account, authorization } = await ctx.db.transaction().execute(async (tx) => {
        const before = await findSocialAccountByHandle(tx, ws, input.platform, input.handle);
        const row = await upsertSocialAccount(tx, ws, {
          platform: input.platform,
          handle: input.handle,
          source: input.source,
          credentials: sealed ?? undefined,
          externalId: input.externalId ?? null,
          status: awaitsConsent ? 'NEEDS_REAUTH' : 'ACTIVE',
        });
        await recordChange(tx, ctx, { entity: 'SocialAccount', id: row.id, planId: null, action: 'connectAccount', change: before ? 'UPDATED' : 'CREATED', before: before ?? null, after: row });
        // Inside the transaction: if the consent state cannot be stored (Redis away), the account is not changed either.
        return { account: row, authorization: awaitsConsent ? await startAccountAuthorization(ctx.connections, row, ctx.now(), 'input.source') : null };
      });
      if (authorization) return { account, authorizeUrl: authorization.authorizeUrl, authorizationExpiresAt: authorization.expiresAt };
      // A backfill gives the audit and the SMART check history to work with.
      if (account.source === 'DEMO' || account.source === 'CONNECTOR') await queueAccountFetch(ctx, account, ctx.now(), 'connect');
      return { account, authorizeUrl: null, authorizationExpiresAt: null };
    },
  }),
  reauthorizeAccount: t.field({
    // A consent link puts new platform credentials on the account: owners only.
    authScopes: { owner: true },
    type: builder.simpleObject('ReauthorizeAccountSuccess', {
      fields: (f) => ({
        account: f.field({ type: SocialAccountNode }),
        authorizeUrl: f.string({ description: AuthorizationFields.authorizeUrl }),
        authorizationExpiresAt: f.field({ type: 'DateTime', description: AuthorizationFields.authorizationExpiresAt }),
      }),
    }),
    errors: {},
    description: 'A fresh consent link for a CONNECTOR account (NEEDS_REAUTH after a revoked or expired token). The account keeps its history; fetching resumes once the person consents.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const account = await accountOfId(ctx, String(args.id));
      if (account.source !== 'CONNECTOR') {
        throw InputError.of([{ field: 'id', rule: 'connector-only', message: `the account's source is ${account.source}: only CONNECTOR accounts are authorised on a platform` }]);
      }
      const { authorizeUrl, expiresAt } = await startAccountAuthorization(ctx.connections, account, ctx.now(), 'id');
      return { account, authorizeUrl, authorizationExpiresAt: expiresAt };
    },
  }),
  refreshAccount: t.field({
    authScopes: { editor: true },
    type: builder.simpleObject('RefreshAccountSuccess', {
      fields: (f) => ({ account: f.field({ type: SocialAccountNode }), queued: f.boolean() }),
    }),
    errors: {},
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const account = await accountOfId(ctx, String(args.id));
      if (account.status === 'DISCONNECTED') {
        throw InputError.of([{ field: 'id', rule: 'disconnected', message: 'the account was disconnected: connect it again (connectAccount) before refreshing it' }]);
      }
      if (account.source === 'PUSH' || account.source === 'MANUAL') {
        // Nothing to pull: these accounts receive points through the webhook or recordMetrics.
        return { account, queued: false };
      }
      const queued = await queueAccountFetch(ctx, account, ctx.now(), 'manual');
      return { account, queued };
    },
  }),
}));

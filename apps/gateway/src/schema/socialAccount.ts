import { z } from 'zod';
import { dailyTotals, findSocialAccounts, upsertSocialAccount, listSocialAccounts, type SocialAccountRow } from '@goalpost/db';
import { addDays, auditMetric, dayOf, metricCatalog, type MetricAudit } from '@goalpost/domain';
import type { AccountSource, AccountStatus, Platform } from '@goalpost/domain';
import { workspaceOf } from '../context.ts';
import { NotFoundError } from '../errors.ts';
import { builder } from './builder.ts';
import { AccountSourceEnum, AccountStatusEnum, PlatformEnum } from './enums.ts';
import { localId } from './globalIds.ts';
import { requiredText } from './inputRules.ts';
import { ViewerRef } from './viewer.ts';

export const SocialAccountNode = builder.loadableNodeRef('SocialAccount', {
  id: { resolve: (account: SocialAccountRow) => account.id },
  load: (ids: string[], ctx) => findSocialAccounts(ctx.db, workspaceOf(ctx), ids),
  sort: (account) => account.id,
});

const MetricAuditRef = builder.objectRef<MetricAudit>('MetricAudit').implement({
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
    audit: t.field({
      type: [MetricAuditRef],
      description: 'Every raw metric the account has history for, as of a day (default: today).',
      args: { asOf: t.arg({ type: 'Date', required: false }) },
      resolve: async (account, args, ctx) => {
        const asOf = args.asOf ?? dayOf(ctx.now());
        const rows = await dailyTotals(ctx.db, account.workspace_id, {
          accountIds: [account.id],
          metrics: metricCatalog.filter((m) => m.kind !== 'DERIVED').map((m) => m.id),
          from: addDays(asOf, -84),
          to: asOf,
        });
        return metricCatalog
          .filter((m) => rows.some((r) => r.metric === m.id))
          .map((m) => auditMetric(m, rows.filter((r) => r.metric === m.id), asOf));
      },
    }),
  }),
});

builder.objectField(ViewerRef, 'accounts', (t) =>
  t.field({ type: [SocialAccountNode], resolve: (_v, _args, ctx) => listSocialAccounts(ctx.db, workspaceOf(ctx)) }),
);

const ConnectAccountInput = builder.inputType('ConnectAccountInput', {
  fields: (t) => ({
    platform: t.field({ type: PlatformEnum, required: true }),
    handle: t.string({ required: true, validate: requiredText('handle', 200) }),
    source: t.field({ type: AccountSourceEnum, required: true }),
    credentials: t.field({ type: 'JSON', required: false }),
    externalId: t.string({ required: false, validate: z.string().trim().min(1).max(100).nullish() }),
  }),
});

const daysAgo = (at: Date, days: number) => addDays(dayOf(at), -days);

builder.mutationFields((t) => ({
  connectAccount: t.field({
    type: builder.simpleObject('ConnectAccountSuccess', { fields: (f) => ({ account: f.field({ type: SocialAccountNode }) }) }),
    errors: {},
    args: { input: t.arg({ type: ConnectAccountInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const ws = workspaceOf(ctx);
      // CONNECTOR credentials (OAuth) arrive with issue #4; until then they are not stored.
      const account = await upsertSocialAccount(ctx.db, ws, {
        platform: input.platform,
        handle: input.handle,
        source: input.source,
        credentials: undefined,
        externalId: input.externalId ?? null,
      });
      if (account.source === 'DEMO' || account.source === 'CONNECTOR') {
        const now = ctx.now();
        // A backfill gives the audit and the SMART check history to work with.
        await ctx.queues
          .enqueueFetch({ workspaceId: ws, accountId: account.id, from: daysAgo(now, 365), to: daysAgo(now, 0), reason: 'connect' })
          .catch((error: unknown) => ctx.log.warn({ err: error }, 'backfill not queued; the refresh sweep will pick the account up'));
      }
      return { account };
    },
  }),
  refreshAccount: t.field({
    type: builder.simpleObject('RefreshAccountSuccess', {
      fields: (f) => ({ account: f.field({ type: SocialAccountNode }), queued: f.boolean() }),
    }),
    errors: {},
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const ws = workspaceOf(ctx);
      const id = localId(String(args.id), 'SocialAccount', 'id');
      const [account] = await findSocialAccounts(ctx.db, ws, [id]);
      if (!account) throw new NotFoundError(`No account ${args.id} in your workspace.`, String(args.id));
      if (account.source === 'PUSH' || account.source === 'MANUAL') {
        // Nothing to pull: these accounts receive points through the webhook or recordMetrics.
        return { account, queued: false };
      }
      const now = ctx.now();
      const from = account.last_synced_at ? daysAgo(account.last_synced_at, 1) : daysAgo(now, 365);
      await ctx.queues.enqueueFetch({ workspaceId: ws, accountId: id, from, to: daysAgo(now, 0), reason: 'manual' });
      return { account, queued: true };
    },
  }),
}));

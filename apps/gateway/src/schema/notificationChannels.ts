import { randomUUID } from 'node:crypto';
import { generateWebhookSecret } from '@goalpost/credentials';
import {
  deleteNotificationChannel, deliveryKeyset, findDeliveries, findNotificationChannels, findPlans, insertDeliveryOnce, insertNotificationChannel,
  listDeliveries, listNotificationChannels, reopenDelivery, updateNotificationChannel,
  type NotificationChannelRow, type NotificationDeliveryRow,
} from '@goalpost/db';
import type { AlertSeverity } from '@goalpost/domain';
import { z } from 'zod';
import { recordChange } from '../audit/recordChange.ts';
import { workspaceOf, type GatewayContext } from '../context.ts';
import { InputError, NotFoundError, type InputIssue } from '../errors.ts';
import { builder } from './builder.ts';
import { AlertSeverityEnum } from './enums.ts';
import { localId } from './globalIds.ts';
import { requiredText, text } from './inputRules.ts';
import { keysetConnection, type Listing } from './keysetConnection.ts';
import { PlanNode } from './plan.ts';

const channelKinds = ['WEBHOOK', 'SLACK', 'EMAIL'] as const;
export const notificationEvents = ['ALERT_RAISED', 'ALERT_RESOLVED', 'STATUS_CHANGED', 'WEEKLY_DIGEST'] as const;
const deliveryStatuses = ['PENDING', 'RETRYING', 'DELIVERED', 'FAILED'] as const;
type ChannelKind = (typeof channelKinds)[number];
type NotificationEvent = (typeof notificationEvents)[number];

const ChannelKindEnum = builder.enumType('ChannelKind', { values: channelKinds });
export const NotificationEventEnum = builder.enumType('NotificationEvent', { values: notificationEvents });
const DeliveryStatusEnum = builder.enumType('DeliveryStatus', { values: deliveryStatuses });

const maxRecipients = 20;

export const NotificationChannelNode = builder.loadableNodeRef('NotificationChannel', {
  id: { resolve: (c: NotificationChannelRow) => c.id },
  load: (ids: string[], ctx) => findNotificationChannels(ctx.db, workspaceOf(ctx), ids),
  sort: (c) => c.id,
});

export const DeliveryNode = builder.loadableNodeRef('Delivery', {
  id: { resolve: (d: NotificationDeliveryRow) => d.id },
  load: (ids: string[], ctx) => findDeliveries(ctx.db, workspaceOf(ctx), ids),
  sort: (d) => d.id,
});

DeliveryNode.implement({
  description: 'One event sent to one channel; its id is the `webhook-id` receivers dedupe on.',
  fields: (t) => ({
    event: t.field({ type: NotificationEventEnum, resolve: (d) => d.event as NotificationEvent }),
    createdAt: t.expose('created_at', { type: 'DateTime' }),
    attempts: t.exposeInt('attempts'),
    status: t.field({ type: DeliveryStatusEnum, resolve: (d) => d.status as (typeof deliveryStatuses)[number] }),
    lastStatusCode: t.exposeInt('last_status_code', { nullable: true }),
    lastError: t.exposeString('last_error', { nullable: true, description: 'Why the last attempt failed (a status, a timeout, a refused address); never a URL or secret.' }),
    nextAttemptAt: t.expose('next_attempt_at', { type: 'DateTime', nullable: true }),
    deliveredAt: t.expose('delivered_at', { type: 'DateTime', nullable: true }),
    test: t.boolean({ description: 'A sample sent by testNotificationChannel.', resolve: (d) => d.event_key.startsWith('test-') }),
  }),
});

const deliveryListing: Listing = { name: 'deliveries', keyset: deliveryKeyset, defaultSize: 50, maxSize: 200 };

NotificationChannelNode.implement({
  description: 'Where alerts of the workspace are sent: a signed webhook, a Slack incoming webhook or e-mail.',
  fields: (t) => ({
    kind: t.field({ type: ChannelKindEnum, resolve: (c) => c.kind as ChannelKind }),
    name: t.exposeString('name'),
    enabled: t.exposeBoolean('enabled'),
    disabledReason: t.exposeString('disabled_reason', { nullable: true, description: 'Why the worker disabled it (failing too long); cleared by enabling it again.' }),
    failingSince: t.expose('failing_since', { type: 'DateTime', nullable: true, description: 'Since when every delivery has failed; null while deliveries succeed.' }),
    events: t.field({ type: [NotificationEventEnum], resolve: (c) => c.events as NotificationEvent[] }),
    minSeverity: t.field({ type: AlertSeverityEnum, resolve: (c) => c.min_severity as AlertSeverity }),
    plans: t.field({ type: [PlanNode], description: 'The plans it is told about; empty: every plan of the workspace.', resolve: (c) => c.plan_ids }),
    urlHost: t.exposeString('url_host', { nullable: true, description: 'The host of the webhook or Slack URL; the URL itself is sealed and never shown again.' }),
    emails: t.stringList({ description: 'EMAIL channels: the recipients.', resolve: (c) => c.email_addresses }),
    createdAt: t.expose('created_at', { type: 'DateTime' }),
    deliveries: t.connection({
      type: DeliveryNode,
      description: 'Its deliveries, newest first (at most 200 a page).',
      resolve: (c, args, ctx) => keysetConnection(args, deliveryListing, (page) => listDeliveries(ctx.db, workspaceOf(ctx), c.id, page)),
    }, { name: 'DeliveryConnection' }, { name: 'DeliveryEdge' }),
  }),
});

builder.queryField('notificationChannels', (t) =>
  t.field({
    type: [NotificationChannelNode],
    description: 'The workspace\'s notification channels, oldest first.',
    resolve: (_root, _args, ctx) => listNotificationChannels(ctx.db, workspaceOf(ctx)),
  }),
);

const email = z.string().trim().max(254).email({ message: 'must be an e-mail address such as team@example.com' });

const AddNotificationChannelInput = builder.inputType('AddNotificationChannelInput', {
  fields: (t) => ({
    kind: t.field({ type: ChannelKindEnum, required: true }),
    name: t.string({ required: true, validate: requiredText('name') }),
    url: t.string({ required: false, validate: text('url').optional(), description: 'WEBHOOK: where to POST; SLACK: the incoming-webhook URL. https only.' }),
    emails: t.stringList({ required: false, validate: z.array(email).max(maxRecipients, { message: `must list at most ${maxRecipients} addresses` }).optional(), description: 'EMAIL: the recipients.' }),
    events: t.field({ type: [NotificationEventEnum], required: false, description: 'Default: ALERT_RAISED and ALERT_RESOLVED.' }),
    minSeverity: t.field({ type: AlertSeverityEnum, required: false, description: 'Default: WARNING.' }),
    planIds: t.idList({ required: false, description: 'Only these plans; empty or left out: every plan.' }),
  }),
});

const UpdateNotificationChannelInput = builder.inputType('UpdateNotificationChannelInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    name: t.string({ required: false, validate: requiredText('name').optional() }),
    url: t.string({ required: false, validate: text('url').optional() }),
    emails: t.stringList({ required: false, validate: z.array(email).max(maxRecipients, { message: `must list at most ${maxRecipients} addresses` }).optional() }),
    events: t.field({ type: [NotificationEventEnum], required: false }),
    minSeverity: t.field({ type: AlertSeverityEnum, required: false }),
    planIds: t.idList({ required: false }),
    enabled: t.boolean({ required: false, description: 'true also clears a disabling by the worker.' }),
  }),
});

/** A webhook or Slack URL: absolute, https (http only with OUTBOUND_ALLOW_HTTP), without credentials in it. */
function urlIssue(ctx: GatewayContext, value: string): InputIssue | undefined {
  if (!URL.canParse(value)) return { field: 'input.url', rule: 'url', message: 'must be an absolute URL such as https://hooks.example.com/goalpost' };
  const url = new URL(value);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && ctx.outboundAllowHttp)) {
    return { field: 'input.url', rule: 'url-scheme', message: `must be an https:// URL, not ${url.protocol}//` };
  }
  if (url.username || url.password) return { field: 'input.url', rule: 'url-credentials', message: 'must not carry a user name or password; the deliveries are signed instead' };
  return undefined;
}

function eventsIssue(events: readonly string[] | null | undefined): InputIssue | undefined {
  if (events && events.length === 0) return { field: 'input.events', rule: 'not-empty', message: 'must name at least one event' };
  return undefined;
}

async function checkedPlanIds(ctx: GatewayContext, ids: readonly (string | number)[] | null | undefined): Promise<string[] | undefined> {
  if (!ids) return undefined;
  const local = [...new Set(ids.map((id, i) => localId(String(id), 'Plan', `input.planIds[${i}]`)))];
  const found = new Set((await findPlans(ctx.db, workspaceOf(ctx), local)).map((p) => p.id));
  const missing = local.findIndex((id) => !found.has(id));
  if (missing >= 0) throw InputError.of([{ field: `input.planIds[${missing}]`, rule: 'exists', message: 'is not a plan of your workspace', params: { type: 'Plan' } }]);
  return local;
}

function cipherOf(ctx: GatewayContext) {
  const cipher = ctx.connections.cipher;
  if (!cipher) throw InputError.of([{ field: 'input.kind', rule: 'credentials-keys', message: 'webhook and Slack channels need CREDENTIALS_KEYS set on the gateway and worker, to seal their URL and secret' }]);
  return cipher;
}

const channelNotFound = (id: string) => new NotFoundError(`No notification channel ${id} in your workspace.`, id);

builder.mutationFields((t) => ({
  addNotificationChannel: t.field({
    type: builder.simpleObject('AddNotificationChannelSuccess', {
      fields: (f) => ({
        channel: f.field({ type: NotificationChannelNode }),
        secret: f.string({ nullable: true, description: 'WEBHOOK: the signing secret (Standard Webhooks), shown this once. Null for other kinds.' }),
      }),
    }),
    errors: {},
    authScopes: { editor: true },
    args: { input: t.arg({ type: AddNotificationChannelInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const issues: InputIssue[] = [];
      const kind = input.kind as ChannelKind;
      if (kind === 'EMAIL') {
        if (!input.emails?.length) issues.push({ field: 'input.emails', rule: 'required', message: 'an EMAIL channel needs at least one address' });
        if (input.url) issues.push({ field: 'input.url', rule: 'kind', message: 'an EMAIL channel takes emails, not a URL', params: { kind: 'EMAIL' } });
      } else {
        if (!input.url) issues.push({ field: 'input.url', rule: 'required', message: `a ${kind} channel needs a URL` });
        else {
          const issue = urlIssue(ctx, input.url);
          if (issue) issues.push(issue);
        }
        if (input.emails?.length) issues.push({ field: 'input.emails', rule: 'kind', message: `a ${kind} channel takes a URL, not emails`, params: { kind } });
      }
      const eventIssue = eventsIssue(input.events);
      if (eventIssue) issues.push(eventIssue);
      if (issues.length > 0) throw InputError.of(issues);
      const planIds = (await checkedPlanIds(ctx, input.planIds)) ?? [];
      const cipher = kind === 'EMAIL' ? undefined : cipherOf(ctx);
      const secret = kind === 'WEBHOOK' ? generateWebhookSecret() : null;
      const ws = workspaceOf(ctx);
      const channel = await ctx.db.transaction().execute(async (tx) => {
        const row = await insertNotificationChannel(tx, ws, {
          kind,
          name: input.name,
          events: input.events ?? ['ALERT_RAISED', 'ALERT_RESOLVED'],
          minSeverity: input.minSeverity ?? 'WARNING',
          planIds,
          urlSealed: cipher && input.url ? cipher.seal({ accessToken: input.url }) : null,
          urlHost: input.url ? new URL(input.url).host : null,
          secretSealed: cipher && secret ? cipher.seal({ accessToken: secret }) : null,
          emailAddresses: (input.emails ?? []).map((e) => e.trim()),
        }, ctx.now());
        await recordChange(tx, ctx, { entity: 'NotificationChannel', id: row.id, planId: null, action: 'addNotificationChannel', change: 'CREATED', before: null, after: row });
        return row;
      });
      return { channel, secret };
    },
  }),
  updateNotificationChannel: t.field({
    type: builder.simpleObject('UpdateNotificationChannelSuccess', { fields: (f) => ({ channel: f.field({ type: NotificationChannelNode }) }) }),
    errors: {},
    authScopes: { editor: true },
    args: { input: t.arg({ type: UpdateNotificationChannelInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const ws = workspaceOf(ctx);
      const id = localId(String(input.id), 'NotificationChannel', 'input.id');
      const [existing] = await findNotificationChannels(ctx.db, ws, [id]);
      if (!existing) throw channelNotFound(String(input.id));
      const issues: InputIssue[] = [];
      if (input.url != null) {
        if (existing.kind === 'EMAIL') issues.push({ field: 'input.url', rule: 'kind', message: 'an EMAIL channel takes emails, not a URL', params: { kind: 'EMAIL' } });
        else {
          const issue = urlIssue(ctx, input.url);
          if (issue) issues.push(issue);
        }
      }
      if (input.emails != null) {
        if (existing.kind !== 'EMAIL') issues.push({ field: 'input.emails', rule: 'kind', message: `a ${existing.kind} channel takes a URL, not emails`, params: { kind: existing.kind } });
        else if (input.emails.length === 0) issues.push({ field: 'input.emails', rule: 'required', message: 'an EMAIL channel needs at least one address' });
      }
      const eventIssue = eventsIssue(input.events);
      if (eventIssue) issues.push(eventIssue);
      if (issues.length > 0) throw InputError.of(issues);
      const planIds = await checkedPlanIds(ctx, input.planIds);
      const cipher = input.url != null ? cipherOf(ctx) : undefined;
      const channel = await ctx.db.transaction().execute(async (tx) => {
        const after = await updateNotificationChannel(tx, ws, id, {
          ...(input.name != null && { name: input.name }),
          ...(input.events != null && { events: input.events }),
          ...(input.minSeverity != null && { minSeverity: input.minSeverity }),
          ...(planIds && { planIds }),
          ...(cipher && input.url != null && { urlSealed: cipher.seal({ accessToken: input.url }), urlHost: new URL(input.url).host }),
          ...(input.emails != null && { emailAddresses: input.emails.map((e) => e.trim()) }),
          ...(input.enabled != null && { enabled: input.enabled }),
        }, ctx.now());
        if (!after) throw channelNotFound(String(input.id));
        await recordChange(tx, ctx, { entity: 'NotificationChannel', id, planId: null, action: 'updateNotificationChannel', change: 'UPDATED', before: existing, after });
        return after;
      });
      return { channel };
    },
  }),
  removeNotificationChannel: t.field({
    type: builder.simpleObject('RemoveNotificationChannelSuccess', { fields: (f) => ({ removedId: f.id() }) }),
    errors: {},
    authScopes: { editor: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const ws = workspaceOf(ctx);
      const id = localId(String(args.id), 'NotificationChannel', 'id');
      await ctx.db.transaction().execute(async (tx) => {
        // Its deliveries and their log go with it; the audit entry keeps what it was.
        const removed = await deleteNotificationChannel(tx, ws, id);
        if (!removed) throw channelNotFound(String(args.id));
        await recordChange(tx, ctx, { entity: 'NotificationChannel', id, planId: null, action: 'removeNotificationChannel', change: 'DELETED', before: removed, after: null });
      });
      return { removedId: String(args.id) };
    },
  }),
  testNotificationChannel: t.field({
    type: builder.simpleObject('TestNotificationChannelSuccess', { fields: (f) => ({ delivery: f.field({ type: DeliveryNode, description: 'The sample\'s delivery: follow its status in the channel\'s deliveries.' }) }) }),
    errors: {},
    authScopes: { editor: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const ws = workspaceOf(ctx);
      const id = localId(String(args.id), 'NotificationChannel', 'id');
      const [channel] = await findNotificationChannels(ctx.db, ws, [id]);
      if (!channel) throw channelNotFound(String(args.id));
      const at = ctx.now();
      const delivery = await insertDeliveryOnce(ctx.db, ws, { channelId: id, event: 'ALERT_RAISED', eventKey: `test-${randomUUID()}`, payload: sampleAlert(at) }, at);
      await ctx.queues.enqueueNotification({ workspaceId: ws, deliveryId: delivery.id });
      return { delivery };
    },
  }),
  replayDelivery: t.field({
    type: builder.simpleObject('ReplayDeliverySuccess', { fields: (f) => ({ delivery: f.field({ type: DeliveryNode }) }) }),
    errors: {},
    authScopes: { editor: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const ws = workspaceOf(ctx);
      const id = localId(String(args.id), 'Delivery', 'id');
      const [existing] = await findDeliveries(ctx.db, ws, [id]);
      if (!existing) throw new NotFoundError(`No delivery ${String(args.id)} in your workspace.`, String(args.id));
      // A delivery still in flight is not sent twice; a settled one goes again, under the same webhook-id.
      if (existing.status !== 'DELIVERED' && existing.status !== 'FAILED') return { delivery: existing };
      const delivery = (await reopenDelivery(ctx.db, ws, id))!;
      await ctx.queues.enqueueNotification({ workspaceId: ws, deliveryId: id }, existing.attempts);
      return { delivery };
    },
  }),
}));

/** What testNotificationChannel sends: an alert that never happened, marked as a sample. */
function sampleAlert(at: Date) {
  const id = '00000000-0000-4000-8000-000000000000';
  return {
    sample: true,
    alert: { id, kind: 'AT_RISK', severity: 'WARNING', state: 'OPEN', message: 'This is a test from Goalpost: your channel is set up.', createdAt: at.toISOString(), resolvedAt: null },
    plan: null,
    objective: { id, title: 'Sample objective' },
    keyResult: { id, metric: 'followers', status: 'AT_RISK', current: 1200, target: 2000, forecast: { value: 1750, low: 1600, high: 1900, confidence: 0.8 } },
  };
}

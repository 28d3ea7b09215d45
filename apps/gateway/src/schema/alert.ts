import { findAlerts, listAlerts, setAlertState, type AlertRow } from '@goalpost/db';
import { z } from 'zod';
import type { AlertKind, AlertSeverity, AlertState } from '@goalpost/domain';
import { workspaceOf, type GatewayContext } from '../context.ts';
import { InputError, NotFoundError } from '../errors.ts';
import { builder } from './builder.ts';
import { AlertKindEnum, AlertSeverityEnum, AlertStateEnum } from './enums.ts';
import { localId } from './globalIds.ts';
import { PlanNode } from './plan.ts';
import { ObjectiveNode } from './objective.ts';
import { KeyResultNode } from './keyResult.ts';
import { SocialAccountNode } from './socialAccount.ts';
import { ViewerRef } from './viewer.ts';

export const AlertNode = builder.loadableNodeRef('Alert', {
  id: { resolve: (a: AlertRow) => a.id },
  load: (ids: string[], ctx) => findAlerts(ctx.db, workspaceOf(ctx), ids),
  sort: (a) => a.id,
});

AlertNode.implement({
  description: 'Raised once per key result, kind and period when an objective drifts, is achieved or missed.',
  fields: (t) => ({
    kind: t.field({ type: AlertKindEnum, resolve: (a) => a.kind as AlertKind }),
    severity: t.field({ type: AlertSeverityEnum, resolve: (a) => a.severity as AlertSeverity }),
    state: t.field({ type: AlertStateEnum, resolve: (a) => a.state as AlertState }),
    message: t.exposeString('message'),
    plan: t.field({ type: PlanNode, nullable: true, resolve: (a) => a.plan_id }),
    objective: t.field({ type: ObjectiveNode, nullable: true, resolve: (a) => a.objective_id }),
    keyResult: t.field({ type: KeyResultNode, nullable: true, resolve: (a) => a.key_result_id }),
    account: t.field({ type: SocialAccountNode, nullable: true, description: 'For ACCOUNT_NEEDS_REAUTH: the account to authorise again.', resolve: (a) => a.account_id }),
    createdAt: t.expose('created_at', { type: 'DateTime' }),
    acknowledgedAt: t.expose('acknowledged_at', { type: 'DateTime', nullable: true }),
    resolvedAt: t.expose('resolved_at', { type: 'DateTime', nullable: true }),
  }),
});

const AlertSuccess = builder.simpleObject('AlertSuccess', { fields: (f) => ({ alert: f.field({ type: AlertNode }) }) });

// acknowledgeAlert and resolveAlert share one payload union (the contract names it AlertPayload),
// so it is declared here rather than generated per field; as an error union it also carries the
// default error types (ForbiddenError among them) whether returned or thrown.
const AlertPayload = builder.errorUnion('AlertPayload', { types: [AlertSuccess], resolveType: () => 'AlertSuccess' });

async function changeState(ctx: GatewayContext, globalId: string, state: 'ACKNOWLEDGED' | 'RESOLVED') {
  const ws = workspaceOf(ctx);
  const id = localId(globalId, 'Alert', 'id');
  const changed = await setAlertState(ctx.db, ws, id, state, ctx.now());
  if (changed) return { alert: changed };
  const [existing] = await findAlerts(ctx.db, ws, [id]);
  if (!existing) throw new NotFoundError(`No alert ${globalId} in your workspace.`, globalId);
  if (existing.state === state) return { alert: existing };
  throw InputError.of([{ field: 'id', rule: 'state', message: `the alert is ${existing.state} and cannot become ${state}` }]);
}

builder.mutationFields((t) => ({
  acknowledgeAlert: t.field({
    authScopes: { editor: true },
    type: AlertPayload,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => changeState(ctx, String(args.id), 'ACKNOWLEDGED'),
  }),
  resolveAlert: t.field({
    authScopes: { editor: true },
    type: AlertPayload,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => changeState(ctx, String(args.id), 'RESOLVED'),
  }),
}));

const alertsDescription = 'Newest first, optionally only in some states (e.g. [OPEN]).';

builder.objectField(ViewerRef, 'alerts', (t) =>
  t.field({
    type: [AlertNode],
    description: `Every alert of the workspace, plans' and accounts' alike. ${alertsDescription}`,
    args: { states: t.arg({ type: [AlertStateEnum], required: false }), first: t.arg.int({ required: false, validate: z.number().int().min(1).max(500) }) },
    resolve: (_v, args, ctx) => listAlerts(ctx.db, workspaceOf(ctx), {}, { states: args.states ?? undefined, limit: args.first ?? 100 }),
  }),
);

builder.objectField(SocialAccountNode, 'alerts', (t) =>
  t.field({
    type: [AlertNode],
    description: `The account's own alerts (ACCOUNT_NEEDS_REAUTH). ${alertsDescription}`,
    args: { states: t.arg({ type: [AlertStateEnum], required: false }), first: t.arg.int({ required: false, validate: z.number().int().min(1).max(500) }) },
    resolve: (account, args, ctx) => listAlerts(ctx.db, workspaceOf(ctx), { accountId: account.id }, { states: args.states ?? undefined, limit: args.first ?? 100 }),
  }),
);

import { errorTypeMap, wrapOrThrow } from '@pothos/plugin-errors';
import { alertKeyset, findAlerts, listAlerts, setAlertState, type AlertRow } from '@goalpost/db';
import type { AlertKind, AlertSeverity, AlertState } from '@goalpost/domain';
import { recordChange } from '../audit/recordChange.ts';
import { ForbiddenError, forbiddenFor, roleAllows } from '../auth/refusals.ts';
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
import { keysetConnection, type ConnectionArgs, type Listing } from './keysetConnection.ts';

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
// so it is declared here rather than generated per field by the errors plugin. A resolver must not
// return an Error (GraphQL would raise it): expected failures are wrapped the way the errors plugin
// wraps them, and told apart by the class it records. The role is checked in the resolver (not by
// scope-auth, which would raise) so that a refusal answers the union's typed ForbiddenError.
const AlertPayload = builder.unionType('AlertPayload', {
  types: [AlertSuccess, InputError, NotFoundError, ForbiddenError],
  resolveType: (value) => {
    const errorType = errorTypeMap.get(value as object);
    if (errorType === InputError) return 'InputError';
    if (errorType === NotFoundError) return 'NotFoundError';
    return errorType === ForbiddenError ? 'ForbiddenError' : 'AlertSuccess';
  },
});

async function changeState(ctx: GatewayContext, globalId: string, state: 'ACKNOWLEDGED' | 'RESOLVED') {
  if (ctx.caller && !roleAllows(ctx.caller.role, 'EDITOR')) throw forbiddenFor(ctx.caller.role, 'EDITOR');
  const ws = workspaceOf(ctx);
  const id = localId(globalId, 'Alert', 'id');
  const changed = await ctx.db.transaction().execute(async (tx) => {
    const [before] = await findAlerts(tx, ws, [id]);
    const after = before && (await setAlertState(tx, ws, id, state, ctx.now()));
    if (before && after) {
      const action = state === 'ACKNOWLEDGED' ? 'acknowledgeAlert' : 'resolveAlert';
      await recordChange(tx, ctx, { entity: 'Alert', id, planId: after.plan_id, action, change: 'UPDATED', before, after });
    }
    return after;
  });
  if (changed) return { alert: changed };
  const [existing] = await findAlerts(ctx.db, ws, [id]);
  if (!existing) throw new NotFoundError(`No alert ${globalId} in your workspace.`, globalId);
  if (existing.state === state) return { alert: existing };
  throw InputError.of([{ field: 'id', rule: 'state', message: `the alert is ${existing.state} and cannot become ${state}` }]);
}

const changeStateOrError = (ctx: GatewayContext, globalId: string, state: 'ACKNOWLEDGED' | 'RESOLVED') =>
  changeState(ctx, globalId, state).catch((error: unknown) => wrapOrThrow(error, [InputError, NotFoundError, ForbiddenError]) as InputError | NotFoundError | ForbiddenError);

builder.mutationFields((t) => ({
  acknowledgeAlert: t.field({
    // member here, EDITOR in changeState: see AlertPayload.
    authScopes: { member: true },
    skipTypeScopes: true,
    type: AlertPayload,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => changeStateOrError(ctx, String(args.id), 'ACKNOWLEDGED'),
  }),
  resolveAlert: t.field({
    // member here, EDITOR in changeState: see AlertPayload.
    authScopes: { member: true },
    skipTypeScopes: true,
    type: AlertPayload,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => changeStateOrError(ctx, String(args.id), 'RESOLVED'),
  }),
}));

/** Alerts newest first; a page holds up to 500. */
const alertListing: Listing = { name: 'alerts', keyset: alertKeyset, defaultSize: 100, maxSize: 500 };

const AlertConnection = builder.connectionObject({ type: AlertNode, name: 'AlertConnection' }, { name: 'AlertEdge' });

const alertsDescription = 'Newest first, optionally only in some states (e.g. [OPEN]); first/after pages toward older alerts, last/before toward newer (at most 500 a page).';

/** One page of the alerts of a parent: the workspace's, a plan's or an account's. */
function alertPage(ctx: GatewayContext, of: { planId?: string; accountId?: string }, args: ConnectionArgs & { states?: AlertState[] | null | undefined }) {
  return keysetConnection(args, alertListing, (page) => listAlerts(ctx.db, workspaceOf(ctx), of, { states: args.states ?? undefined }, page));
}

builder.objectField(ViewerRef, 'alerts', (t) =>
  t.connection({
    type: AlertNode,
    description: `Every alert of the workspace, plans' and accounts' alike. ${alertsDescription}`,
    args: { states: t.arg({ type: [AlertStateEnum], required: false }) },
    resolve: (_v, args, ctx) => alertPage(ctx, {}, args),
  }, AlertConnection),
);

builder.objectField(SocialAccountNode, 'alerts', (t) =>
  t.connection({
    type: AlertNode,
    description: `The account's own alerts (ACCOUNT_NEEDS_REAUTH). ${alertsDescription}`,
    args: { states: t.arg({ type: [AlertStateEnum], required: false }) },
    resolve: (account, args, ctx) => alertPage(ctx, { accountId: account.id }, args),
  }, AlertConnection),
);

builder.objectField(PlanNode, 'alerts', (t) =>
  t.connection({
    type: AlertNode,
    description: `The plan's alerts. ${alertsDescription}`,
    args: { states: t.arg({ type: [AlertStateEnum], required: false }) },
    resolve: (plan, args, ctx) => alertPage(ctx, { planId: plan.id }, args),
  }, AlertConnection),
);

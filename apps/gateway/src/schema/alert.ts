import { errorTypeMap, wrapOrThrow } from '@pothos/plugin-errors';
import { alertKeyset, findAlerts, listAlerts, setAlertState, type AlertRow, type KeyResultRow, type ObjectiveRow } from '@goalpost/db';
import type { AlertKind, AlertSeverity, AlertState } from '@goalpost/domain';
import { recordChange } from '../audit/recordChange.ts';
import { requestReadsOf } from '../planning/requestReads.ts';
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

/**
 * An alert's objective, from its plan's objectives as the request reads them (a dashboard reads them
 * anyway); an archived one by id.
 */
async function objectiveOfAlert(ctx: GatewayContext, a: AlertRow): Promise<ObjectiveRow | string | null> {
  if (!a.objective_id) return null;
  if (!a.plan_id) return a.objective_id;
  return (await requestReadsOf(ctx).objectivesOfPlan.load(a.plan_id)).find((o) => o.id === a.objective_id) ?? a.objective_id;
}

/** An alert's key result, from the key results of its plan's objectives, read for all of them at once; an archived one by id. */
async function keyResultOfAlert(ctx: GatewayContext, a: AlertRow): Promise<KeyResultRow | string | null> {
  if (!a.key_result_id) return null;
  if (!a.plan_id) return a.key_result_id;
  const reads = requestReadsOf(ctx);
  const objectives = await reads.objectivesOfPlan.load(a.plan_id);
  // Every objective's at once, so that these reads join the plan's own instead of adding one for a few objectives.
  const keyResults = await reads.keyResultsOfObjective.loadMany(objectives.map((o) => o.id));
  for (const krs of keyResults) {
    if (krs instanceof Error) throw krs;
    const found = krs.find((k) => k.id === a.key_result_id);
    if (found) return found;
  }
  return a.key_result_id;
}

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
    objective: t.field({ type: ObjectiveNode, nullable: true, resolve: (a, _args, ctx) => objectiveOfAlert(ctx, a) }),
    keyResult: t.field({ type: KeyResultNode, nullable: true, resolve: (a, _args, ctx) => keyResultOfAlert(ctx, a) }),
    account: t.field({
      type: SocialAccountNode,
      nullable: true,
      description: 'For ACCOUNT_NEEDS_REAUTH: the account to authorise again.',
      resolve: async (a, _args, ctx) => (a.account_id ? (await requestReadsOf(ctx).accounts()).find((account) => account.id === a.account_id) ?? null : null),
    }),
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
  throw InputError.of([{ field: 'id', rule: 'state', message: `the alert is ${existing.state} and cannot become ${state}`, params: { state: existing.state, wanted: state } }]);
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

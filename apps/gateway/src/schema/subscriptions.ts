import { findAlerts, findKeyResults, type AlertRow, type KeyResultRow } from '@goalpost/db';
import { workspaceOf, type GatewayContext } from '../context.ts';
import { builder } from './builder.ts';
import { AlertNode } from './alert.ts';
import { KeyResultNode } from './keyResult.ts';
import { localId } from './globalIds.ts';
import { asQueryInput } from './inputIssues.ts';
import { forgetRequestReads } from '../planning/requestReads.ts';

async function* alertsRaised(ctx: GatewayContext, ws: string, planId: string | null) {
  for await (const event of ctx.pubsub.alertRaised(ws)) {
    if (planId && event.planId !== planId) continue;
    // Reloaded inside the subscriber's workspace: the event carries ids only.
    const [alert] = await findAlerts(ctx.db, ws, [event.alertId]);
    // The context lives as long as the subscription: each event reads afresh.
    forgetRequestReads(ctx);
    if (alert) yield alert;
  }
}

async function* keyResultsEvaluated(ctx: GatewayContext, ws: string, planId: string) {
  for await (const event of ctx.pubsub.keyResultEvaluated(ws)) {
    if (event.planId !== planId) continue;
    const [keyResult] = await findKeyResults(ctx.db, ws, [event.keyResultId]);
    forgetRequestReads(ctx);
    if (keyResult) yield keyResult;
  }
}

// Arguments are checked before the stream opens, so a bad one is refused with BAD_USER_INPUT at subscribe time.
builder.subscriptionType({
  authScopes: { member: true },
  fields: (t) => ({
    alertRaised: t.field({
      type: AlertNode,
      description: "Alerts of the caller's workspace as they are raised; optionally of one plan.",
      args: { planId: t.arg.id({ required: false }) },
      subscribe: async (_root, args, ctx) => {
        const planId = await asQueryInput(() => (args.planId ? localId(String(args.planId), 'Plan', 'planId') : null));
        return alertsRaised(ctx, workspaceOf(ctx), planId);
      },
      resolve: (alert: AlertRow) => alert,
    }),
    keyResultEvaluated: t.field({
      type: KeyResultNode,
      description: 'Key results of a plan each time the worker evaluates them.',
      args: { planId: t.arg.id({ required: true }) },
      subscribe: async (_root, args, ctx) => {
        const planId = await asQueryInput(() => localId(String(args.planId), 'Plan', 'planId'));
        return keyResultsEvaluated(ctx, workspaceOf(ctx), planId);
      },
      resolve: (keyResult: KeyResultRow) => keyResult,
    }),
  }),
});

import { findObjectives, findPlans, insertCheckIn, latestCheckIns, latestOwnerCheckIns, listCheckIns, lockKeyResult, type CheckInRow, type KeyResultRow } from '@goalpost/db';
import { checkInOverdue, defaultCheckInOverdueAfterDays } from '@goalpost/domain';
import { z } from 'zod';
import { recordChange } from '../../audit/recordChange.ts';
import { workspaceOf } from '../../context.ts';
import { refuseArchived } from '../../editing/refuseArchived.ts';
import { NotFoundError } from '../../errors.ts';
import { builder } from '../builder.ts';
import { localId } from '../globalIds.ts';
import { optionalText } from '../inputRules.ts';
import { KeyResultNode } from '../keyResult.ts';
import { PlanNode } from '../plan.ts';
import { ActorRef } from './actor.ts';
import { seqConnection } from './seqConnection.ts';

const CheckInRef = builder.objectRef<CheckInRow>('CheckIn').implement({
  description: "Someone's word on a key result: how confident they are it will be reached (1–10), and why.",
  fields: (t) => ({
    id: t.exposeID('id'),
    confidence: t.exposeInt('confidence', { description: '1 (it will not happen) to 10 (certain).' }),
    note: t.exposeString('note', { nullable: true }),
    createdAt: t.expose('created_at', { type: 'DateTime' }),
    author: t.field({ type: ActorRef, resolve: (c) => ({ kind: c.author_token_id ? 'TOKEN' : 'USER', userId: c.author_user_id, tokenId: c.author_token_id }) }),
    keyResult: t.field({ type: KeyResultNode, resolve: (c) => c.key_result_id }),
  }),
});

const overdueAfterDaysOf = (settings: { checkIns?: { overdueAfterDays?: number } }) => settings.checkIns?.overdueAfterDays ?? defaultCheckInOverdueAfterDays;

builder.objectField(PlanNode, 'checkInOverdueAfterDays', (t) =>
  t.int({
    description: `A key result whose owner has not checked in for this many days is flagged (KeyResult.checkInOverdue). Default ${defaultCheckInOverdueAfterDays}; set with updatePlan.`,
    resolve: (p) => overdueAfterDaysOf(p.settings),
  }),
);

builder.objectFields(KeyResultNode, (t) => ({
  checkIns: t.connection(
    {
      type: CheckInRef,
      description: 'Newest first.',
      resolve: (kr, args, ctx) => seqConnection(args, (page) => listCheckIns(ctx.db, workspaceOf(ctx), kr.id, page)),
    },
    { name: 'CheckInConnection' },
    { name: 'CheckInEdge' },
  ),
  latestCheckIn: t.loadable({
    type: CheckInRef,
    nullable: true,
    description: 'The latest check-in: the confidence people have, beside the status computed from the data.',
    load: async (ids: string[], ctx) => {
      const rows = await latestCheckIns(ctx.db, workspaceOf(ctx), ids);
      return ids.map((id) => rows.find((r) => r.key_result_id === id) ?? null);
    },
    resolve: (kr) => kr.id,
  }),
  checkInOverdue: t.loadable({
    type: 'Boolean',
    description: 'True when it has an owner, its objective is under way, and the owner (signed in as themselves; others\' and tokens\' check-ins do not count) has not checked in for longer than the plan\'s checkInOverdueAfterDays since taking it on (or the start).',
    load: async (keyResults: KeyResultRow[], ctx) => {
      const ws = workspaceOf(ctx);
      const objectives = await findObjectives(ctx.db, ws, [...new Set(keyResults.map((k) => k.objective_id))]);
      const plans = await findPlans(ctx.db, ws, [...new Set(objectives.map((o) => o.plan_id))]);
      const latest = await latestOwnerCheckIns(ctx.db, ws, keyResults.filter((k) => k.owner_member_id).map((k) => k.id));
      return keyResults.map((kr) => {
        const objective = objectives.find((o) => o.id === kr.objective_id);
        const plan = plans.find((p) => p.id === objective?.plan_id);
        if (!objective || !plan || kr.archived_at) return false;
        return checkInOverdue({
          ownerAssignedAt: kr.owner_assigned_at,
          lastCheckInAt: latest.find((c) => c.key_result_id === kr.id)?.created_at ?? null,
          startsOn: objective.starts_on,
          deadline: objective.deadline,
          overdueAfterDays: overdueAfterDaysOf(plan.settings),
          now: ctx.now(),
        });
      });
    },
    loaderOptions: { cacheKeyFn: (kr: KeyResultRow) => kr.id },
    resolve: (kr) => kr,
  }),
}));

const CheckInInput = builder.inputType('CheckInInput', {
  fields: (t) => ({
    keyResultId: t.id({ required: true }),
    confidence: t.int({
      required: true,
      description: '1 (it will not happen) to 10 (certain).',
      validate: z.number().int().min(1, 'confidence must be from 1 to 10').max(10, 'confidence must be from 1 to 10'),
    }),
    note: t.string({ required: false, validate: optionalText('note') }),
  }),
});

builder.mutationField('checkIn', (t) =>
  t.field({
    type: builder.simpleObject('CheckInSuccess', {
      fields: (f) => ({ checkIn: f.field({ type: CheckInRef }), keyResult: f.field({ type: KeyResultNode }) }),
    }),
    errors: {},
    authScopes: { editor: true },
    args: { input: t.arg({ type: CheckInInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const ws = workspaceOf(ctx);
      const keyResultId = localId(String(input.keyResultId), 'KeyResult', 'input.keyResultId');
      return ctx.db.transaction().execute(async (tx) => {
        const keyResult = await lockKeyResult(tx, ws, keyResultId);
        if (!keyResult) throw new NotFoundError(`No key result ${input.keyResultId} in your workspace.`, String(input.keyResultId));
        refuseArchived(keyResult, 'input.keyResultId', 'key result');
        const checkIn = await insertCheckIn(tx, ws, {
          keyResultId,
          authorUserId: ctx.caller?.userId ?? null,
          authorTokenId: ctx.caller?.tokenId ?? null,
          confidence: input.confidence,
          note: input.note?.trim() || null,
          at: ctx.now(),
        });
        const [objective] = await findObjectives(tx, ws, [keyResult.objective_id]);
        await recordChange(tx, ctx, { entity: 'CheckIn', id: checkIn.id, planId: objective!.plan_id, action: 'checkIn', change: 'CREATED', before: null, after: checkIn });
        return { checkIn, keyResult };
      });
    },
  }),
);

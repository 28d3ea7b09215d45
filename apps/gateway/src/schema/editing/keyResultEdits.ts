import {
  findObjectives, findSocialAccounts, keyResultDefinitionColumns, listKeyResultsOfObjectives, listScopeAccounts, lockKeyResult, lockObjective,
  reorderKeyResults, setKeyResultResolution, updateKeyResult, type KeyResultRow,
} from '@goalpost/db';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { recordChange } from '../../audit/recordChange.ts';
import { workspaceOf, type GatewayContext } from '../../context.ts';
import { ownerMemberId } from '../../editing/ownerMemberId.ts';
import { refuseArchived } from '../../editing/refuseArchived.ts';
import { resolvedBaselineIssues } from '../../planning/resolvedBaselineIssues.ts';
import { resolveTargetFor, storedResolution } from '../../planning/resolveTargetFor.ts';
import { removeKeyResult } from '../../editing/removal.ts';
import { InputError, NotFoundError } from '../../errors.ts';
import { builder } from '../builder.ts';
import { DirectionEnum, PaceCurveEnum, PlatformEnum } from '../enums.ts';
import { localId } from '../globalIds.ts';
import { checkInput } from '../inputIssues.ts';
import { keyResultRules } from '../keyResultInput.ts';
import { KeyResultNode } from '../keyResult.ts';
import { ObjectiveNode, reevaluate } from '../objective.ts';
import { SocialAccountNode } from '../socialAccount.ts';
import { RemovalOutcomeEnum } from './removalOutcome.ts';
import { checkNewOrder } from './checkNewOrder.ts';

builder.objectFields(KeyResultNode, (t) => ({
  archivedAt: t.expose('archived_at', { type: 'DateTime', nullable: true, description: 'When it was removed and kept for its history; null while in the plan.' }),
  position: t.exposeInt('position', { description: "Its place among the objective's key results (reorderKeyResults)." }),
  ownerId: t.id({
    nullable: true,
    description: 'The workspace Member who owns the key result and checks in on it (set with updateKeyResult).',
    resolve: (kr) => (kr.owner_member_id ? encodeGlobalID('Member', kr.owner_member_id) : null),
  }),
  ownerAssignedAt: t.expose('owner_assigned_at', { type: 'DateTime', nullable: true }),
  definitionVersion: t.exposeInt('definition_version', {
    description: 'Starts at 1; each change to the metric, scope, direction, baseline, target, pace, MAINTAIN band or the objective\'s dates adds one. History entries carry the version they measured.',
  }),
  definitionChangedAt: t.expose('definition_changed_at', { type: 'DateTime', nullable: true, description: 'When the definition last changed; null if never.' }),
  disconnectedAccounts: t.field({
    type: [SocialAccountNode],
    description: 'Accounts in its scope that were disconnected: they bring no new values (their history still counts).',
    resolve: async (kr, _args, ctx) =>
      (await listScopeAccounts(ctx.db, workspaceOf(ctx), { accountId: kr.account_id, platform: kr.platform })).filter((a) => a.status === 'DISCONNECTED'),
  }),
  sourceDisconnected: t.boolean({
    description: 'True when an account it reads was disconnected (see disconnectedAccounts).',
    resolve: async (kr, _args, ctx) =>
      (await listScopeAccounts(ctx.db, workspaceOf(ctx), { accountId: kr.account_id, platform: kr.platform })).some((a) => a.status === 'DISCONNECTED'),
  }),
}));

const UpdateKeyResultInput = builder.inputType('UpdateKeyResultInput', {
  description: 'Only the fields given change; null clears a nullable one. The same rules as KeyResultInput hold for the result.',
  fields: (t) => ({
    id: t.id({ required: true }),
    metric: t.string({ required: false }),
    accountId: t.id({ required: false, description: 'null: measure across the platform instead.' }),
    platform: t.field({ type: PlatformEnum, required: false }),
    direction: t.field({ type: DirectionEnum, required: false }),
    baseline: t.float({ required: false, description: 'null: taken from the account history at the start.' }),
    target: t.float({ required: false, description: 'Setting it clears targetChangePercent.' }),
    targetChangePercent: t.float({ required: false, description: 'Setting it clears target.' }),
    weight: t.float({ required: false }),
    pace: t.field({ type: PaceCurveEnum, required: false }),
    maintainTolerance: t.float({ required: false, description: 'MAINTAIN: the half-width of the band to hold around the target; null: back to 5% of the target. A change is a new definition (re-evaluated).' }),
    ownerId: t.id({ required: false, description: 'A workspace Member; null: nobody owns it.' }),
  }),
});

const ReorderKeyResultsInput = builder.inputType('ReorderKeyResultsInput', {
  fields: (t) => ({
    objectiveId: t.id({ required: true }),
    keyResultIds: t.idList({ required: true, description: "Every key result of the objective, once each, in the new order.", validate: z.array(z.unknown()).max(100) }),
  }),
});

type UpdateArg = typeof UpdateKeyResultInput.$inferInput;

/** The key result as it would be after the change, in KeyResultInput's terms, checked by the same rules. */
async function changedDefinition(ctx: GatewayContext, current: KeyResultRow, input: UpdateArg) {
  const pick = <T>(given: T | null | undefined, now: T): T => (given === undefined || given === null ? now : given);
  const nullable = <T>(given: T | null | undefined, now: T | null): T | null => (given === undefined ? now : given);
  const accountId = input.accountId === undefined ? current.account_id : input.accountId === null ? null : localId(String(input.accountId), 'SocialAccount', 'input.accountId');
  const target = nullable(input.target, input.targetChangePercent != null ? null : current.target);
  const targetChangePercent = nullable(input.targetChangePercent, input.target != null ? null : current.target_change_percent);
  const next = {
    metric: pick(input.metric, current.metric),
    accountId,
    platform: nullable(input.platform, current.platform),
    direction: pick(input.direction, current.direction),
    baseline: nullable(input.baseline, current.baseline),
    target,
    targetChangePercent,
    weight: pick(input.weight, current.weight),
    pace: pick(input.pace, current.pace),
    maintainTolerance: nullable(input.maintainTolerance, current.maintain_tolerance),
  };
  checkInput(keyResultRules, next);
  if (accountId && accountId !== current.account_id && (await findSocialAccounts(ctx.db, workspaceOf(ctx), [accountId])).length === 0) {
    throw InputError.of([{ field: 'input.accountId', rule: 'exists', message: 'no such account in your workspace', params: { type: 'SocialAccount' } }]);
  }
  return next;
}

builder.mutationFields((t) => ({
  updateKeyResult: t.field({
    type: builder.simpleObject('UpdateKeyResultSuccess', {
      fields: (f) => ({
        keyResult: f.field({ type: KeyResultNode }),
        definitionChanged: f.boolean({ description: 'True when what it measures or aims at changed: it is re-evaluated, and its history counts a new definition version from now.' }),
      }),
    }),
    errors: {},
    authScopes: { editor: true },
    args: { input: t.arg({ type: UpdateKeyResultInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const ws = workspaceOf(ctx);
      const id = localId(String(input.id), 'KeyResult', 'input.id');
      const ownerId = await ownerMemberId(ctx.db, ws, input.ownerId, 'input.ownerId');
      const outcome = await ctx.db.transaction().execute(async (tx) => {
        const before = await lockKeyResult(tx, ws, id);
        if (!before) throw new NotFoundError(`No key result ${input.id} in your workspace.`, String(input.id));
        refuseArchived(before, 'input.id', 'key result');
        const next = await changedDefinition(ctx, before, input);
        const columns: Record<(typeof keyResultDefinitionColumns)[number], unknown> = {
          metric: next.metric, account_id: next.accountId, platform: next.platform, direction: next.direction,
          baseline: next.baseline, target: next.target, target_change_percent: next.targetChangePercent, pace: next.pace,
          maintain_tolerance: next.maintainTolerance,
        };
        const definitionChanged = keyResultDefinitionColumns.some((c) => columns[c] !== before[c]);
        const ownerChanged = ownerId !== undefined && ownerId !== before.owner_member_id;
        const [objective] = await findObjectives(tx, ws, [before.objective_id]);
        // Nothing to change: nothing written, nothing recorded, nothing re-evaluated.
        if (!definitionChanged && !ownerChanged && next.weight === before.weight) return { keyResult: before, definitionChanged, planId: null };
        // A new definition is resolved as a new key result is: against its previous period or trailing window at the objective's start.
        const resolution = definitionChanged ? await resolveTargetFor(tx, ws, next, { startsOn: objective!.starts_on, deadline: objective!.deadline }) : null;
        if (resolution) {
          const issues = resolvedBaselineIssues(next, resolution, 'input');
          if (issues.length > 0) throw InputError.of(issues);
        }
        const updated = await updateKeyResult(tx, ws, id, {
          values: next,
          definitionChangedAt: definitionChanged ? ctx.now() : null,
          ...(ownerChanged && { owner: { memberId: ownerId, at: ctx.now() } }),
        });
        const after = updated && resolution ? await setKeyResultResolution(tx, ws, id, storedResolution(resolution, ctx.now())) : updated;
        if (!after) throw new NotFoundError(`No key result ${input.id} in your workspace.`, String(input.id));
        await recordChange(tx, ctx, { entity: 'KeyResult', id, planId: objective!.plan_id, action: 'updateKeyResult', change: 'UPDATED', before, after });
        return { keyResult: after, definitionChanged, planId: objective!.plan_id };
      });
      // Weight moves the objective's score; the definition moves the key result itself.
      if (outcome.planId) await reevaluate(ctx, outcome.planId);
      return { keyResult: outcome.keyResult, definitionChanged: outcome.definitionChanged };
    },
  }),
  removeKeyResult: t.field({
    type: builder.simpleObject('RemoveKeyResultSuccess', {
      fields: (f) => ({
        removedId: f.id(),
        outcome: f.field({ type: RemovalOutcomeEnum }),
        keyResult: f.field({ type: KeyResultNode, nullable: true, description: 'The archived key result; null when deleted.' }),
      }),
    }),
    errors: {},
    authScopes: { editor: true },
    description: 'With history (evaluations, check-ins) the key result is archived: kept with its history, out of evaluation, scores and plan health. Without, it is deleted.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const ws = workspaceOf(ctx);
      const id = localId(String(args.id), 'KeyResult', 'id');
      const removal = await ctx.db.transaction().execute(async (tx) => {
        const keyResult = await lockKeyResult(tx, ws, id);
        if (!keyResult) throw new NotFoundError(`No key result ${args.id} in your workspace.`, String(args.id));
        const [objective] = await findObjectives(tx, ws, [keyResult.objective_id]);
        const result = await removeKeyResult(tx, { workspaceId: ws, planId: objective!.plan_id, action: 'removeKeyResult', at: ctx.now() }, keyResult);
        await recordChange(tx, ctx, result.changes);
        return { ...result, planId: objective!.plan_id };
      });
      if (removal.changes.length > 0) await reevaluate(ctx, removal.planId);
      return { removedId: encodeGlobalID('KeyResult', id), outcome: removal.outcome, keyResult: removal.row };
    },
  }),
  reorderKeyResults: t.field({
    type: builder.simpleObject('ReorderKeyResultsSuccess', { fields: (f) => ({ objective: f.field({ type: ObjectiveNode }) }) }),
    errors: {},
    authScopes: { editor: true },
    args: { input: t.arg({ type: ReorderKeyResultsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const ws = workspaceOf(ctx);
      const objectiveId = localId(String(input.objectiveId), 'Objective', 'input.objectiveId');
      const wanted = input.keyResultIds.map((gid, i) => localId(String(gid), 'KeyResult', `input.keyResultIds[${i}]`));
      const objective = await ctx.db.transaction().execute(async (tx) => {
        const objective = await lockObjective(tx, ws, objectiveId);
        if (!objective) throw new NotFoundError(`No objective ${input.objectiveId} in your workspace.`, String(input.objectiveId));
        const current = (await listKeyResultsOfObjectives(tx, ws, [objectiveId])).map((k) => k.id);
        checkNewOrder('input.keyResultIds', 'key result', current, wanted);
        await reorderKeyResults(tx, ws, objectiveId, wanted);
        const ids = (list: string[]) => ({ keyResultIds: list.map((k) => encodeGlobalID('KeyResult', k)) });
        await recordChange(tx, ctx, { entity: 'Objective', id: objectiveId, planId: objective.plan_id, action: 'reorderKeyResults', change: 'UPDATED', before: ids(current), after: ids(wanted) });
        return objective;
      });
      return { objective };
    },
  }),
}));

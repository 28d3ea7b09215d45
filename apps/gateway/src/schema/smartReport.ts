import { smartReport, type ObjectiveDraft, type SmartReport } from '@goalpost/domain';
import type { GatewayContext } from '../context.ts';
import { workspaceOf } from '../context.ts';
import { smartContextFor } from '../planning/smartContextFor.ts';
import { builder } from './builder.ts';
import { VerdictEnum, ObjectiveCategoryEnum, FrameworkEnum } from './enums.ts';
import { localId } from './globalIds.ts';
import { KeyResultInput, keyResultInputIssues } from './keyResultInput.ts';
import { asQueryInput } from './inputIssues.ts';
import { textIssue } from './inputRules.ts';
import { InputError } from '../errors.ts';

const SmartVerdictRef = builder.objectRef<SmartReport['specific']>('SmartVerdict').implement({
  fields: (t) => ({
    verdict: t.field({ type: VerdictEnum, resolve: (v) => v.verdict }),
    message: t.exposeString('message'),
  }),
});

export const SmartReportRef = builder.objectRef<SmartReport>('SmartReport').implement({
  description: 'One verdict per SMART letter, each with what is wrong and how to fix it.',
  fields: (t) => ({
    specific: t.field({ type: SmartVerdictRef, resolve: (r) => r.specific }),
    measurable: t.field({ type: SmartVerdictRef, resolve: (r) => r.measurable }),
    attainable: t.field({ type: SmartVerdictRef, resolve: (r) => r.attainable }),
    relevant: t.field({ type: SmartVerdictRef, resolve: (r) => r.relevant }),
    timeBound: t.field({ type: SmartVerdictRef, resolve: (r) => r.timeBound }),
    passed: t.exposeBoolean('passed'),
  }),
});

/** The SMART report of a draft whose ids are already local. Reads history; writes nothing. */
export async function reportFor(ctx: GatewayContext, draft: ObjectiveDraft): Promise<SmartReport> {
  return smartReport(draft, await smartContextFor(ctx.db, workspaceOf(ctx), draft));
}

const ObjectiveDraftInput = builder.inputType('ObjectiveDraftInput', {
  description: 'The fields of AddObjectiveInput, all optional: lint an objective as the user types.',
  fields: (t) => ({
    goalId: t.id({ required: false }),
    title: t.string({ required: false }),
    category: t.field({ type: ObjectiveCategoryEnum, required: false }),
    framework: t.field({ type: FrameworkEnum, required: false }),
    startsOn: t.field({ type: 'Date', required: false }),
    deadline: t.field({ type: 'Date', required: false }),
    keyResults: t.field({ type: [KeyResultInput], required: false }),
  }),
});

builder.queryField('checkObjective', (t) =>
  t.field({
    type: SmartReportRef,
    description: 'The SMART report of a draft objective; nothing is saved.',
    args: { input: t.arg({ type: ObjectiveDraftInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const draft = await asQueryInput(() => {
        const issues = [
          ...(input.title != null ? titleIssues(input.title) : []),
          ...keyResultInputIssues(input.keyResults ?? [], (i) => `input.keyResults[${i}]`),
        ];
        if (issues.length > 0) throw InputError.of(issues);
        return {
          goalId: input.goalId ? localId(String(input.goalId), 'BusinessGoal', 'input.goalId') : undefined,
          title: input.title ?? undefined,
          category: input.category ?? undefined,
          framework: input.framework ?? undefined,
          startsOn: input.startsOn ?? undefined,
          deadline: input.deadline ?? undefined,
          keyResults: (input.keyResults ?? []).map((kr, i) => ({
            metric: kr.metric,
            accountId: kr.accountId ? localId(String(kr.accountId), 'SocialAccount', `input.keyResults[${i}].accountId`) : undefined,
            platform: kr.platform ?? undefined,
            direction: kr.direction,
            baseline: kr.baseline ?? undefined,
            target: kr.target ?? undefined,
            targetChangePercent: kr.targetChangePercent ?? undefined,
            weight: kr.weight ?? undefined,
          })),
        };
      });
      return reportFor(ctx, draft);
    },
  }),
);

/** The draft's title, by the rules of every title. */
function titleIssues(title: string) {
  const issue = textIssue('title', title);
  return issue ? [{ field: 'input.title', ...issue }] : [];
}

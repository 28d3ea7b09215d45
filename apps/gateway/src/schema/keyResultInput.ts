import { findMetric, keyResultTargetIssues, type Direction } from '@goalpost/domain';
import type { StandardSchemaV1 } from '@pothos/plugin-validation';
import { z } from 'zod';
import { builder } from './builder.ts';
import { DirectionEnum, PaceCurveEnum, PlatformEnum } from './enums.ts';
import { finiteNumber } from './inputRules.ts';
import { inputErrorFromIssues } from './inputIssues.ts';
import type { InputIssue } from '../errors.ts';

/**
 * The rules of a key result, whichever field carries it (addObjective, addKeyResult, checkObjective).
 * They are applied by the resolvers rather than declared on the input type: checkObjective is a query,
 * which answers a refusal as a BAD_USER_INPUT error, and mutations as an InputError result.
 */
export const keyResultRules = z
  .object({
    metric: z.string().refine((id) => findMetric(id) !== undefined, {
      message: 'is not a metric of the catalog (query metricCatalog for the ids)',
      params: { rule: 'catalog' },
    }),
    accountId: z.string().nullish(),
    platform: z.string().nullish(),
    direction: z.string(),
    baseline: finiteNumber.nullish(),
    target: finiteNumber.nullish(),
    targetChangePercent: finiteNumber
      .refine((v) => v > -100 && v <= 1_000_000, { message: 'must be above -100 and at most 1000000 (percent)', params: { rule: 'range', min: -100, minExclusive: true, max: 1_000_000 } })
      .nullish(),
    weight: finiteNumber.refine((v) => v > 0 && v <= 1000, { message: 'must be greater than 0 and at most 1000', params: { rule: 'range', min: 0, minExclusive: true, max: 1000 } }).nullish(),
    maintainTolerance: finiteNumber.refine((v) => v >= 0, { message: 'must be 0 or more', params: { rule: 'range', min: 0 } }).nullish(),
  })
  .passthrough()
  .refine((kr) => kr.accountId != null || kr.platform != null, {
    message: 'give an accountId or a platform: the scope the key result is measured on',
    path: ['accountId'],
    params: { rule: 'scope' },
  })
  .refine((kr) => kr.target == null || kr.targetChangePercent == null, {
    message: 'give either target or targetChangePercent, not both',
    path: ['targetChangePercent'],
    params: { rule: 'exclusive:target' },
  })
  // The domain's rules: a target on the side of its direction, numbers in the metric's range.
  .superRefine((kr, ctx) => {
    for (const issue of keyResultTargetIssues({ ...kr, direction: kr.direction as Direction })) {
      ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message, params: { ...issue.params, rule: issue.rule } });
    }
  });

export const KeyResultInput = builder.inputType('KeyResultInput', {
  fields: (t) => ({
    metric: t.string({ required: true, description: 'A catalog id: "followers", "link_clicks", "engagement_rate_by_reach", …' }),
    accountId: t.id({ required: false }),
    platform: t.field({ type: PlatformEnum, required: false }),
    direction: t.field({ type: DirectionEnum, required: true }),
    baseline: t.float({
      required: false,
      description: "INCREASE aims above it, DECREASE below it. Omitted: taken from the scope's history when the key result is created — a level (followers) on startsOn or the last day before; a count (link clicks) as its total over the same length of time just before startsOn; a KPI over its trailing 28 days before startsOn.",
    }),
    target: t.float({ required: false, description: "Absolute: for a count, the total over the objective's period." }),
    targetChangePercent: t.float({
      required: false,
      description: 'Relative to the baseline: 15 means +15%. A level against its value at the start; a count against its total over the same-length period just before the start ("+15% link clicks" = 15% more than the previous quarter); a KPI against its value over the trailing window before the start. Resolved when the key result is created or changed, and kept.',
    }),
    weight: t.float({ required: false }),
    maintainTolerance: t.float({ required: false, description: 'MAINTAIN: the half-width of the band to hold around the target; omitted: 5% of the target.' }),
    pace: t.field({ type: PaceCurveEnum, required: false, description: 'The path expected progress follows; LINEAR when omitted.' }),
  }),
});

/** Every broken rule of a list of key results, each named by its place (`input.keyResults[2].target`). */
export function keyResultInputIssues(keyResults: readonly unknown[], fieldOf: (index: number) => string): InputIssue[] {
  return keyResults.flatMap((kr, index) => {
    const result = keyResultRules.safeParse(kr);
    return result.success ? [] : inputErrorFromIssues(result.error.issues as StandardSchemaV1.Issue[], fieldOf(index)).issues;
  });
}

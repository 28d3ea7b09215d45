import { findMetric } from '@goalpost/domain';
import { z } from 'zod';
import { builder } from './builder.ts';
import { DirectionEnum, PaceCurveEnum, PlatformEnum } from './enums.ts';
import { finiteNumber } from './inputRules.ts';

const keyResultRules = z
  .object({
    metric: z.string().refine((id) => findMetric(id) !== undefined, {
      message: 'is not a metric of the catalog (query metricCatalog for the ids)',
      params: { rule: 'catalog' },
    }),
    accountId: z.string().nullish(),
    platform: z.string().nullish(),
    baseline: finiteNumber.nullish(),
    target: finiteNumber.nullish(),
    targetChangePercent: finiteNumber.refine((v) => v > -100, 'must be above -100').nullish(),
    weight: finiteNumber.refine((v) => v > 0, 'must be greater than 0').nullish(),
    maintainTolerance: finiteNumber.refine((v) => v >= 0, 'must be 0 or more').nullish(),
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
  });

export const KeyResultInput = builder.inputType('KeyResultInput', {
  fields: (t) => ({
    metric: t.string({ required: true, description: 'A catalog id: "followers", "link_clicks", "engagement_rate_by_reach", …' }),
    accountId: t.id({ required: false }),
    platform: t.field({ type: PlatformEnum, required: false }),
    direction: t.field({ type: DirectionEnum, required: true }),
    baseline: t.float({
      required: false,
      description: "Omitted: taken from the scope's history when the key result is created — a level (followers) on startsOn or the last day before; a count (link clicks) as its total over the same length of time just before startsOn; a KPI over its trailing 28 days before startsOn.",
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
  validate: keyResultRules,
});

import { workspaceOf } from '../context.ts';
import { ingestPoints } from '../ingest/ingestPoints.ts';
import { builder } from './builder.ts';
import { localId } from './globalIds.ts';
import { finiteNumber } from './inputRules.ts';
import { z } from 'zod';
import { dayOf } from '@goalpost/domain';
import { InputError } from '../errors.ts';
import { pointIssues } from '../ingest/pointIssues.ts';
import { pointsChange } from '../ingest/pointsChange.ts';
import { recordChange } from '../audit/recordChange.ts';

const MetricPointInput = builder.inputType('MetricPointInput', {
  fields: (t) => ({
    metric: t.string({ required: true }),
    at: t.field({ type: 'Date', required: true }),
    value: t.float({ required: true, validate: finiteNumber }),
  }),
});

const RecordMetricsInput = builder.inputType('RecordMetricsInput', {
  fields: (t) => ({
    accountId: t.id({ required: true }),
    points: t.field({
      type: [MetricPointInput],
      required: true,
      validate: z.array(z.unknown()).min(1, 'send at least one point').max(10_000, 'send at most 10,000 points per call'),
    }),
  }),
});

builder.mutationField('recordMetrics', (t) =>
  t.field({
    authScopes: { editor: true },
    type: builder.simpleObject('RecordMetricsSuccess', {
      fields: (f) => ({
        written: f.int({ description: 'Points new or changed; a replayed batch writes 0.' }),
        received: f.int(),
      }),
    }),
    errors: {},
    description: 'Manual or imported points, all or nothing.',
    args: { input: t.arg({ type: RecordMetricsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const accountId = localId(String(input.accountId), 'SocialAccount', 'input.accountId');
      const points = input.points.map((p) => ({ metric: p.metric, at: p.at, value: p.value }));
      // The same rules as the webhook and CSV import: catalog raw metric, a day that has begun, a value in range.
      const issues = pointIssues(points, dayOf(ctx.now()), 'input.points');
      if (issues.length > 0) throw InputError.of(issues);
      const result = await ingestPoints(ctx, { workspaceId: workspaceOf(ctx), accountId, points, source: 'MANUAL' }, (tx, written) =>
        recordChange(tx, ctx, pointsChange('recordMetrics', accountId, points, 'MANUAL', written)));
      return { written: result.written, received: input.points.length };
    },
  }),
);

import { dayOf, readMetricImport } from '@goalpost/domain';
import { workspaceOf } from '../context.ts';
import { InputError, MetricImportRefused } from '../errors.ts';
import { ingestPoints } from '../ingest/ingestPoints.ts';
import { pointsChange } from '../ingest/pointsChange.ts';
import { recordChange } from '../audit/recordChange.ts';
import { builder } from './builder.ts';
import { localId } from './globalIds.ts';

/** Larger exports are split: one import is one transaction, and the whole file is held in memory. */
export const maxImportBytes = 10 * 1024 * 1024;

const ImportMetricsInput = builder.inputType('ImportMetricsInput', {
  fields: (t) => ({
    accountId: t.id({ required: true }),
    file: t.field({
      type: 'File',
      required: true,
      description: 'CSV: `date,metric,value`; `date` then one column per metric; or a Meta Business Suite / Facebook Page Insights export.',
    }),
  }),
});

builder.mutationField('importMetrics', (t) =>
  t.field({
    authScopes: { editor: true },
    type: builder.simpleObject('ImportMetricsSuccess', {
      fields: (f) => ({
        format: f.string({ description: 'The layout read: long (date,metric,value), wide (a column per metric) or meta-single-metric.' }),
        received: f.int({ description: 'Points in the file.' }),
        written: f.int({ description: 'Points new or changed; importing the same file again writes 0.' }),
        ignoredColumns: f.stringList({ description: 'Columns that name no catalog metric; their values were not imported.' }),
      }),
    }),
    errors: { types: [MetricImportRefused] },
    description: 'Imports a metrics file into an account (history from exports, manual data), all or nothing: one bad row refuses the file, with every bad row named.',
    args: { input: t.arg({ type: ImportMetricsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const accountId = localId(String(input.accountId), 'SocialAccount', 'input.accountId');
      if (input.file.size > maxImportBytes) {
        throw InputError.of([{ field: 'input.file', rule: 'max-size', message: `the file is ${input.file.size} bytes; split it into files of at most ${maxImportBytes} bytes`, params: { size: input.file.size, max: maxImportBytes } }]);
      }
      const file = readMetricImport(await input.file.text(), { today: dayOf(ctx.now()) });
      if (!file.ok) {
        const first = file.issues[0];
        throw new MetricImportRefused(
          `${input.file.name}: ${file.totalIssues} bad row(s), the first on line ${first?.row}${first?.column ? ` (${first.column})` : ''}: ${first?.message}. Nothing was stored.`,
          file.issues,
          file.totalIssues,
        );
      }
      const result = await ingestPoints(ctx, { workspaceId: workspaceOf(ctx), accountId, points: file.points, source: 'IMPORT' }, (tx, written) =>
        recordChange(tx, ctx, pointsChange('importMetrics', accountId, file.points, 'IMPORT', written)));
      return { format: file.format, received: file.points.length, written: result.written, ignoredColumns: file.ignoredColumns };
    },
  }),
);

import { InputError, MetricImportRefused, NotFoundError } from '../errors.ts';
import { builder } from './builder.ts';

export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  description: 'Every typed failure carries a sentence saying what is wrong and what to do.',
  fields: (t) => ({ message: t.exposeString('message') }),
});

const InputIssue = builder
  .objectRef<{ field: string; rule: string; message: string }>('InputIssue')
  .implement({
    fields: (t) => ({
      field: t.exposeString('field', { description: 'Path of the offending input field, e.g. `input.keyResults[0].metric`.' }),
      rule: t.exposeString('rule', { description: 'The rule broken, e.g. `after:startsOn`, `catalog`, `finite`.' }),
      message: t.exposeString('message'),
    }),
  });

builder.objectType(InputError, {
  name: 'InputError',
  description: 'The input broke a rule; nothing was changed.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    issues: t.field({ type: [InputIssue], resolve: (error) => error.issues }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'No such object in your workspace; nothing was changed.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ id: t.exposeString('id') }),
});

const MetricImportIssueRef = builder
  .objectRef<{ row: number; column?: string | undefined; rule: string; message: string }>('MetricImportIssue')
  .implement({
    fields: (t) => ({
      row: t.exposeInt('row', { description: 'The line of the file, 1 being the first (the header).' }),
      column: t.exposeString('column', { nullable: true }),
      rule: t.exposeString('rule', { description: 'The rule broken: date, number, catalog, range, duplicate, not-future…' }),
      message: t.exposeString('message'),
    }),
  });

builder.objectType(MetricImportRefused, {
  name: 'MetricImportRefused',
  description: 'The file has bad rows; nothing was stored. Fix the rows listed and upload it again.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    issues: t.field({ type: [MetricImportIssueRef], resolve: (error) => error.issues }),
    totalIssues: t.exposeInt('totalIssues', { description: 'All bad rows, of which the first 50 are listed.' }),
  }),
});

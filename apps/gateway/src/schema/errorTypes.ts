import { InputError, MetricImportRefused, NotFoundError } from '../errors.ts';
import { builder } from './builder.ts';
import { inputErrorText, issueText } from '../messages/messageCatalog.ts';
import { localeOf } from '../messages/requestLocale.ts';
import { notFoundText } from '../messages/graphqlErrorIn.ts';
import { paramsOf, SmartParamRef } from './smartReport.ts';

export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  description: 'Every typed failure carries a sentence saying what is wrong and what to do.',
  fields: (t) => ({ message: t.exposeString('message') }),
});

const InputIssue = builder
  .objectRef<import('../errors.ts').InputIssue>('InputIssue')
  .implement({
    fields: (t) => ({
      field: t.exposeString('field', { description: 'Path of the offending input field, e.g. `input.keyResults[0].metric`.' }),
      rule: t.exposeString('rule', { description: 'The rule broken, e.g. `after:startsOn`, `catalog`, `finite`.' }),
      message: t.string({
        description: "In the request's Accept-Language (en, es, ca, it) when the rule is worded there, else in English.",
        resolve: (issue, _args, ctx) => issueText(localeOf(ctx), issue),
      }),
      params: t.field({
        type: [SmartParamRef],
        description: "The values the rule was checked against (e.g. zod's minimum, maximum, format), to word the rule in a client's own language.",
        resolve: (issue) => paramsOf(issue.params ?? {}),
      }),
    }),
  });

builder.objectType(InputError, {
  name: 'InputError',
  description: 'The input broke a rule; nothing was changed.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    message: t.string({
      description: "In the request's Accept-Language (en, es, ca, it; English otherwise).",
      resolve: (error, _args, ctx) => inputErrorText(localeOf(ctx), error.issues),
    }),
    issues: t.field({ type: [InputIssue], resolve: (error) => error.issues }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'No such object in your workspace; nothing was changed.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    message: t.string({
      description: "In the request's Accept-Language (en, es, ca, it; English otherwise).",
      resolve: (error, _args, ctx) => notFoundText(localeOf(ctx), error.id) ?? error.message,
    }),
    id: t.exposeString('id'),
  }),
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

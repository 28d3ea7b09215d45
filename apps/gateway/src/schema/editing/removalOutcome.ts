import { builder } from '../builder.ts';

export const RemovalOutcomeEnum = builder.enumType('RemovalOutcome', {
  description: 'ARCHIVED: it had history, which is kept (readable through node(id)), and it is out of lists, evaluation and plan health. DELETED: it had none and is gone.',
  values: ['ARCHIVED', 'DELETED'] as const,
});

import { graphql, type ResultOf } from '../../graphql/graphql.ts';

/*
 * A SMART verdict's selection and its sentence, in one place: the API words the message today (in the
 * request's Accept-Language once it speaks it); when verdicts carry a machine `code` and `params`, the
 * dashboard can word them itself here without touching the screens.
 */
export const SmartVerdictFields = graphql(`
  fragment SmartVerdictFields on SmartVerdict { verdict message }
`);
export type SmartVerdict = ResultOf<typeof SmartVerdictFields>;

export const smartSentence = (verdict: SmartVerdict): string => verdict.message;

import { mapAsyncIterator } from '@graphql-tools/utils';
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { graphqlErrorIn } from '../messages/graphqlErrorIn.ts';
import { localeOfAcceptLanguage, type ApiLocale } from '../messages/requestLocale.ts';

function resultIn<R extends ExecutionResult>(locale: ApiLocale, result: R): R {
  if (!result.errors?.length) return result;
  return { ...result, errors: result.errors.map((e) => (e instanceof GraphQLError ? graphqlErrorIn(locale, e) : e)) };
}

const isAsyncIterable = (x: unknown): x is AsyncIterable<ExecutionResult> => typeof x === 'object' && x !== null && Symbol.asyncIterator in x;

/**
 * The GraphQL errors of an answer (`errors[]`: UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, BAD_USER_INPUT,
 * the query limits, SERVICE_UNAVAILABLE…) worded in the request's Accept-Language, as the typed errors
 * in payloads are; their `extensions` stay as they are, so clients keep reading the codes. Runs as the
 * answer is written, so it words errors of every phase (parse, validation, execution) and of SSE streams.
 */
export function localizedErrors(): Plugin {
  return {
    onResultProcess: ({ request, result, setResult }) => {
      const locale = localeOfAcceptLanguage(request.headers.get('accept-language'));
      if (locale === 'en') return;
      if (isAsyncIterable(result)) setResult(mapAsyncIterator(result[Symbol.asyncIterator](), (r) => resultIn(locale, r)) as AsyncIterableIterator<ExecutionResult>);
      else if (Array.isArray(result)) setResult(result.map((r) => resultIn(locale, r)));
      else setResult(resultIn(locale, result as ExecutionResult));
    },
  };
}

import { useGraphQLSSE } from '@graphql-yoga/plugin-graphql-sse';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';

const endpoint = '/graphql/stream';

/**
 * An error thrown while a subscription streams (PostgreSQL away when an event is reloaded…) ends it
 * with a last `errors` result instead of a thrown error: graphql-sse leaves a thrown one unhandled
 * (the client waits forever, and the rejection would stop the process). Deliberate GraphQL errors go
 * out as they are; anything else is logged and announced without its message.
 */
async function* endingWithErrors(source: AsyncIterable<ExecutionResult>, log: Logger): AsyncGenerator<ExecutionResult> {
  try {
    yield* source;
  } catch (error) {
    const deliberate = error instanceof GraphQLError && !error.originalError;
    if (!deliberate) log.error({ err: error }, 'a graphql-sse subscription failed; it ends with an error result');
    yield {
      errors: [deliberate ? error : new GraphQLError('The subscription stopped on an unexpected error: subscribe again.', { extensions: { code: 'SUBSCRIPTION_FAILED' } })],
    };
  }
}

/** graphql-sse's protocol at `/graphql/stream`, both modes (single connection and distinct connections). */
export function graphqlSse(log: Logger): Plugin[] {
  const streamGuard: Plugin = {
    onSubscribe({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      if (!request || new URL(request.url).pathname !== endpoint) return;
      return {
        onSubscribeResult({ result, setResult }) {
          if (isAsyncIterable(result)) setResult(endingWithErrors(result, log));
          // A subscription refused when made ({ errors } alone): graphql-sse reads a result only when it
          // has `data`, and would answer "Unable to detect operation AST" instead of the errors.
          else if (!('data' in result)) setResult({ data: null, ...result });
        },
      };
    },
  };
  return [useGraphQLSSE({ endpoint }), streamGuard];
}

import { Client, cacheExchange, fetchExchange } from '@urql/core';
import { session } from '../auth/session.ts';

/**
 * One urql client for the app: queries, mutations and file uploads over HTTP, subscriptions over SSE
 * (`fetchSubscriptions`: yoga answers `text/event-stream` on /graphql), all same-origin. The document
 * cache refetches queries whose types a mutation returns, e.g. an acknowledged Alert.
 * `Accept-Language` lets the API word its messages in the person's language.
 */
export function createGraphqlClient(locale: () => string) {
  return new Client({
    url: '/graphql',
    exchanges: [cacheExchange, fetchExchange],
    fetchSubscriptions: true,
    requestPolicy: 'cache-and-network',
    fetchOptions: () => ({
      credentials: 'same-origin',
      headers: { ...session.headers(), 'accept-language': locale() },
    }),
  });
}

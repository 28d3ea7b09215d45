import type { CombinedError } from '@urql/core';

export type ErrorKind = 'network' | 'auth' | 'forbidden' | 'server';

/** What kind of failure a request met, so the message can say what to do next. */
export function errorKind(error: CombinedError): ErrorKind {
  const codes = error.graphQLErrors.map((e) => e.extensions?.code);
  const status = (error.response as Response | undefined)?.status;
  if (codes.includes('UNAUTHENTICATED') || status === 401) return 'auth';
  if (codes.includes('FORBIDDEN') || status === 403) return 'forbidden';
  if (error.networkError && !error.graphQLErrors.length) return 'network';
  return 'server';
}

export const isAuthError = (error: CombinedError | undefined) => error !== undefined && errorKind(error) === 'auth';

import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { PothosValidationError } from '@pothos/core';
import type { Logger } from 'pino';
import { InputError, MetricImportRefused, NotFoundError } from '../errors.ts';
import { dependencyRetryAfterSeconds, unavailableDependency } from './dependencyOutage.ts';
import { currentRequestScope } from './requestIds.ts';

/** Errors this boundary has already logged (yoga logs every masked error again otherwise). */
export const loggedErrors = new WeakSet<object>();

/** The error a resolver threw, under the GraphQLError(s) that located it. */
function thrownError(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.originalError) current = current.originalError;
  return current;
}

function located(error: unknown, message: string, extensions: Record<string, unknown>): GraphQLError {
  const at = error instanceof GraphQLError ? error : undefined;
  return new GraphQLError(message, {
    ...(at?.nodes ? { nodes: at.nodes } : {}),
    ...(at?.source ? { source: at.source } : {}),
    ...(at?.positions ? { positions: at.positions } : {}),
    ...(at?.path ? { path: at.path } : {}),
    extensions,
  });
}

/**
 * The one error boundary of GraphQL answers (yoga's `maskError`, so queries, mutations, subscriptions
 * over SSE and graphql-ws alike). Expected failures reach the client typed: `BAD_USER_INPUT` with the
 * field and rule of each issue, `NOT_FOUND`, and any GraphQLError that already carries its code
 * (`UNAUTHENTICATED`, `FORBIDDEN`, `RATE_LIMITED`, `QUERY_TOO_DEEP`…). PostgreSQL or Redis away is
 * `SERVICE_UNAVAILABLE` with HTTP 503 and Retry-After. Anything else is a bug: logged once with its
 * stack and the request id, answered `INTERNAL_SERVER_ERROR` with only that id.
 */
export function createErrorMasking(log: Logger) {
  return function maskError(error: unknown, message: string): Error {
    const thrown = thrownError(error);
    if (thrown instanceof GraphQLError) return error as Error;
    if (thrown instanceof InputError || thrown instanceof MetricImportRefused) {
      return located(error, thrown.message, { code: 'BAD_USER_INPUT', issues: thrown.issues });
    }
    if (thrown instanceof NotFoundError) return located(error, thrown.message, { code: 'NOT_FOUND', id: thrown.id });
    if (thrown instanceof PothosValidationError) return located(error, thrown.message, { code: 'BAD_USER_INPUT' });

    const requestId = currentRequestScope()?.requestId ?? randomUUID();
    const path = error instanceof GraphQLError ? error.path?.join('.') : undefined;
    if (error && typeof error === 'object') loggedErrors.add(error);
    const dependency = unavailableDependency(thrown);
    if (dependency) {
      log.warn({ requestId, path, err: thrown }, `${dependency} unavailable`);
      return located(error, `${dependency} is unavailable right now: retry in ${dependencyRetryAfterSeconds} s.`, {
        code: 'SERVICE_UNAVAILABLE',
        requestId,
        dependency,
        retryAfterSeconds: dependencyRetryAfterSeconds,
        http: { status: 503, headers: { 'Retry-After': String(dependencyRetryAfterSeconds) } },
      });
    }
    log.error({ requestId, path, err: thrown }, 'unexpected error');
    return located(error, `${message} Quote request id ${requestId} to find it in the gateway's log.`, { code: 'INTERNAL_SERVER_ERROR', requestId });
  };
}


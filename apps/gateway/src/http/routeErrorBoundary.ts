import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { dependencyRetryAfterSeconds, unavailableDependency } from '../edge/dependencyOutage.ts';
import { currentRequestScope } from '../edge/requestIds.ts';
import { jsonResponse } from './jsonResponse.ts';

/**
 * What an HTTP route answers when its handler throws: 503 with Retry-After when PostgreSQL or Redis is
 * unreachable, otherwise 500 with the request id (the error and its stack go to the log, never the body).
 */
export function routeFailure(error: unknown, log: Logger): Response {
  const requestId = currentRequestScope()?.requestId ?? randomUUID();
  const dependency = unavailableDependency(error);
  if (dependency) {
    log.warn({ requestId, err: error }, `${dependency} unavailable`);
    return jsonResponse(
      503,
      { error: `${dependency} is unavailable right now: retry in ${dependencyRetryAfterSeconds} s.`, code: 'SERVICE_UNAVAILABLE', requestId },
      { 'retry-after': String(dependencyRetryAfterSeconds) },
    );
  }
  log.error({ requestId, err: error }, 'unexpected error');
  return jsonResponse(500, { error: `Unexpected error. Quote request id ${requestId} to find it in the gateway's log.`, code: 'INTERNAL_SERVER_ERROR', requestId });
}

export async function withinRouteErrorBoundary(log: Logger, handle: () => Response | Promise<Response>): Promise<Response> {
  try {
    return await handle();
  } catch (error) {
    return routeFailure(error, log);
  }
}

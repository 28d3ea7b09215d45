/**
 * Whether an error means PostgreSQL or Redis cannot be reached (as opposed to a bug or bad input):
 * such a request is answered 503 with Retry-After, and the client tries again. Recognised here once,
 * for errors of pg, ioredis and what wraps them (GraphQL, BullMQ, AggregateError of a dual-stack connect).
 */
export type UnavailableDependency = 'PostgreSQL' | 'Redis' | 'PostgreSQL or Redis';

/** Seconds a client is asked to wait when a dependency is down. */
export const dependencyRetryAfterSeconds = 5;

const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);
// SQLSTATE: class 08 connection exception; 57P01–57P03 server shutting down or starting; 53300 too many connections.
const postgresStates = /^(08...|57P0[123]|53300)$/;
const postgresMessages = /Connection terminated|timeout exceeded when trying to connect|connection error and is not queryable|the database system is (starting up|shutting down)/i;
const redisMessages = /enableOfflineQueue|Connection is closed\.|Reached the max retries per request limit|Redis connection .*lost/i;

export function unavailableDependency(error: unknown, depth = 0): UnavailableDependency | null {
  if (!error || typeof error !== 'object' || depth > 6) return null;
  const e = error as { name?: unknown; message?: unknown; code?: unknown; originalError?: unknown; cause?: unknown; errors?: unknown };
  const message = typeof e.message === 'string' ? e.message : '';
  if (e.name === 'MaxRetriesPerRequestError' || redisMessages.test(message)) return 'Redis';
  if (typeof e.code === 'string' && postgresStates.test(e.code)) return 'PostgreSQL';
  if (postgresMessages.test(message)) return 'PostgreSQL';
  if (typeof e.code === 'string' && socketCodes.has(e.code)) return 'PostgreSQL or Redis';
  for (const inner of [e.originalError, e.cause, ...(Array.isArray(e.errors) ? e.errors : [])]) {
    const found = unavailableDependency(inner, depth + 1);
    if (found) return found;
  }
  return null;
}

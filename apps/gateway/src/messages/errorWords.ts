import type { WorkspaceRole } from '../context.ts';

/** Why a ForbiddenError refused (`extensions.reason`): worded per language; OTHER keeps the gateway's English. */
export type ForbiddenReason = 'ROLE' | 'SIGNED_IN' | 'NO_WORKSPACE' | 'SIGN_UP_CLOSED' | 'CROSS_SITE' | 'OTHER';

/** The limits a document may break before anything runs (edge/queryLimits.ts), by `extensions.code`. */
export const queryLimitCodes = ['QUERY_TOO_MANY_TOKENS', 'QUERY_TOO_DEEP', 'QUERY_TOO_MANY_ALIASES', 'QUERY_TOO_MANY_DIRECTIVES', 'QUERY_TOO_COMPLEX'] as const;
export type QueryLimitCode = (typeof queryLimitCodes)[number];

/** What a node id names, for "no such plan": the GraphQL type of the id. */
export type NodeTypename = string | null;

/** One language's words for the GraphQL errors of the API (their `extensions.code` stays as it is). */
export interface ErrorWords {
  unauthenticated: string;
  forbidden(reason: Exclude<ForbiddenReason, 'OTHER'>, detail: { role: WorkspaceRole | null; requiredRole: WorkspaceRole | null }): string;
  notFound(typename: NodeTypename, id: string): string;
  rateLimited(retryAfterSeconds: number, window: { limit: number; windowSeconds: number }): string;
  queryLimit(code: QueryLimitCode, limit: number, found: number | null): string;
  serviceUnavailable(dependency: string, retryAfterSeconds: number): string;
  internal(requestId: string): string;
}

import { decodeGlobalID } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import { ForbiddenError } from '../auth/refusals.ts';
import type { InputIssue } from '../errors.ts';
import { queryLimitCodes, type NodeTypename, type QueryLimitCode } from './errorWords.ts';
import { apiMessageCatalogs, inputErrorText, issueText } from './messageCatalog.ts';
import type { ApiLocale } from './requestLocale.ts';

/** The GraphQL type a global id names, or null for an id that is not one. */
export function typenameOfId(id: string): NodeTypename {
  try {
    return decodeGlobalID(id).typename || null;
  } catch {
    return null;
  }
}

const numberOr = (x: unknown, fallback: number) => (typeof x === 'number' && Number.isFinite(x) ? x : fallback);

/** A FORBIDDEN refusal in the locale, from its reason and roles; null when its reason is not one a language words. */
export function forbiddenText(locale: ApiLocale, refusal: Pick<ForbiddenError, 'reason' | 'role' | 'requiredRole'>): string | null {
  const words = apiMessageCatalogs[locale].errors;
  if (!words || refusal.reason === 'OTHER') return null;
  return words.forbidden(refusal.reason, { role: refusal.role, requiredRole: refusal.requiredRole });
}

/** The ForbiddenError under the GraphQLError(s) that located it. */
function refusalUnder(error: unknown): ForbiddenError | null {
  let current = error;
  while (current instanceof GraphQLError) {
    if (current instanceof ForbiddenError) return current;
    current = current.originalError;
  }
  return null;
}

export function notFoundText(locale: ApiLocale, id: string): string | null {
  return apiMessageCatalogs[locale].errors?.notFound(typenameOfId(id), id) ?? null;
}

/** The message of a GraphQL error (`errors[]`) in the locale, by its `extensions.code`; null keeps the message it has. */
export function errorMessageIn(locale: ApiLocale, error: GraphQLError): string | null {
  const words = apiMessageCatalogs[locale].errors;
  if (!words) return null;
  const x = error.extensions;
  switch (x.code) {
    case 'UNAUTHENTICATED': return words.unauthenticated;
    case 'FORBIDDEN': {
      const refusal = refusalUnder(error);
      return refusal ? forbiddenText(locale, refusal) : null;
    }
    case 'NOT_FOUND': return typeof x.id === 'string' ? notFoundText(locale, x.id) : null;
    case 'SERVICE_UNAVAILABLE': return typeof x.dependency === 'string' ? words.serviceUnavailable(x.dependency, numberOr(x.retryAfterSeconds, 1)) : null;
    case 'INTERNAL_SERVER_ERROR': return typeof x.requestId === 'string' ? words.internal(x.requestId) : null;
    case 'BAD_USER_INPUT': return Array.isArray(x.issues) && x.issues.length > 0 ? inputErrorText(locale, x.issues as InputIssue[]) : null;
  }
  if (queryLimitCodes.includes(x.code as QueryLimitCode) && typeof x.limit === 'number') {
    return words.queryLimit(x.code as QueryLimitCode, x.limit, typeof x.found === 'number' ? x.found : null);
  }
  return null;
}

/** The error in the locale: its message and its issues' messages worded, everything else as it was. */
export function graphqlErrorIn(locale: ApiLocale, error: GraphQLError): GraphQLError {
  const message = errorMessageIn(locale, error);
  const issues = error.extensions.code === 'BAD_USER_INPUT' && Array.isArray(error.extensions.issues) ? (error.extensions.issues as InputIssue[]) : null;
  if (message === null && !issues) return error;
  return new GraphQLError(message ?? error.message, {
    ...(error.nodes ? { nodes: error.nodes } : {}),
    ...(error.source ? { source: error.source } : {}),
    ...(error.positions ? { positions: error.positions } : {}),
    ...(error.path ? { path: error.path } : {}),
    originalError: error.originalError,
    extensions: issues ? { ...error.extensions, issues: issues.map((i) => ({ ...i, message: issueText(locale, i) })) } : error.extensions,
  });
}

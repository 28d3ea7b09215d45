import type { AuthFailure } from '@pothos/plugin-scope-auth';
import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import type { GatewayContext, WorkspaceRole } from '../context.ts';
import type { ForbiddenReason } from '../messages/errorWords.ts';

/**
 * A refused action: the caller's role (or credential) does not allow it. Returned inside a mutation's
 * payload union (nothing was written), raised as a GraphQL error with code FORBIDDEN on other fields.
 * `requiredRole` is the least role that may do it; null when it needs a signed-in person instead.
 */
export class ForbiddenError extends GraphQLError {
  constructor(
    message: string,
    readonly requiredRole: WorkspaceRole | null,
    /** Why, for the message catalog to word it in the request's language (OTHER: this English only). */
    readonly reason: ForbiddenReason = 'OTHER',
    /** The caller's role, when the role is what falls short. */
    readonly role: WorkspaceRole | null = null,
  ) {
    super(message, { extensions: { code: 'FORBIDDEN', requiredRole } });
  }
}

/**
 * No credential, or one that is unknown, revoked or expired: the same answer either way (HTTP 401,
 * code UNAUTHENTICATED), so that a probe learns nothing about which tokens once existed.
 */
export function unauthenticatedError(): GraphQLError {
  return new GraphQLError(
    'Authentication required: send `Authorization: Bearer <API token>` with a valid token, or sign in (signIn) and send the session cookie. (npm start prints a demo token and sign-in.)',
    { extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="goalpost"' } } } },
  );
}

function scopesOf(failure: AuthFailure): string[] {
  if (failure.kind === 'AuthScope') return [String(failure.scope)];
  if (failure.kind === 'AnyAuthScopes' || failure.kind === 'AllAuthScopes') return failure.failures.flatMap(scopesOf);
  return [];
}

export const roleOfScope = { member: 'VIEWER', editor: 'EDITOR', owner: 'OWNER' } as const satisfies Record<string, WorkspaceRole>;

/**
 * The scopes a field declares itself (a static map; Pothos keeps its options on the field), so that a
 * refusal by the type's scope (EDITOR for mutations) still names what the field needs (e.g. OWNER).
 */
function declaredScopes(info: GraphQLResolveInfo): string[] {
  const field = info.parentType.getFields()[info.fieldName];
  const scopes = (field?.extensions as { pothosOptions?: { authScopes?: unknown } } | undefined)?.pothosOptions?.authScopes;
  return scopes && typeof scopes === 'object' ? Object.entries(scopes).filter(([, on]) => on === true).map(([name]) => name) : [];
}

/** The answer to a failed scope check (scope-auth's unauthorizedError): who is missing what. */
export function scopeRefusal(ctx: GatewayContext, info: GraphQLResolveInfo, failure: AuthFailure): GraphQLError {
  if (!ctx.auth.identity) return unauthenticatedError();
  const scopes = [...scopesOf(failure), ...declaredScopes(info)];
  if (scopes.includes('signedIn')) {
    return new ForbiddenError('This needs a signed-in person (signIn); an API token acts only within its own workspace. Nothing was changed.', null, 'SIGNED_IN');
  }
  if (!ctx.caller) return new ForbiddenError(`${ctx.auth.workspaceRefusal ?? 'No workspace to act in.'} Nothing was changed.`, 'VIEWER', 'NO_WORKSPACE');
  const needed: WorkspaceRole = scopes.includes('owner') ? 'OWNER' : scopes.includes('editor') ? 'EDITOR' : 'VIEWER';
  return forbiddenFor(ctx.caller.role, needed);
}

export function forbiddenFor(role: WorkspaceRole, needed: WorkspaceRole): ForbiddenError {
  return new ForbiddenError(`Your role in this workspace is ${role}. This needs the ${needed} role${needed === 'OWNER' ? '' : ' or higher'}. Nothing was changed.`, needed, 'ROLE', role);
}

/** Whether `role` includes what `needed` may do (OWNER ⊃ EDITOR ⊃ VIEWER). */
export function roleAllows(role: WorkspaceRole, needed: WorkspaceRole): boolean {
  const rank: Record<WorkspaceRole, number> = { VIEWER: 0, EDITOR: 1, OWNER: 2 };
  return rank[role] >= rank[needed];
}

import { findLiveApiToken } from '@goalpost/db';
import { GraphQLError } from 'graphql';
import type { Caller, GatewayDeps } from '../context.ts';
import { hashApiToken } from './apiTokenHash.ts';

/**
 * `Authorization: Bearer <token>` → the caller's workspace. No header: an anonymous caller, who can
 * read the schema but no field (scope-auth). A header that names no live token: 401 at once, since the
 * client clearly meant to authenticate.
 */
export async function callerFromAuthorization(deps: Pick<GatewayDeps, 'db'>, header: string | null | undefined): Promise<Caller | null> {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  const token = match ? await findLiveApiToken(deps.db, hashApiToken(match[1]!)) : undefined;
  if (!token) {
    throw new GraphQLError('The bearer token is not valid: send `Authorization: Bearer <token>` with a token of your workspace.', {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  }
  // Until tokens carry a role of their own, a workspace token (the bootstrap one included) acts as its owner.
  return { workspaceId: token.workspaceId, role: 'OWNER', tokenId: token.id };
}

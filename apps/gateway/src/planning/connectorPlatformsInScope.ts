import { findSocialAccounts, listSocialAccountsOfPlatform, type Db } from '@goalpost/db';
import type { Platform } from '@goalpost/domain';

/**
 * The platforms whose APIs a key result's data comes from, for its metric deprecations: a retired API
 * metric concerns CONNECTOR accounts only (pushed, imported, typed-in and demo data do not go through
 * it). A platform scope with no account yet counts too: it is most likely to be connected.
 */
export async function connectorPlatformsInScope(
  db: Db,
  workspaceId: string,
  scope: { accountId?: string | null | undefined; platform?: string | null | undefined },
): Promise<Platform[]> {
  const accounts = scope.accountId
    ? await findSocialAccounts(db, workspaceId, [scope.accountId])
    : scope.platform ? await listSocialAccountsOfPlatform(db, workspaceId, scope.platform) : [];
  if (scope.platform && !scope.accountId && accounts.length === 0) return [scope.platform as Platform];
  return [...new Set(accounts.filter((a) => a.source === 'CONNECTOR').map((a) => a.platform as Platform))];
}

import type { SocialAccountRow } from '@goalpost/db';
import type { Platform } from '@goalpost/domain';

/**
 * The platforms whose APIs a key result's data comes from, for its metric deprecations, given the
 * accounts of its scope (`listScopeAccounts`): a retired API metric concerns CONNECTOR accounts only
 * (pushed, imported, typed-in and demo data do not go through it). A platform scope with no account yet
 * counts too: it is most likely to be connected.
 */
export function connectorPlatformsInScope(
  accounts: readonly SocialAccountRow[],
  scope: { accountId?: string | null | undefined; platform?: string | null | undefined },
): Platform[] {
  if (scope.platform && !scope.accountId && accounts.length === 0) return [scope.platform as Platform];
  return [...new Set(accounts.filter((a) => a.source === 'CONNECTOR').map((a) => a.platform as Platform))];
}

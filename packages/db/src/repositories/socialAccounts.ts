import type { Db } from '../createDb.ts';
import type { SocialAccountRow } from '../schema.ts';

export async function upsertSocialAccount(
  db: Db,
  workspaceId: string,
  values: { platform: string; handle: string; source: string; credentials: unknown; externalId?: string | null; status?: string },
): Promise<SocialAccountRow> {
  return db
    .insertInto('social_accounts')
    .values({
      workspace_id: workspaceId,
      platform: values.platform,
      handle: values.handle,
      source: values.source,
      credentials: values.credentials === undefined ? null : JSON.stringify(values.credentials),
      external_id: values.externalId ?? null,
      status: values.status ?? 'ACTIVE',
    })
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'platform', 'handle']).doUpdateSet((eb) => ({
        source: eb.ref('excluded.source'),
        credentials: eb.ref('excluded.credentials'),
        external_id: eb.ref('excluded.external_id'),
        status: eb.ref('excluded.status'),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The account connectAccount would update (accounts are unique per workspace, platform and handle). */
export async function findSocialAccountByHandle(db: Db, workspaceId: string, platform: string, handle: string): Promise<SocialAccountRow | undefined> {
  return db
    .selectFrom('social_accounts')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('platform', '=', platform)
    .where('handle', '=', handle)
    .executeTakeFirst();
}

export async function findSocialAccounts(db: Db, workspaceId: string, ids: readonly string[]): Promise<SocialAccountRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('social_accounts').selectAll().where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
}

export async function listSocialAccounts(db: Db, workspaceId: string): Promise<SocialAccountRow[]> {
  return db.selectFrom('social_accounts').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').orderBy('id').execute();
}

export async function listSocialAccountsOfPlatform(db: Db, workspaceId: string, platform: string): Promise<SocialAccountRow[]> {
  return db
    .selectFrom('social_accounts')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('platform', '=', platform)
    .execute();
}

export async function markAccountSynced(db: Db, workspaceId: string, accountId: string, at: Date): Promise<void> {
  await db
    .updateTable('social_accounts')
    .set({ last_synced_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', accountId)
    .execute();
}

/** A fetch's verdict (ERROR, NEEDS_REAUTH); an account disconnected meanwhile stays DISCONNECTED. */
export async function setAccountStatus(db: Db, workspaceId: string, accountId: string, status: string): Promise<void> {
  await db
    .updateTable('social_accounts')
    .set({ status })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', accountId)
    .where('status', '!=', 'DISCONNECTED')
    .execute();
}

/**
 * Accounts a key result reads: the one it names, or every account of its platform in the workspace, in
 * id order (evaluation fingerprints their points versions in that order).
 */
export async function listScopeAccounts(
  db: Db,
  workspaceId: string,
  scope: { accountId?: string | null | undefined; platform?: string | null | undefined },
): Promise<SocialAccountRow[]> {
  if (!scope.accountId && !scope.platform) return [];
  let query = db.selectFrom('social_accounts').selectAll().where('workspace_id', '=', workspaceId);
  query = scope.accountId ? query.where('id', '=', scope.accountId) : query.where('platform', '=', scope.platform!);
  return query.orderBy('id').execute();
}

/** The ids of `listScopeAccounts`. */
export async function listScopeAccountIds(
  db: Db,
  workspaceId: string,
  scope: { accountId?: string | null | undefined; platform?: string | null | undefined },
): Promise<string[]> {
  return (await listScopeAccounts(db, workspaceId, scope)).map((a) => a.id);
}

/** Meta webhooks name accounts by the platform's id; any workspace may have connected the same Page. */
export async function listAccountsByExternalId(db: Db, platforms: readonly string[], externalId: string): Promise<SocialAccountRow[]> {
  return db
    .selectFrom('social_accounts')
    .selectAll()
    .where('platform', 'in', platforms)
    .where('external_id', '=', externalId)
    .where('status', '=', 'ACTIVE')
    .execute();
}

/** Replaces an account's sealed credentials (a refreshed token, a reseal under the current key, a new authorisation). */
export async function updateAccountCredentials(db: Db, workspaceId: string, accountId: string, credentials: unknown, status?: string): Promise<void> {
  let query = db
    .updateTable('social_accounts')
    .set({ credentials: JSON.stringify(credentials), ...(status ? { status } : {}) })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', accountId);
  // A token refreshed by a fetch in flight must not bring back the credentials of an account disconnected meanwhile;
  // a new authorisation (which sets the status) reconnects it.
  if (!status) query = query.where('status', '!=', 'DISCONNECTED');
  await query.execute();
}

/** Wipes an account's credentials and marks it DISCONNECTED; its points stay. */
export async function disconnectSocialAccount(db: Db, workspaceId: string, accountId: string): Promise<SocialAccountRow | undefined> {
  return db
    .updateTable('social_accounts')
    .set({ credentials: null, status: 'DISCONNECTED' })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', accountId)
    .returningAll()
    .executeTakeFirst();
}

/** What a key result reads: the account it names, or every account of its platform in the workspace. */
export interface AccountScope {
  accountId?: string | null | undefined;
  platform?: string | null | undefined;
}

/** An account as evaluation fingerprints it. */
export type ScopeAccount = Pick<SocialAccountRow, 'id' | 'platform' | 'points_version'>;

/**
 * The accounts the key results of a plan read (archived objectives and key results out), in one
 * statement and in id order: evaluation reads them once per run and picks each key result's with
 * `accountsInScope`, instead of one read per key result.
 */
export async function listAccountsReadByPlan(db: Db, workspaceId: string, planId: string): Promise<ScopeAccount[]> {
  // The plan's key results once (uncorrelated subqueries): the cost follows the plan and the
  // workspace's accounts, never accounts × key results.
  const planKeyResults = db
    .selectFrom('key_results as kr')
    .innerJoin('objectives as o', 'o.id', 'kr.objective_id')
    .where('kr.workspace_id', '=', workspaceId)
    .where('o.plan_id', '=', planId)
    .where('o.archived_at', 'is', null)
    .where('kr.archived_at', 'is', null);
  return db
    .selectFrom('social_accounts as a')
    .select(['a.id', 'a.platform', 'a.points_version'])
    .where('a.workspace_id', '=', workspaceId)
    .where((eb) => eb.or([
      eb('a.id', 'in', planKeyResults.select('kr.account_id').where('kr.account_id', 'is not', null)),
      eb('a.platform', 'in', planKeyResults.select('kr.platform').where('kr.account_id', 'is', null).where('kr.platform', 'is not', null)),
    ]))
    .orderBy('a.id')
    .execute();
}

/** One scope's accounts out of `listAccountsReadByPlan`, in its order: what `listScopeAccounts` would read. */
export function accountsInScope<A extends Pick<SocialAccountRow, 'id' | 'platform'>>(accounts: readonly A[], scope: AccountScope): A[] {
  if (scope.accountId) return accounts.filter((a) => a.id === scope.accountId);
  if (scope.platform) return accounts.filter((a) => a.platform === scope.platform);
  return [];
}

/** What a signed webhook needs of the account it names: where it goes, and its workspace's ingest secret. */
export type WebhookAccount = Pick<SocialAccountRow, 'id' | 'workspace_id' | 'source' | 'platform'> & { ingest_secret: string | null };

/**
 * Webhooks only, in one statement: the account a message names, in any workspace, with the secret of
 * the workspace that decides whether the signature verifies.
 */
export async function findWebhookAccount(db: Db, accountId: string): Promise<WebhookAccount | undefined> {
  return db
    .selectFrom('social_accounts as a')
    .innerJoin('workspaces as w', 'w.id', 'a.workspace_id')
    .select(['a.id', 'a.workspace_id', 'a.source', 'a.platform', 'w.ingest_secret'])
    .where('a.id', '=', accountId)
    .executeTakeFirst();
}

import { insertAlertOnce, setAccountStatus, type SocialAccountRow } from '@goalpost/db';
import { createHash } from 'node:crypto';
import type { WorkerDeps } from '../workerDeps.ts';

/**
 * The platform refused the account's token and no refresh helped: the account stops being fetched
 * (NEEDS_REAUTH) and one alert tells its owners to authorise it again. The alert's dedup key names the
 * credentials it was raised for, so a retry raises nothing new while a later expiry, after the account
 * was re-authorised, raises a new alert.
 */
export async function raiseAccountNeedsReauth(deps: WorkerDeps, account: SocialAccountRow, reason: string): Promise<void> {
  const credentialsVersion = createHash('sha256').update(JSON.stringify(account.credentials ?? null)).digest('hex').slice(0, 16);
  const alert = await deps.db.transaction().execute(async (tx) => {
    await setAccountStatus(tx, account.workspace_id, account.id, 'NEEDS_REAUTH');
    return insertAlertOnce(tx, account.workspace_id, {
      planId: null,
      objectiveId: null,
      keyResultId: null,
      accountId: account.id,
      kind: 'ACCOUNT_NEEDS_REAUTH',
      severity: 'CRITICAL',
      message: `${account.platform} account ${account.handle} needs re-authorising (${reason}). Its metrics are not fetched until someone authorises it again with reauthorizeAccount.`,
      dedupKey: `account-needs-reauth:${account.id}:${credentialsVersion}`,
    });
  });
  deps.log.warn({ accountId: account.id, platform: account.platform }, 'account needs re-authorising');
  if (alert) await deps.queues.enqueueDelivery({ workspaceId: account.workspace_id, alertId: alert.id });
}

import type { Db } from '../createDb.ts';

const normalised = (email: string) => email.trim().toLowerCase();

/** The event kinds each of these addresses opted out of in the workspace (addresses without any are absent). */
export async function listEmailOptOuts(db: Db, workspaceId: string, emails: readonly string[]): Promise<Map<string, Set<string>>> {
  const result = new Map<string, Set<string>>();
  if (emails.length === 0) return result;
  const rows = await db.selectFrom('email_opt_outs').select(['email', 'event']).where('workspace_id', '=', workspaceId).where('email', 'in', emails.map(normalised)).execute();
  for (const row of rows) result.set(row.email, (result.get(row.email) ?? new Set()).add(row.event));
  return result;
}

/** Adds one opt-out; true when it is new. */
export async function addEmailOptOut(db: Db, workspaceId: string, email: string, event: string, now: Date): Promise<boolean> {
  const inserted = await db
    .insertInto('email_opt_outs')
    .values({ workspace_id: workspaceId, email: normalised(email), event, created_at: now })
    .onConflict((oc) => oc.columns(['workspace_id', 'email', 'event']).doNothing())
    .returning('event')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Replaces an address's opt-outs in the workspace with exactly these event kinds, in one transaction. */
export async function setEmailOptOuts(db: Db, workspaceId: string, email: string, events: readonly string[], now: Date): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('email_opt_outs').where('workspace_id', '=', workspaceId).where('email', '=', normalised(email)).execute();
    if (events.length > 0) {
      await tx.insertInto('email_opt_outs').values(events.map((event) => ({ workspace_id: workspaceId, email: normalised(email), event, created_at: now }))).execute();
    }
  });
}

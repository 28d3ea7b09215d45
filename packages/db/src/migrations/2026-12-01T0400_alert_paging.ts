import type { Kysely } from 'kysely';

/**
 * Alerts are paged newest first by (created_at, id): the workspace's (viewer.alerts), a plan's and an
 * account's. These indexes let each page start at its cursor instead of sorting every alert.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time, never typed by the app's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('alerts_workspace_page').on('alerts').columns(['workspace_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('alerts_plan_page').on('alerts').columns(['plan_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('alerts_account_page').on('alerts').columns(['account_id', 'created_at', 'id']).where('account_id', 'is not', null).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}

import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time, never typed by the app's schema
export async function up(db: Kysely<any>): Promise<void> {
  // The platform's own id of the account (a Facebook Page id, an Instagram user id): webhooks name it.
  await db.schema.alterTable('social_accounts').addColumn('external_id', 'text').execute();
  await db.schema.createIndex('social_accounts_external').on('social_accounts').columns(['platform', 'external_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}

import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time, never typed by the app's schema
export async function up(db: Kysely<any>): Promise<void> {
  // Bumped in the same statement that writes an account's points: evaluation sees at a glance whether anything moved.
  await db.schema.alterTable('social_accounts').addColumn('points_version', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
  // What the last evaluation of a key result read (its definition, its accounts' versions, the day): unchanged means skip.
  await db.schema.alterTable('key_results').addColumn('inputs_fingerprint', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}

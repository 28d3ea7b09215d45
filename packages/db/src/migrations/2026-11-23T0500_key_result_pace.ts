import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time, never typed by the app's schema
export async function up(db: Kysely<any>): Promise<void> {
  // The path expected progress follows from start to deadline (LINEAR, FRONT_LOADED, BACK_LOADED, S_CURVE).
  await db.schema.alterTable('key_results').addColumn('pace', 'text', (c) => c.notNull().defaultTo('LINEAR')).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}

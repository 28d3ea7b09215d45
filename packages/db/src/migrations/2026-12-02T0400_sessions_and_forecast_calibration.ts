import type { Kysely } from 'kysely';

/**
 * Sessions keep the user agent they were started with, so a person can tell their sessions apart
 * (viewer.sessions) and end one (revokeSession). Key results keep the scale their forecast interval
 * was calibrated to on their own history, and the day it was, so each evaluation applies it without
 * backtesting again.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time, never typed by the app's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('user_agent', 'text').execute();
  await db.schema
    .alterTable('key_results')
    .addColumn('forecast_interval_scale', 'double precision')
    .addColumn('forecast_calibrated_on', 'date')
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}

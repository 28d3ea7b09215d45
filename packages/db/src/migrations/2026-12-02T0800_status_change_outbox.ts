import { type Kysely, sql } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time, never typed by the app's schema
export async function up(db: Kysely<any>): Promise<void> {
  // Every status change an evaluation decided, written in the evaluation's own statement, with the data
  // its STATUS_CHANGED deliveries carry. `fanned_out_at` says its deliveries exist; a row without it (a
  // crash between the evaluation's write and the fan-out) is fanned out by the evaluate-plans sweep. The
  // key is the deliveries' event key, so a change is recorded once however often it is decided.
  await db.schema
    .createTable('status_change_outbox')
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('event_key', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('fanned_out_at', 'timestamptz')
    .addPrimaryKeyConstraint('status_change_outbox_pk', ['workspace_id', 'event_key'])
    .execute();
  await db.schema.createIndex('status_change_outbox_pending').on('status_change_outbox').column('created_at').where(sql.ref('fanned_out_at'), 'is', null).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}

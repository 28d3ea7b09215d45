import { type Kysely, sql } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time, never typed by the app's schema
export async function up(db: Kysely<any>): Promise<void> {
  // One row per plan and ISO week whose digest is due: the primary key is what keeps a week from being
  // sent twice, whatever the number of sweeps, workers or restarts. `fanned_out_at` says its deliveries
  // exist; a row without it (a crash between the claim and the fan-out) is picked up again by the sweep.
  await db.schema
    .createTable('plan_digests')
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('iso_week', 'text', (c) => c.notNull())
    .addColumn('week_of', 'date', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('fanned_out_at', 'timestamptz')
    .addColumn('deliveries', 'integer')
    .addPrimaryKeyConstraint('plan_digests_pk', ['plan_id', 'iso_week'])
    .execute();
  await db.schema.createIndex('plan_digests_pending').on('plan_digests').column('created_at').where(sql.ref('fanned_out_at'), 'is', null).execute();

  // When a resolution was handed to the channels: a resolved alert without it (lost to a crash between
  // the evaluation's commit and the enqueue) is re-enqueued by the sweep, as unpublished raised ones are.
  // Alerts resolved before this column existed count as handed over.
  await db.schema.alterTable('alerts').addColumn('resolution_published_at', 'timestamptz').execute();
  await sql`UPDATE alerts SET resolution_published_at = resolved_at WHERE resolved_at IS NOT NULL`.execute(db);
  await db.schema.createIndex('alerts_resolution_unpublished').on('alerts').column('resolved_at')
    .where(sql.ref('resolution_published_at'), 'is', null).execute();

  // E-mail deliveries go out one message per address: the addresses already sent to, so a retry after
  // a refusal halfway through the list sends to the rest only (a replay clears it).
  await db.schema.alterTable('notification_deliveries').addColumn('sent_to', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`)).execute();

  // The e-mails an address does not want from a workspace, one row per event kind: members choose them
  // (updateEmailPreferences), and anyone can add one with the signed link every e-mail carries.
  await db.schema
    .createTable('email_opt_outs')
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    // Normalised: trimmed, lower case (as users' e-mails are).
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('email_opt_outs_pk', ['workspace_id', 'email', 'event'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}

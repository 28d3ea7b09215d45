import { type Kysely, sql } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time, never typed by the app's schema
export async function up(db: Kysely<any>): Promise<void> {
  // Where a workspace's alerts go. The webhook or Slack URL and the signing secret are sealed (AES-GCM,
  // CREDENTIALS_KEYS): an incoming-webhook URL is a bearer secret, and the signing secret must be read
  // back to sign, so it cannot be hashed. Only the URL's host is kept in clear, to show which it is.
  await db.schema
    .createTable('notification_channels')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('events', sql`text[]`, (c) => c.notNull())
    .addColumn('min_severity', 'text', (c) => c.notNull())
    // Empty: every plan of the workspace.
    .addColumn('plan_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('url_sealed', 'jsonb')
    .addColumn('url_host', 'text')
    .addColumn('secret_sealed', 'jsonb')
    .addColumn('email_addresses', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    // Since when every delivery has failed (null once one succeeds); what disabled the channel.
    .addColumn('failing_since', 'timestamptz')
    .addColumn('disabled_reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('notification_channels_kind', sql`kind IN ('WEBHOOK', 'SLACK', 'EMAIL')`)
    .addCheckConstraint('notification_channels_target', sql`(kind = 'EMAIL') = (url_sealed IS NULL) AND (kind = 'WEBHOOK') = (secret_sealed IS NOT NULL)`)
    .execute();
  await db.schema.createIndex('notification_channels_workspace').on('notification_channels').columns(['workspace_id', 'created_at']).execute();

  // One row per (event, channel): the unique key is what keeps an event from reaching a channel twice.
  await db.schema
    .createTable('notification_deliveries')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('channel_id', 'uuid', (c) => c.notNull().references('notification_channels.id').onDelete('cascade'))
    .addColumn('event', 'text', (c) => c.notNull())
    // What happened, e.g. `alert-raised-<alert id>`; a test send has its own key.
    .addColumn('event_key', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('PENDING'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('notification_deliveries_once', ['channel_id', 'event_key'])
    .addCheckConstraint('notification_deliveries_status', sql`status IN ('PENDING', 'RETRYING', 'DELIVERED', 'FAILED')`)
    .execute();
  await db.schema.createIndex('notification_deliveries_page').on('notification_deliveries').columns(['channel_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('notification_attempts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('delivery_id', 'uuid', (c) => c.notNull().references('notification_deliveries.id').onDelete('cascade'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('error', 'text')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notification_attempts_delivery').on('notification_attempts').columns(['delivery_id', 'attempt']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}

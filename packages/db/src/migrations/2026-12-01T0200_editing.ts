import { type Kysely, sql } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time, never typed by the app's schema
export async function up(db: Kysely<any>): Promise<void> {
  // Removal of something with history archives it: the row stays (history, audit, node(id)) but lists,
  // evaluation and plan health skip it. Children are archived with their parent.
  for (const table of ['business_goals', 'objectives', 'key_results', 'themes', 'content_items']) {
    await db.schema.alterTable(table).addColumn('archived_at', 'timestamptz').execute();
  }

  // Objectives are ordered like key results; existing ones keep their creation order (ties break on created_at).
  await db.schema.alterTable('objectives').addColumn('position', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('objectives_plan_position').on('objectives').columns(['plan_id', 'position']).execute();

  // Owners are workspace members. The members table comes with the teams migration (2026-12-01T0100_teams);
  // the foreign keys to workspace_members(id) are left to a migration that runs after both.
  await db.schema.alterTable('objectives').addColumn('owner_member_id', 'uuid').execute();
  await db.schema
    .alterTable('key_results')
    .addColumn('owner_member_id', 'uuid')
    // When the owner was set: the check-in cadence counts from then, not from before they owned it.
    .addColumn('owner_assigned_at', 'timestamptz')
    // Bumped when what the key result measures or aims at changes (metric, scope, direction, baseline,
    // target, pace, the objective's dates); each history row carries the version it was evaluated under.
    .addColumn('definition_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('definition_changed_at', 'timestamptz')
    .execute();
  await db.schema
    .alterTable('key_result_evaluations')
    .addColumn('definition_version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('check_ins')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Insertion order: the tie-break when two check-ins share a timestamp, and the keyset cursor.
    .addColumn('seq', 'bigserial', (c) => c.notNull().unique())
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('key_result_id', 'uuid', (c) => c.notNull().references('key_results.id').onDelete('cascade'))
    .addColumn('author_user_id', 'uuid')
    .addColumn('author_token_id', 'uuid')
    .addColumn('confidence', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('check_ins_confidence', sql`confidence BETWEEN 1 AND 10`)
    .execute();
  await db.schema.createIndex('check_ins_key_result').on('check_ins').columns(['key_result_id', 'seq']).execute();

  // Append-only. No foreign keys to the entities it describes: an entry outlives what it names.
  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('seq', 'bigserial', (c) => c.notNull().unique())
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id'))
    .addColumn('plan_id', 'uuid')
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'uuid')
    .addColumn('actor_token_id', 'uuid')
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'uuid', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .execute();
  await db.schema.createIndex('audit_events_workspace').on('audit_events').columns(['workspace_id', 'seq']).execute();
  await db.schema.createIndex('audit_events_plan').on('audit_events').columns(['plan_id', 'seq']).execute();

  // Never editable: the database itself refuses to change or remove an entry, whoever asks.
  await sql`
    CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END
    $$`.execute(db);
  await sql`
    CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`.execute(db);
  await sql`
    CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}

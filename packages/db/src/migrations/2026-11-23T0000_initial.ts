import { type Kysely, sql } from 'kysely';

// Frozen in time: written against Kysely<any>, never importing app types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time, never typed by the app's schema
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pgcrypto`.execute(db);

  await db.schema
    .createTable('workspaces')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('ingest_secret', 'text')
    .addColumn('ingest_secret_rotated_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('plans')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('ACTIVE'))
    .addColumn('settings', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('plans_period', sql`ends_on > starts_on`)
    .execute();
  await db.schema.createIndex('plans_workspace').on('plans').columns(['workspace_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('business_goals')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('business_goals_plan').on('business_goals').columns(['plan_id']).execute();

  await db.schema
    .createTable('objectives')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('goal_id', 'uuid', (c) => c.notNull().references('business_goals.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('framework', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('deadline', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('NO_DATA'))
    .addColumn('score', 'double precision')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('objectives_period', sql`deadline > starts_on`)
    .execute();
  await db.schema.createIndex('objectives_plan').on('objectives').columns(['plan_id']).execute();
  await db.schema.createIndex('objectives_goal').on('objectives').columns(['goal_id']).execute();

  await db.schema
    .createTable('social_accounts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('handle', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('ACTIVE'))
    .addColumn('credentials', 'jsonb')
    .addColumn('last_synced_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('social_accounts_handle', ['workspace_id', 'platform', 'handle'])
    .execute();

  await db.schema
    .createTable('key_results')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('objective_id', 'uuid', (c) => c.notNull().references('objectives.id').onDelete('cascade'))
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('account_id', 'uuid', (c) => c.references('social_accounts.id').onDelete('set null'))
    .addColumn('platform', 'text')
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('baseline', 'double precision')
    .addColumn('target', 'double precision')
    .addColumn('target_change_percent', 'double precision')
    .addColumn('weight', 'double precision', (c) => c.notNull().defaultTo(1))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('NO_DATA'))
    // What the last evaluation used: the baseline from history when none was given, the target resolved from a percentage.
    .addColumn('effective_baseline', 'double precision')
    .addColumn('effective_target', 'double precision')
    .addColumn('current', 'double precision')
    .addColumn('progress', 'double precision')
    .addColumn('expected_progress', 'double precision')
    .addColumn('forecast', 'jsonb')
    .addColumn('evaluated_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('key_results_scope', sql`account_id IS NOT NULL OR platform IS NOT NULL`)
    .execute();
  await db.schema.createIndex('key_results_objective').on('key_results').columns(['objective_id', 'position']).execute();
  await db.schema.createIndex('key_results_account').on('key_results').columns(['account_id']).execute();

  // Idempotent by construction: one value per (account, metric, granularity, bucket).
  await db.schema
    .createTable('metric_points')
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('social_accounts.id').onDelete('cascade'))
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('granularity', 'text', (c) => c.notNull().defaultTo('DAY'))
    .addColumn('bucket_start', 'date', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('metric_points_pk', ['account_id', 'metric', 'granularity', 'bucket_start'])
    .addCheckConstraint('metric_points_finite', sql`value <> 'NaN'::float8 AND value <> 'Infinity'::float8 AND value <> '-Infinity'::float8`)
    .execute();

  // History: one row per key result per data day; a re-run of the same evaluation overwrites it.
  await db.schema
    .createTable('key_result_evaluations')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('key_result_id', 'uuid', (c) => c.notNull().references('key_results.id').onDelete('cascade'))
    .addColumn('evaluated_on', 'date', (c) => c.notNull())
    .addColumn('evaluated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('current', 'double precision')
    .addColumn('progress', 'double precision')
    .addColumn('expected_progress', 'double precision', (c) => c.notNull())
    .addColumn('forecast', 'jsonb')
    .addUniqueConstraint('key_result_evaluations_day', ['key_result_id', 'evaluated_on'])
    .execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('plan_id', 'uuid', (c) => c.references('plans.id').onDelete('cascade'))
    .addColumn('objective_id', 'uuid', (c) => c.references('objectives.id').onDelete('cascade'))
    .addColumn('key_result_id', 'uuid', (c) => c.references('key_results.id').onDelete('cascade'))
    .addColumn('account_id', 'uuid', (c) => c.references('social_accounts.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('OPEN'))
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('dedup_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('acknowledged_at', 'timestamptz')
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('published_at', 'timestamptz')
    .addUniqueConstraint('alerts_dedup', ['workspace_id', 'dedup_key'])
    .execute();
  await db.schema.createIndex('alerts_plan').on('alerts').columns(['plan_id', 'created_at']).execute();
  await db.schema.createIndex('alerts_key_result').on('alerts').columns(['key_result_id', 'kind']).execute();

  await db.schema
    .createTable('processed_webhooks')
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('webhook_id', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('processed_webhooks_pk', ['workspace_id', 'webhook_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}

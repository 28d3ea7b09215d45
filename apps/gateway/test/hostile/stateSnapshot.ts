import { sql } from 'kysely';
import type { GatewayHarness } from '../gatewayHarness.ts';

/** Every table of the database, its rows counted and checksummed: an update shows as well as an insert. */
export async function databaseSnapshot(harness: GatewayHarness): Promise<Record<string, string>> {
  const db = harness.deps.db;
  const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely_migration%' order by table_name`.execute(db);
  const snapshot: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const row = await sql<{ n: number; sum: string | null }>`select count(*)::int as n, md5(string_agg(t::text, '|' order by t::text)) as sum from ${sql.table(name)} as t`.execute(db);
    snapshot[name] = `${row.rows[0]!.n}:${row.rows[0]!.sum ?? '-'}`;
  }
  return snapshot;
}

/** Jobs in every queue (waiting, delayed, active, done, failed alike): a refused request enqueues nothing. */
export async function queueSnapshot(harness: GatewayHarness): Promise<number> {
  return harness.jobCounts();
}

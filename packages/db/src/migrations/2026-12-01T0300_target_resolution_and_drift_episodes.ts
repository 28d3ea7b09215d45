import { sql, type Kysely } from 'kysely';

/**
 * Drift alerts are deduplicated per drift episode (`kr:<id>:<kind>:drift-<first day>`) instead of per
 * ISO week. A key result adrift when this runs is given the first day of its current episode from its
 * evaluation history (the day after its last ON_TRACK or ACHIEVED day, or its first evaluation), and its
 * latest open alert of each drift kind takes the episode's key — so the next evaluation finds it and raises
 * no duplicate. Every other alert keeps its key: old week keys never collide with episode keys.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time, never typed by the app's schema
export async function carryDriftEpisodes(db: Kysely<any>): Promise<void> {
  await sql`
    UPDATE key_results kr SET drift_since = episode.since
    FROM (
      SELECT e.key_result_id, MIN(e.evaluated_on) AS since
      FROM key_result_evaluations e
      JOIN key_results k ON k.id = e.key_result_id AND k.status IN ('AT_RISK', 'OFF_TRACK') AND k.drift_since IS NULL
      WHERE e.evaluated_on > COALESCE((
        SELECT MAX(back.evaluated_on) FROM key_result_evaluations back
        WHERE back.key_result_id = e.key_result_id AND back.status IN ('ON_TRACK', 'ACHIEVED')
      ), DATE '0001-01-01')
      GROUP BY e.key_result_id
    ) episode
    WHERE kr.id = episode.key_result_id`.execute(db);
  await sql`
    UPDATE key_results SET drift_since = COALESCE((evaluated_at AT TIME ZONE 'UTC')::date, (now() AT TIME ZONE 'UTC')::date)
    WHERE status IN ('AT_RISK', 'OFF_TRACK') AND drift_since IS NULL`.execute(db);
  await sql`
    UPDATE alerts a SET dedup_key = 'kr:' || a.key_result_id || ':' || a.kind || ':drift-' || to_char(kr.drift_since, 'YYYY-MM-DD')
    FROM key_results kr
    WHERE a.key_result_id = kr.id AND kr.drift_since IS NOT NULL AND a.kind IN ('AT_RISK', 'OFF_TRACK') AND a.state <> 'RESOLVED'
      AND a.id = (
        SELECT latest.id FROM alerts latest
        WHERE latest.key_result_id = a.key_result_id AND latest.kind = a.kind AND latest.state <> 'RESOLVED'
        ORDER BY latest.created_at DESC, latest.id DESC LIMIT 1
      )
      AND NOT EXISTS (
        SELECT 1 FROM alerts taken
        WHERE taken.workspace_id = a.workspace_id
          AND taken.dedup_key = 'kr:' || a.key_result_id || ':' || a.kind || ':drift-' || to_char(kr.drift_since, 'YYYY-MM-DD')
      )`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time, never typed by the app's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('key_results')
    // A relative target's numbers, resolved from history when the key result is created or changed and kept.
    .addColumn('resolved_baseline', 'double precision')
    .addColumn('resolved_target', 'double precision')
    // Where the baseline came from: { kind, from, to, coveredDays }.
    .addColumn('baseline_basis', 'jsonb')
    .addColumn('resolved_at', 'timestamptz')
    // MAINTAIN: half-width of the band around the target (null: 5 % of it).
    .addColumn('maintain_tolerance', 'double precision')
    // The first day of the drift episode the key result is in (null: not drifting).
    .addColumn('drift_since', 'date')
    .execute();
  await carryDriftEpisodes(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}

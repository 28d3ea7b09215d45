import { sql } from 'kysely';
import type { Db } from '../createDb.ts';
import type { ContentItemRow, ThemeRow } from '../schema.ts';

export async function insertTheme(db: Db, workspaceId: string, values: { objectiveId: string; title: string; description: string | null }): Promise<ThemeRow> {
  return db
    .insertInto('themes')
    .values({ workspace_id: workspaceId, objective_id: values.objectiveId, title: values.title, description: values.description })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findThemes(db: Db, workspaceId: string, ids: readonly string[]): Promise<ThemeRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('themes').selectAll().where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
}

export async function listThemesOfObjective(db: Db, workspaceId: string, objectiveId: string): Promise<ThemeRow[]> {
  return db
    .selectFrom('themes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('objective_id', '=', objectiveId)
    .where('archived_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function insertContentItem(
  db: Db,
  workspaceId: string,
  values: { themeId: string; title: string; url: string | null; publishedOn: string | null },
): Promise<ContentItemRow> {
  return db
    .insertInto('content_items')
    .values({ workspace_id: workspaceId, theme_id: values.themeId, title: values.title, url: values.url, published_on: values.publishedOn })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The theme's content, archived items left out (their results no longer count towards the theme's). */
export async function listContentItemsOfTheme(db: Db, workspaceId: string, themeId: string): Promise<ContentItemRow[]> {
  return db
    .selectFrom('content_items')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('theme_id', '=', themeId)
    .where('archived_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function findContentItems(db: Db, workspaceId: string, ids: readonly string[]): Promise<ContentItemRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('content_items').selectAll().where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
}

/** Sets an item's results; a metric sent again replaces its value (results are lifetime totals), others are kept. */
export async function upsertContentItemMetrics(
  db: Db,
  workspaceId: string,
  contentItemId: string,
  metrics: readonly { metric: string; value: number }[],
): Promise<void> {
  if (metrics.length === 0) return;
  await db
    .insertInto('content_item_metrics')
    .values(metrics.map((m) => ({ workspace_id: workspaceId, content_item_id: contentItemId, metric: m.metric, value: m.value })))
    .onConflict((oc) => oc.columns(['content_item_id', 'metric']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), updated_at: sql`now()` })))
    .execute();
}

/** The results of these items, keyed by item id. */
export async function listContentItemMetrics(db: Db, workspaceId: string, contentItemIds: readonly string[]): Promise<Map<string, Record<string, number>>> {
  const byItem = new Map<string, Record<string, number>>(contentItemIds.map((id) => [id, {}]));
  if (contentItemIds.length === 0) return byItem;
  const rows = await db
    .selectFrom('content_item_metrics')
    .select(['content_item_id', 'metric', 'value'])
    .where('workspace_id', '=', workspaceId)
    .where('content_item_id', 'in', contentItemIds)
    .execute();
  for (const row of rows) byItem.get(row.content_item_id)![row.metric] = row.value;
  return byItem;
}

export async function updateTheme(
  db: Db,
  workspaceId: string,
  themeId: string,
  values: { title?: string; description?: string | null },
): Promise<ThemeRow | undefined> {
  if (Object.keys(values).length === 0) return findThemes(db, workspaceId, [themeId]).then((rows) => rows[0]);
  return db
    .updateTable('themes')
    .set({
      ...(values.title !== undefined && { title: values.title }),
      ...(values.description !== undefined && { description: values.description }),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', themeId)
    .returningAll()
    .executeTakeFirst();
}

export async function updateContentItem(
  db: Db,
  workspaceId: string,
  contentItemId: string,
  values: { title?: string; url?: string | null; publishedOn?: string | null },
): Promise<ContentItemRow | undefined> {
  if (Object.keys(values).length === 0) return findContentItems(db, workspaceId, [contentItemId]).then((rows) => rows[0]);
  return db
    .updateTable('content_items')
    .set({
      ...(values.title !== undefined && { title: values.title }),
      ...(values.url !== undefined && { url: values.url }),
      ...(values.publishedOn !== undefined && { published_on: values.publishedOn }),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', contentItemId)
    .returningAll()
    .executeTakeFirst();
}

export async function lockTheme(db: Db, workspaceId: string, themeId: string): Promise<ThemeRow | undefined> {
  return db.selectFrom('themes').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', themeId).forUpdate().executeTakeFirst();
}

export async function lockContentItem(db: Db, workspaceId: string, contentItemId: string): Promise<ContentItemRow | undefined> {
  return db.selectFrom('content_items').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', contentItemId).forUpdate().executeTakeFirst();
}

/** A theme has history when any of its content has recorded results. */
export async function themeHasHistory(db: Db, workspaceId: string, themeId: string): Promise<boolean> {
  const row = await db
    .selectFrom('content_items as ci')
    .innerJoin('content_item_metrics as m', 'm.content_item_id', 'ci.id')
    .select('ci.id')
    .where('ci.workspace_id', '=', workspaceId)
    .where('ci.theme_id', '=', themeId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** A content item has history when it has recorded results. */
export async function contentItemHasHistory(db: Db, workspaceId: string, contentItemId: string): Promise<boolean> {
  const row = await db
    .selectFrom('content_item_metrics')
    .select('content_item_id')
    .where('workspace_id', '=', workspaceId)
    .where('content_item_id', '=', contentItemId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Archives a theme and its content items; returns the theme when newly archived. */
export async function archiveTheme(db: Db, workspaceId: string, themeId: string, at: Date): Promise<ThemeRow | undefined> {
  await db
    .updateTable('content_items')
    .set({ archived_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('theme_id', '=', themeId)
    .where('archived_at', 'is', null)
    .execute();
  return db
    .updateTable('themes')
    .set({ archived_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', themeId)
    .where('archived_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Deletes a theme; its content items go with it (foreign keys cascade). */
export async function deleteTheme(db: Db, workspaceId: string, themeId: string): Promise<ThemeRow | undefined> {
  return db.deleteFrom('themes').where('workspace_id', '=', workspaceId).where('id', '=', themeId).returningAll().executeTakeFirst();
}

export async function archiveContentItem(db: Db, workspaceId: string, contentItemId: string, at: Date): Promise<ContentItemRow | undefined> {
  return db
    .updateTable('content_items')
    .set({ archived_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', contentItemId)
    .where('archived_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteContentItem(db: Db, workspaceId: string, contentItemId: string): Promise<ContentItemRow | undefined> {
  return db.deleteFrom('content_items').where('workspace_id', '=', workspaceId).where('id', '=', contentItemId).returningAll().executeTakeFirst();
}

/** Content items planned under an objective's themes for a period: dated inside it, or not dated yet. */
export async function countPlannedContentItems(db: Db, workspaceId: string, objectiveId: string, period: { from: string; to: string }): Promise<number> {
  const row = await db
    .selectFrom('content_items as c')
    .innerJoin('themes as t', 't.id', 'c.theme_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('c.workspace_id', '=', workspaceId)
    .where('t.objective_id', '=', objectiveId)
    .where((eb) => eb.or([eb('c.published_on', 'is', null), eb.between('c.published_on', period.from, period.to)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** `countPlannedContentItems` for many objectives and periods in one statement; answer i counts query i. */
export async function countPlannedContentItemsOfObjectives(
  db: Db,
  workspaceId: string,
  queries: readonly { objectiveId: string; from: string; to: string }[],
): Promise<number[]> {
  if (queries.length === 0) return [];
  const result = await sql<{ i: number; n: number }>`
    SELECT q.i, count(*)::int AS n
    FROM unnest(${queries.map((_q, i) => i)}::int[], ${queries.map((q) => q.objectiveId)}::uuid[], ${queries.map((q) => q.from)}::date[], ${queries.map((q) => q.to)}::date[])
      AS q(i, objective_id, day_from, day_to)
    JOIN themes t ON t.objective_id = q.objective_id
    JOIN content_items c ON c.theme_id = t.id
    WHERE c.workspace_id = ${workspaceId}::uuid AND (c.published_on IS NULL OR c.published_on BETWEEN q.day_from AND q.day_to)
    GROUP BY q.i`.execute(db);
  const counts = queries.map(() => 0);
  for (const row of result.rows) counts[row.i] = Number(row.n);
  return counts;
}

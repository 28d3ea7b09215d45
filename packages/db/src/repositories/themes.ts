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
  return db.selectFrom('themes').selectAll().where('workspace_id', '=', workspaceId).where('objective_id', '=', objectiveId).orderBy('created_at').orderBy('id').execute();
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

export async function listContentItemsOfTheme(db: Db, workspaceId: string, themeId: string): Promise<ContentItemRow[]> {
  return db.selectFrom('content_items').selectAll().where('workspace_id', '=', workspaceId).where('theme_id', '=', themeId).orderBy('created_at').orderBy('id').execute();
}

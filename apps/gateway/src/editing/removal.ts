import {
  archiveBusinessGoal, archiveContentItem, archiveKeyResults, archiveObjectives, archiveTheme, contentItemHasHistory, deleteBusinessGoal,
  deleteContentItem, deleteKeyResults, deleteObjectives, deleteTheme, keyResultIdsWithHistory, listAllObjectiveIdsOfGoal, listContentItemsOfTheme,
  listKeyResultsOfObjectives, listObjectivesOfGoals, listThemesOfObjective, objectiveIdsWithHistory, themeHasHistory,
  type BusinessGoalRow, type ContentItemRow, type Db, type KeyResultRow, type ObjectiveRow, type ThemeRow,
} from '@goalpost/db';
import type { Change } from '../audit/recordChange.ts';

export type RemovalOutcome = 'ARCHIVED' | 'DELETED';

/** What a removal did to the thing named, and every change it made on the way (children first), for the audit trail. */
export interface Removal<Row> {
  outcome: RemovalOutcome;
  /** The archived row; null when deleted. */
  row: Row | null;
  changes: Change[];
}

interface Scope {
  workspaceId: string;
  planId: string;
  /** The mutation removing: children removed with their parent are recorded under it. */
  action: string;
  at: Date;
}

/**
 * The rule of removal, applied from the leaves up: a thing with history (a key result with evaluations
 * or check-ins, content with recorded results, or a parent keeping such a child) is archived — kept,
 * with its history, but out of lists, evaluation and plan health; a thing without history is deleted.
 * Children are removed by the same rule before their parent. Every function expects the top row locked
 * in the transaction `tx`.
 */
export async function removeKeyResult(tx: Db, scope: Scope, keyResult: KeyResultRow): Promise<Removal<KeyResultRow>> {
  const kept = (await keyResultIdsWithHistory(tx, scope.workspaceId, [keyResult.id])).has(keyResult.id);
  if (kept) {
    const [archived] = await archiveKeyResults(tx, scope.workspaceId, [keyResult.id], scope.at);
    return { outcome: 'ARCHIVED', row: archived ?? keyResult, changes: archived ? [change(scope, 'KeyResult', keyResult, archived)] : [] };
  }
  await deleteKeyResults(tx, scope.workspaceId, [keyResult.id]);
  return { outcome: 'DELETED', row: null, changes: [change(scope, 'KeyResult', keyResult, null)] };
}

export async function removeContentItem(tx: Db, scope: Scope, item: ContentItemRow): Promise<Removal<ContentItemRow>> {
  if (await contentItemHasHistory(tx, scope.workspaceId, item.id)) {
    const archived = await archiveContentItem(tx, scope.workspaceId, item.id, scope.at);
    return { outcome: 'ARCHIVED', row: archived ?? item, changes: archived ? [change(scope, 'ContentItem', item, archived)] : [] };
  }
  await deleteContentItem(tx, scope.workspaceId, item.id);
  return { outcome: 'DELETED', row: null, changes: [change(scope, 'ContentItem', item, null)] };
}

export async function removeTheme(tx: Db, scope: Scope, theme: ThemeRow): Promise<Removal<ThemeRow>> {
  const changes: Change[] = [];
  for (const item of await listContentItemsOfTheme(tx, scope.workspaceId, theme.id)) changes.push(...(await removeContentItem(tx, scope, item)).changes);
  if (await themeHasHistory(tx, scope.workspaceId, theme.id)) {
    const archived = await archiveTheme(tx, scope.workspaceId, theme.id, scope.at);
    return { outcome: 'ARCHIVED', row: archived ?? theme, changes: archived ? [...changes, change(scope, 'Theme', theme, archived)] : changes };
  }
  await deleteTheme(tx, scope.workspaceId, theme.id);
  return { outcome: 'DELETED', row: null, changes: [...changes, change(scope, 'Theme', theme, null)] };
}

export async function removeObjective(tx: Db, scope: Scope, objective: ObjectiveRow): Promise<Removal<ObjectiveRow>> {
  const changes: Change[] = [];
  for (const keyResult of await listKeyResultsOfObjectives(tx, scope.workspaceId, [objective.id])) changes.push(...(await removeKeyResult(tx, scope, keyResult)).changes);
  for (const theme of await listThemesOfObjective(tx, scope.workspaceId, objective.id)) changes.push(...(await removeTheme(tx, scope, theme)).changes);
  if ((await objectiveIdsWithHistory(tx, scope.workspaceId, [objective.id])).has(objective.id)) {
    const [archived] = await archiveObjectives(tx, scope.workspaceId, [objective.id], scope.at);
    return { outcome: 'ARCHIVED', row: archived ?? objective, changes: archived ? [...changes, change(scope, 'Objective', objective, archived)] : changes };
  }
  await deleteObjectives(tx, scope.workspaceId, [objective.id]);
  return { outcome: 'DELETED', row: null, changes: [...changes, change(scope, 'Objective', objective, null)] };
}

export async function removeBusinessGoal(tx: Db, scope: Scope, goal: BusinessGoalRow): Promise<Removal<BusinessGoalRow>> {
  const changes: Change[] = [];
  let kept = false;
  for (const objective of await listObjectivesOfGoals(tx, scope.workspaceId, [goal.id])) {
    const removal = await removeObjective(tx, scope, objective);
    changes.push(...removal.changes);
    kept ||= removal.outcome === 'ARCHIVED';
  }
  // Objectives still there after the removals above are archived ones: history too.
  kept ||= goal.archived_at !== null || (await listAllObjectiveIdsOfGoal(tx, scope.workspaceId, goal.id)).length > 0;
  if (kept) {
    const archived = await archiveBusinessGoal(tx, scope.workspaceId, goal.id, scope.at);
    return { outcome: 'ARCHIVED', row: archived ?? goal, changes: archived ? [...changes, change(scope, 'BusinessGoal', goal, archived)] : changes };
  }
  await deleteBusinessGoal(tx, scope.workspaceId, goal.id);
  return { outcome: 'DELETED', row: null, changes: [...changes, change(scope, 'BusinessGoal', goal, null)] };
}

function change(scope: Scope, entity: Change['entity'], before: { id: string }, after: { id: string } | null): Change {
  return { entity, id: before.id, planId: scope.planId, action: scope.action, change: after ? 'ARCHIVED' : 'DELETED', before, after };
}

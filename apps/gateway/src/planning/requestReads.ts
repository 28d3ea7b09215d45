import DataLoader from 'dataloader';
import {
  countPlannedContentItemsOfObjectives, listMembers, listBusinessGoalsOfPlans, listKeyResultsOfObjectives, listObjectivesOfPlans,
  listEvaluationHistoryOfKeyResults, listSocialAccounts, metricsHaveData, type BusinessGoalRow, type KeyedRow, type KeyResultEvaluationRow, type PageWindow, type KeyResultRow, type MemberWithUser, type ObjectiveRow,
  type SocialAccountRow,
} from '@goalpost/db';
import { clearAllDataLoaders } from '@pothos/plugin-dataloader';
import { workspaceOf, type GatewayContext } from '../context.ts';
import type { RawDaily, RawDailyQuery } from './rawDailyOf.ts';
import { scopeDailyLoader } from './scopeDailyLoader.ts';

export interface AccountScope {
  accountId?: string | null | undefined;
  platform?: string | null | undefined;
}

/**
 * What one request reads of a plan, batched: each loader gathers the keys asked for while the query
 * resolves and reads them all in one statement, so a dashboard costs the same statements at 10 or 200
 * objectives. Every statement keeps the caller's workspace in its WHERE.
 */
export interface RequestReads {
  goalsOfPlan: DataLoader<string, BusinessGoalRow[]>;
  /** Not archived, in plan order; a goal's objectives are these filtered by goal. */
  objectivesOfPlan: DataLoader<string, ObjectiveRow[]>;
  /** Not archived, in objective order. */
  keyResultsOfObjective: DataLoader<string, KeyResultRow[]>;
  /** Every account of the workspace, read once. */
  accounts: () => Promise<SocialAccountRow[]>;
  /** `listScopeAccounts` from the accounts read once: the account named, or every account of the platform, in id order. */
  scopeAccounts: (scope: AccountScope) => Promise<SocialAccountRow[]>;
  /** Daily totals by metric, as the rules take them: every field's range cut from one read per (accounts, metric). */
  rawDaily: (query: RawDailyQuery) => Promise<RawDaily>;
  metricHasData: DataLoader<{ accountIds: readonly string[]; metric: string }, boolean, string>;
  /** A member of the workspace by id, from its members read once (owners of objectives and key results alike). */
  member: (id: string) => Promise<MemberWithUser | null>;
  plannedContentItems: DataLoader<{ objectiveId: string; from: string; to: string }, number, string>;
  /** A page of a key result's evaluation history: one statement for every key result asking for the same page. */
  historyPage: DataLoader<{ keyResultId: string; page: PageWindow }, KeyedRow<KeyResultEvaluationRow>[], string>;
}

/** Children of many parents from one read, in the read's order. */
function groupedBy<T>(keys: readonly string[], rows: readonly T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((k) => groups.get(k)!);
}

/** A loader whose keys are plain values (queries): equal queries share one answer. */
const byValue = <K, V>(load: (keys: readonly K[]) => Promise<V[]>) => new DataLoader<K, V, string>(load, { cacheKeyFn: (key) => JSON.stringify(key) });

function createRequestReads(ctx: GatewayContext): RequestReads {
  const ws = () => workspaceOf(ctx);
  let accounts: Promise<SocialAccountRow[]> | undefined;
  const readAccounts = () => (accounts ??= listSocialAccounts(ctx.db, ws()));
  // Read whole, once: objectives' and key results' owners resolve at different depths, and one read serves both.
  let members: Promise<MemberWithUser[]> | undefined;
  const readMembers = () => (members ??= listMembers(ctx.db, ws()));
  return {
    goalsOfPlan: new DataLoader(async (planIds) => groupedBy(planIds, await listBusinessGoalsOfPlans(ctx.db, ws(), planIds), (g) => g.plan_id)),
    objectivesOfPlan: new DataLoader(async (planIds) => groupedBy(planIds, await listObjectivesOfPlans(ctx.db, ws(), planIds), (o) => o.plan_id)),
    keyResultsOfObjective: new DataLoader(async (ids) => groupedBy(ids, await listKeyResultsOfObjectives(ctx.db, ws(), ids), (k) => k.objective_id)),
    accounts: readAccounts,
    scopeAccounts: async (scope) => {
      if (!scope.accountId && !scope.platform) return [];
      const all = await readAccounts();
      return all
        .filter((a) => (scope.accountId ? a.id === scope.accountId : a.platform === scope.platform))
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },
    rawDaily: scopeDailyLoader(ctx.db, ws),
    metricHasData: byValue((queries: readonly { accountIds: readonly string[]; metric: string }[]) => metricsHaveData(ctx.db, ws(), queries)),
    member: async (id) => (await readMembers()).find((m) => m.id === id) ?? null,
    historyPage: byValue(async (asks: readonly { keyResultId: string; page: PageWindow }[]) => {
      const samePage = new Map<string, string[]>();
      for (const ask of asks) {
        const key = JSON.stringify(ask.page);
        samePage.set(key, [...(samePage.get(key) ?? []), ask.keyResultId]);
      }
      const pages = new Map<string, KeyedRow<KeyResultEvaluationRow>[]>();
      await Promise.all([...samePage].map(async ([key, ids]) => {
        const read = await listEvaluationHistoryOfKeyResults(ctx.db, ws(), ids, JSON.parse(key) as PageWindow);
        ids.forEach((id, i) => pages.set(`${key}|${id}`, read[i]!));
      }));
      return asks.map((ask) => pages.get(`${JSON.stringify(ask.page)}|${ask.keyResultId}`)!);
    }),
    plannedContentItems: byValue((queries: readonly { objectiveId: string; from: string; to: string }[]) => countPlannedContentItemsOfObjectives(ctx.db, ws(), queries)),
  };
}

const cache = new WeakMap<GatewayContext, RequestReads>();

/** The batched reads of this request (one set per context). */
export function requestReadsOf(ctx: GatewayContext): RequestReads {
  let reads = cache.get(ctx);
  if (!reads) cache.set(ctx, (reads = createRequestReads(ctx)));
  return reads;
}

/**
 * Forgets what this context has read, Pothos' node loaders included: a subscription keeps its context
 * for every event, and each event must see the rows as they are now.
 */
export function forgetRequestReads(ctx: GatewayContext): void {
  cache.delete(ctx);
  clearAllDataLoaders(ctx);
}

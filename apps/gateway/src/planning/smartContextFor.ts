import {
  findBusinessGoals, findPlans, listObjectivesOfPlans, listScopeAccounts, metricDataDays, type BusinessGoalRow, type Db, type ObjectiveRow, type PlanRow, type SocialAccountRow,
} from '@goalpost/db';
import {
  findMetric, keyResultHistoryContext, keyResultHistoryRange, withPlanningOverrides, type AccountSource, type KeyResultDraft, type KeyResultSources, type MetricDefinition, type ObjectiveCategory,
  type ObjectiveDraft, type Platform, type SmartContext, type SmartKeyResultContext, type TargetResolution,
} from '@goalpost/domain';
import { connectorPlatformsInScope } from './connectorPlatformsInScope.ts';
import { rawDailyOf, type RawDaily, type RawDailyQuery } from './rawDailyOf.ts';
import type { AccountScope } from './requestReads.ts';

/** What the SMART check knows beyond the draft: the day, and for a saved objective its resources and kept resolutions. */
export interface SmartExtras {
  today: string;
  /** The saved objective being checked, left out of the plan's other objectives. */
  objectiveId?: string | undefined;
  budget?: { amount: number; currency: string } | null | undefined;
  plannedContentItems?: number | null | undefined;
  /** Per key result, the resolution it keeps (saved key results): not resolved again. */
  resolutions?: readonly (TargetResolution | null)[] | undefined;
}

/**
 * How the SMART check reads what it knows: one statement per read for a draft (`directSmartReads`), or a
 * request's batched loaders for the saved objectives of a dashboard. Every read is in the caller's workspace.
 */
export interface SmartReads {
  goal(id: string): Promise<BusinessGoalRow | undefined>;
  plan(id: string): Promise<PlanRow | undefined>;
  objectivesOfPlan(planId: string): Promise<readonly ObjectiveRow[]>;
  scopeAccounts(scope: AccountScope): Promise<readonly SocialAccountRow[]>;
  metricHasData(accountIds: readonly string[], metric: string): Promise<boolean>;
  rawDaily(query: RawDailyQuery): Promise<RawDaily>;
}

/** The SMART check's reads, one statement each, in a workspace. */
export function directSmartReads(db: Db, workspaceId: string): SmartReads {
  return {
    goal: async (id) => (await findBusinessGoals(db, workspaceId, [id]))[0],
    plan: async (id) => (await findPlans(db, workspaceId, [id]))[0],
    objectivesOfPlan: (planId) => listObjectivesOfPlans(db, workspaceId, [planId]),
    scopeAccounts: (scope) => listScopeAccounts(db, workspaceId, scope),
    metricHasData: async (accountIds, metric) => (await metricDataDays(db, workspaceId, { accountIds, metrics: [metric], from: '0001-01-01', to: '9999-12-31' })) !== null,
    rawDaily: (query) => rawDailyOf(db, workspaceId, query),
  };
}

const openSources: readonly AccountSource[] = ['PUSH', 'MANUAL', 'DEMO'];

/** What can deliver the metric in scope: the connectors of its accounts, open sources, and metrics with points already. */
async function sourcesOf(reads: SmartReads, accounts: readonly SocialAccountRow[], definition: MetricDefinition): Promise<KeyResultSources> {
  const accountIds = accounts.map((a) => a.id);
  const read = definition.kind === 'DERIVED' ? definition.inputs : [definition.id];
  const withData = await Promise.all(read.map(async (metric) => ((accountIds.length > 0 && (await reads.metricHasData(accountIds, metric))) ? metric : null)));
  return {
    accounts: accounts.length,
    connectorPlatforms: [...new Set(accounts.filter((a) => a.source === 'CONNECTOR').map((a) => a.platform as Platform))],
    openSources: [...new Set(accounts.map((a) => a.source as AccountSource).filter((s) => openSources.includes(s)))],
    metricsWithData: withData.filter((m): m is string => m !== null),
  };
}

async function keyResultContext(reads: SmartReads, draft: ObjectiveDraft, kr: KeyResultDraft, kept: TargetResolution | null, today: string): Promise<SmartKeyResultContext> {
  const definition = kr.metric ? findMetric(kr.metric) : undefined;
  const accounts = await reads.scopeAccounts(kr);
  const scopePlatforms = connectorPlatformsInScope(accounts, kr);
  const none: SmartKeyResultContext = { measurable: accounts.length > 0, historicalBaseline: null, historicalWeeklyRate: null, historyWeeks: 0, scopePlatforms };
  if (!definition) return none;
  const { startsOn, deadline } = draft;
  const dates = startsOn && deadline && deadline > startsOn && accounts.length > 0 ? { startsOn, deadline } : null;
  // Both reads at once: batched, they join the same statements as the rest of the request.
  const [sources, raw] = await Promise.all([
    sourcesOf(reads, accounts, definition),
    dates
      ? reads.rawDaily({
        accountIds: accounts.map((a) => a.id),
        metrics: definition.kind === 'DERIVED' ? definition.inputs : [definition.id],
        ...keyResultHistoryRange(definition, dates, today),
      })
      : null,
  ]);
  if (!dates || !raw) return { ...none, sources };
  return keyResultHistoryContext({ definition, draft: kr, dates, today, raw, sources, scopePlatforms, kept });
}

/**
 * Looks up what the SMART check needs — the goal, the plan period, its other objectives' categories and
 * its planning settings, and for each key result what delivers its metric, how it resolves, what its
 * history says and where it stands — so that the rules themselves stay pure. `draft` ids are local
 * (already decoded) ids.
 */
export async function smartContextFor(reads: SmartReads, draft: ObjectiveDraft, extras: SmartExtras): Promise<SmartContext> {
  const planContext = async () => {
    const goal = draft.goalId ? await reads.goal(draft.goalId) : undefined;
    const plan = goal ? await reads.plan(goal.plan_id) : undefined;
    const others = plan ? (await reads.objectivesOfPlan(plan.id)).filter((o) => o.id !== extras.objectiveId) : [];
    return { goal, plan, others };
  };
  // The plan's side and the key results' side are independent: read together.
  const [{ goal, plan, others }, keyResults] = await Promise.all([
    planContext(),
    Promise.all((draft.keyResults ?? []).map((kr, i) => keyResultContext(reads, draft, kr, extras.resolutions?.[i] ?? null, extras.today))),
  ]);
  return {
    goalExists: goal !== undefined,
    plan: plan
      ? {
        startsOn: plan.starts_on,
        endsOn: plan.ends_on,
        otherCategories: others.map((o) => o.category as ObjectiveCategory),
        settings: withPlanningOverrides(plan.settings.planning ?? {}),
      }
      : null,
    today: extras.today,
    budget: extras.budget ?? null,
    plannedContentItems: extras.plannedContentItems ?? null,
    keyResults,
  };
}

import { findBusinessGoals, findPlans, listObjectivesOfPlans, listScopeAccounts, metricDataDays, type Db, type SocialAccountRow } from '@goalpost/db';
import {
  findMetric, keyResultHistoryContext, keyResultHistoryRange, withPlanningOverrides, type AccountSource, type KeyResultDraft, type KeyResultSources, type MetricDefinition, type ObjectiveCategory,
  type ObjectiveDraft, type Platform, type SmartContext, type SmartKeyResultContext, type TargetResolution,
} from '@goalpost/domain';
import { connectorPlatformsInScope } from './connectorPlatformsInScope.ts';
import { rawDailyOf } from './rawDailyOf.ts';

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

const openSources: readonly AccountSource[] = ['PUSH', 'MANUAL', 'DEMO'];

/** What can deliver the metric in scope: the connectors of its accounts, open sources, and metrics with points already. */
async function sourcesOf(db: Db, workspaceId: string, accounts: readonly SocialAccountRow[], definition: MetricDefinition): Promise<KeyResultSources> {
  const accountIds = accounts.map((a) => a.id);
  const read = definition.kind === 'DERIVED' ? definition.inputs : [definition.id];
  const withData = await Promise.all(read.map(async (metric) => ((await metricDataDays(db, workspaceId, { accountIds, metrics: [metric], from: '0001-01-01', to: '9999-12-31' })) ? metric : null)));
  return {
    accounts: accounts.length,
    connectorPlatforms: [...new Set(accounts.filter((a) => a.source === 'CONNECTOR').map((a) => a.platform as Platform))],
    openSources: [...new Set(accounts.map((a) => a.source as AccountSource).filter((s) => openSources.includes(s)))],
    metricsWithData: withData.filter((m): m is string => m !== null),
  };
}

async function keyResultContext(db: Db, workspaceId: string, draft: ObjectiveDraft, kr: KeyResultDraft, kept: TargetResolution | null, today: string): Promise<SmartKeyResultContext> {
  const definition = kr.metric ? findMetric(kr.metric) : undefined;
  const accounts = await listScopeAccounts(db, workspaceId, kr);
  const scopePlatforms = connectorPlatformsInScope(accounts, kr);
  const none: SmartKeyResultContext = { measurable: accounts.length > 0, historicalBaseline: null, historicalWeeklyRate: null, historyWeeks: 0, scopePlatforms };
  if (!definition) return none;
  const sources = await sourcesOf(db, workspaceId, accounts, definition);
  const { startsOn, deadline } = draft;
  if (!startsOn || !deadline || deadline <= startsOn || accounts.length === 0) return { ...none, sources };
  const dates = { startsOn, deadline };
  const raw = await rawDailyOf(db, workspaceId, {
    accountIds: accounts.map((a) => a.id),
    metrics: definition.kind === 'DERIVED' ? definition.inputs : [definition.id],
    ...keyResultHistoryRange(definition, dates, today),
  });
  return keyResultHistoryContext({ definition, draft: kr, dates, today, raw, sources, scopePlatforms, kept });
}

/**
 * Looks up what the SMART check needs — the goal, the plan period, its other objectives' categories and
 * its planning settings, and for each key result what delivers its metric, how it resolves, what its
 * history says and where it stands — so that the rules themselves stay pure. `draft` ids are local
 * (already decoded) ids.
 */
export async function smartContextFor(db: Db, workspaceId: string, draft: ObjectiveDraft, extras: SmartExtras): Promise<SmartContext> {
  const [goal] = draft.goalId ? await findBusinessGoals(db, workspaceId, [draft.goalId]) : [];
  const [plan] = goal ? await findPlans(db, workspaceId, [goal.plan_id]) : [];
  const others = plan ? (await listObjectivesOfPlans(db, workspaceId, [plan.id])).filter((o) => o.id !== extras.objectiveId) : [];
  const keyResults = await Promise.all(
    (draft.keyResults ?? []).map((kr, i) => keyResultContext(db, workspaceId, draft, kr, extras.resolutions?.[i] ?? null, extras.today)),
  );
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

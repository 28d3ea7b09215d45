import { dailyTotals, findBusinessGoals, findPlans, listScopeAccounts, type Db } from '@goalpost/db';
import { connectorPlatformsInScope } from './connectorPlatformsInScope.ts';
import { findMetric, historicalWeeklyRate, type ObjectiveDraft, type SmartContext } from '@goalpost/domain';

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Looks up what the SMART check needs — the goal, the plan period, and for each key result whether a
 * source can deliver it and what its history says — so that the rules themselves stay pure.
 * `draft` ids are local (already decoded) ids.
 */
export async function smartContextFor(db: Db, workspaceId: string, draft: ObjectiveDraft): Promise<SmartContext> {
  const [goal] = draft.goalId ? await findBusinessGoals(db, workspaceId, [draft.goalId]) : [];
  const [plan] = goal ? await findPlans(db, workspaceId, [goal.plan_id]) : [];
  const keyResults = await Promise.all(
    (draft.keyResults ?? []).map(async (kr) => {
      const definition = kr.metric ? findMetric(kr.metric) : undefined;
      const accounts = await listScopeAccounts(db, workspaceId, kr);
      const accountIds = accounts.map((a) => a.id);
      const scopePlatforms = connectorPlatformsInScope(accounts, kr);
      const none = { measurable: false, historicalBaseline: null, historicalWeeklyRate: null, historyWeeks: 0, scopePlatforms };
      if (!definition || accountIds.length === 0) return none;
      if (!draft.startsOn) return { ...none, measurable: true };
      const raw = await dailyTotals(db, workspaceId, {
        accountIds,
        metrics: [definition.id],
        from: addDays(draft.startsOn, -12 * 7),
        to: addDays(draft.startsOn, -1),
      });
      const history = historicalWeeklyRate(definition, raw, { startsOn: draft.startsOn });
      return {
        measurable: true,
        historicalBaseline: history.baseline,
        historicalWeeklyRate: history.weeklyRate,
        historyWeeks: history.weeks,
        scopePlatforms,
      };
    }),
  );
  return {
    goalExists: goal !== undefined,
    plan: plan ? { startsOn: plan.starts_on, endsOn: plan.ends_on } : null,
    keyResults,
  };
}

import type { GatewayHarness } from '../gatewayHarness.ts';

/** What a dashboard asks for: a plan's goals, objectives and key results with series, forecast, history and alerts, beside the list of plans with their health. */
export const dashboardQuery = `
fragment KeyResultCard on KeyResult {
  id metric platform direction baseline target current progress expectedProgress status evaluatedAt weight
  forecast { value low high confidence method }
  series { at value }
  history(last: 30) { edges { node { on status current progress expectedProgress } } }
  realism { band ratio requiredWeeklyRate historicalWeeklyRate historyWeeks }
  account { id handle platform status }
}
fragment PlanBoard on Plan {
  id name startsOn endsOn status
  health { objectives { status count } keyResults { status count } }
  goals { id kind title objectives { id title category framework startsOn deadline status statusText score { score } keyResults { ...KeyResultCard } } }
  alerts(first: 20) { edges { node { id kind severity state message createdAt } } }
}
query Dashboard($planId: ID!) {
  plan(id: $planId) { ...PlanBoard }
  plans(first: 20) { edges { cursor node { id name startsOn endsOn status health { objectives { status count } } } } pageInfo { hasNextPage endCursor } }
}`;

/** Depth 50: `plan { objectives { plan { objectives { … } } } }`, 25 times. */
export function nestedPlanQuery(planId: string, levels = 25): string {
  let inner = 'id';
  for (let i = 0; i < levels; i++) inner = `objectives { plan { ${inner} } }`;
  return `query Nested { plan(id: "${planId}") { ${inner} } }`;
}

/** 12 fragments, each spreading the next through `objectives { plan }` and `goals { plan }`: 2^12 paths. */
export function fragmentFanOutQuery(fragments = 12): string {
  const defs = Array.from({ length: fragments }, (_, i) =>
    i === fragments - 1
      ? `fragment F${i} on Plan { id name }`
      : `fragment F${i} on Plan { objectives { plan { ...F${i + 1} } } goals { plan { ...F${i + 1} } } }`,
  );
  return `query FanOut { plans(first: 20) { edges { node { ...F0 } } } } ${defs.join(' ')}`;
}

/** `count` aliases of plans → objectives → keyResults { series realism forecast history }. */
export function aliasedPlansQuery(count = 100): string {
  const one = (i: number) => `a${i}: plans { edges { node { objectives { keyResults { series { value } realism { band } forecast { value } history { edges { node { progress } } } } } } } }`;
  return `query Aliases { ${Array.from({ length: count }, (_, i) => one(i)).join(' ')} }`;
}

/** A plan with a goal and an objective of two key results, for queries that resolve something. */
export async function planWithKeyResults(ws: Awaited<ReturnType<GatewayHarness['newWorkspace']>>): Promise<string> {
  const plan = await ws.gql(`mutation { createPlan(input: { name: "Board", startsOn: "2026-10-01", endsOn: "2026-12-31" }) { ... on CreatePlanSuccess { plan { id } } } }`);
  const planId = plan.body.data.createPlan.plan.id as string;
  const goal = await ws.gql(`mutation($planId: ID!) { addBusinessGoal(input: { planId: $planId, kind: REVENUE, title: "Grow sales" }) { ... on AddBusinessGoalSuccess { goal { id } } } }`, { planId });
  const goalId = goal.body.data.addBusinessGoal.goal.id as string;
  const objective = await ws.gql(`mutation($goalId: ID!) { addObjective(input: { goalId: $goalId, title: "Reach more people on Instagram", category: AWARENESS,
    framework: SMART, startsOn: "2026-10-01", deadline: "2026-12-31", keyResults: [
      { metric: "reach", platform: INSTAGRAM, direction: INCREASE, baseline: 1000, target: 2000 },
      { metric: "followers", platform: INSTAGRAM, direction: INCREASE, baseline: 500, target: 800 } ] }) { __typename } }`, { goalId });
  if (objective.body.data?.addObjective?.__typename !== 'AddObjectiveSuccess') throw new Error(`fixture objective refused: ${JSON.stringify(objective.body)}`);
  return planId;
}

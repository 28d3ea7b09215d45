import { sql } from 'kysely';
import type { GatewayHarness } from '../gatewayHarness.ts';

export type Workspace = Awaited<ReturnType<GatewayHarness['newWorkspace']>>;

/** A payload's own object, failing loudly with the answer when the mutation did not succeed. */
export function ok<T = any>(res: { body: { data?: any; errors?: unknown } }, field: string): T {
  const payload = res.body.data?.[field];
  if (!payload || /Error$|Refused$/.test(payload.__typename ?? '')) throw new Error(`${field} failed: ${JSON.stringify(res.body)}`);
  return payload as T;
}

export interface SeededPlan {
  planId: string;
  goalId: string;
  objectiveId: string;
  accountId: string;
  keyResultIds: string[];
}

/**
 * Through the API: a plan (2026-01-01 – 2026-06-30), a business goal, a MANUAL Instagram account and an
 * objective (2026-01-01 – 2026-04-01) with a followers and a reach key result on it.
 */
export async function seedPlan(ws: Workspace, name = 'Plan', handle = `@${name.toLowerCase().replace(/\W+/g, '')}`): Promise<SeededPlan> {
  const plan = ok(await ws.gql(`mutation($name: String!) { createPlan(input: { name: $name, startsOn: "2026-01-01", endsOn: "2026-06-30" }) {
    __typename ... on CreatePlanSuccess { plan { id } } } }`, { name }), 'createPlan');
  const planId = plan.plan.id as string;
  const goal = ok(await ws.gql(`mutation($planId: ID!) { addBusinessGoal(input: { planId: $planId, kind: BRAND_VISIBILITY, title: "Be seen" }) {
    __typename ... on AddBusinessGoalSuccess { goal { id } } } }`, { planId }), 'addBusinessGoal');
  const account = ok(await ws.gql(`mutation($handle: String!) { connectAccount(input: { platform: INSTAGRAM, handle: $handle, source: MANUAL }) {
    __typename ... on ConnectAccountSuccess { account { id } } } }`, { handle }), 'connectAccount');
  const accountId = account.account.id as string;
  const objective = ok(await ws.gql(`mutation($goalId: ID!, $accountId: ID!) { addObjective(input: { goalId: $goalId, title: "Grow the audience",
    category: AUDIENCE_GROWTH, framework: SMART, startsOn: "2026-01-01", deadline: "2026-04-01",
    keyResults: [{ metric: "followers", accountId: $accountId, direction: INCREASE, baseline: 1000, target: 2000 },
                 { metric: "reach", accountId: $accountId, direction: INCREASE, target: 50000 }] }) {
    __typename ... on AddObjectiveSuccess { objective { id keyResults { id } } } } }`, { goalId: goal.goal.id, accountId }), 'addObjective');
  return {
    planId,
    goalId: goal.goal.id,
    objectiveId: objective.objective.id,
    accountId,
    keyResultIds: objective.objective.keyResults.map((k: { id: string }) => k.id),
  };
}

export async function addObjective(ws: Workspace, goalId: string, title: string, accountId: string) {
  const res = ok(await ws.gql(`mutation($goalId: ID!, $title: String!, $accountId: ID!) { addObjective(input: { goalId: $goalId, title: $title,
    category: ENGAGEMENT, framework: OKR, startsOn: "2026-01-01", deadline: "2026-04-01",
    keyResults: [{ metric: "engagements", accountId: $accountId, direction: INCREASE, target: 900 }] }) {
    __typename ... on AddObjectiveSuccess { objective { id keyResults { id } } } } }`, { goalId, title, accountId }), 'addObjective');
  return { objectiveId: res.objective.id as string, keyResultId: res.objective.keyResults[0].id as string };
}

export async function checkIn(ws: Workspace, keyResultId: string, confidence: number, note?: string) {
  return ws.gql(`mutation($input: CheckInInput!) { checkIn(input: $input) {
    __typename ... on CheckInSuccess { checkIn { id confidence note createdAt author { kind tokenId } } }
    ... on InputError { issues { field rule message } } ... on NotFoundError { id } } }`, { input: { keyResultId, confidence, ...(note !== undefined && { note }) } });
}

type Table = 'plans' | 'business_goals' | 'objectives' | 'key_results' | 'themes' | 'content_items' | 'check_ins' | 'audit_events';
export const rowCount = async (harness: GatewayHarness, table: Table) =>
  Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(harness.deps.db)).rows[0]!.n);

/** The newest entries of the workspace's audit log (or a plan's), as the API returns them. */
export async function auditEntries(ws: Workspace, options: { planId?: string; first?: number } = {}) {
  const res = await ws.gql(`query($planId: ID, $first: Int) { auditLog(planId: $planId, first: $first) {
    edges { cursor node { id at action change entity entityId planId before after actor { kind userId tokenId } } } pageInfo { hasNextPage endCursor } } }`,
  { planId: options.planId ?? null, first: options.first ?? 100 });
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data.auditLog.edges.map((e: { node: any }) => e.node) as any[];
}

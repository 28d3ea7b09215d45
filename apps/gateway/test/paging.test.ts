import { encodeGlobalID } from '@pothos/plugin-relay';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, type GatewayHarness } from './gatewayHarness.ts';

let harness: GatewayHarness;
let ws: Awaited<ReturnType<GatewayHarness['newWorkspace']>>;
/** Every plan of the workspace, in creation order as PostgreSQL keeps it (microseconds, then id). */
let planIds: string[];

interface Page { edges: { cursor: string; node: { id: string } }[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null } }
const pageFields = 'edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

beforeAll(async () => {
  harness = await startGatewayHarness('paging');
  ws = await harness.newWorkspace('Pager');
  await harness.newWorkspace('Neighbour').then((other) =>
    other.gql(`mutation { createPlan(input: { name: "Not yours", startsOn: "2027-01-01", endsOn: "2027-03-31" }) { __typename } }`));
  // 150 plans through the API (each its own instant, microseconds apart) and 100 in one statement: one
  // transaction gives them the same created_at, so only the id orders them.
  for (let i = 0; i < 150; i++) {
    const res = await ws.gql(`mutation($name: String!) { createPlan(input: { name: $name, startsOn: "2027-01-01", endsOn: "2027-03-31" }) { __typename } }`, { name: `Plan ${i}` });
    expect(res.body.data.createPlan.__typename).toBe('CreatePlanSuccess');
  }
  await sql`insert into plans (workspace_id, name, starts_on, ends_on, settings)
    select ${ws.workspaceId}, 'Batch ' || n, '2027-01-01', '2027-03-31', '{}' from generate_series(1, 100) as n`.execute(harness.deps.db);
  const rows = await sql<{ id: string }>`select id from plans where workspace_id = ${ws.workspaceId} order by created_at, id`.execute(harness.deps.db);
  planIds = rows.rows.map((r) => encodeGlobalID('Plan', r.id));
  expect(planIds).toHaveLength(250);
}, 120_000);
afterAll(async () => harness?.close());

async function plans(args: string): Promise<Page> {
  const res = await ws.gql(`{ plans(${args}) { ${pageFields} } }`);
  expect(res.body.errors).toBeUndefined();
  return res.body.data.plans;
}

describe('plans(first: 7) forward and plans(last: 7) backward', () => {
  it('visits each of 250 plans exactly once going forward, in creation order', async () => {
    const seen: string[] = [];
    let page = await plans('first: 7');
    expect(page.pageInfo.hasPreviousPage).toBe(false);
    let pages = 1;
    seen.push(...page.edges.map((e) => e.node.id));
    while (page.pageInfo.hasNextPage) {
      page = await plans(`first: 7, after: ${JSON.stringify(page.pageInfo.endCursor)}`);
      expect(page.pageInfo.hasPreviousPage).toBe(true);
      seen.push(...page.edges.map((e) => e.node.id));
      pages++;
      expect(pages).toBeLessThanOrEqual(40);
    }
    expect(pages).toBe(36);
    expect(new Set(seen).size).toBe(250);
    expect(seen).toEqual(planIds);
  });

  it('visits each of 250 plans exactly once going backward from the end', async () => {
    const seen: string[] = [];
    let page = await plans('last: 7');
    expect(page.pageInfo.hasNextPage).toBe(false);
    let pages = 1;
    seen.unshift(...page.edges.map((e) => e.node.id));
    while (page.pageInfo.hasPreviousPage) {
      page = await plans(`last: 7, before: ${JSON.stringify(page.pageInfo.startCursor)}`);
      expect(page.pageInfo.hasNextPage).toBe(true);
      seen.unshift(...page.edges.map((e) => e.node.id));
      pages++;
      expect(pages).toBeLessThanOrEqual(40);
    }
    expect(pages).toBe(36);
    expect(new Set(seen).size).toBe(250);
    expect(seen).toEqual(planIds);
  });

  it('pages one plan at a time without finding the same plan again (the cursor keeps microseconds)', async () => {
    const first = await plans('first: 1');
    const second = await plans(`first: 1, after: ${JSON.stringify(first.pageInfo.endCursor)}`);
    expect(second.edges[0]!.node.id).toBe(planIds[1]);
    expect(second.edges[0]!.node.id).not.toBe(first.edges[0]!.node.id);
  });

  it('reads the slice between two cursors', async () => {
    const all = await plans('first: 20');
    const between = await plans(`first: 100, after: ${JSON.stringify(all.edges[4]!.cursor)}, before: ${JSON.stringify(all.edges[9]!.cursor)}`);
    expect(between.edges.map((e) => e.node.id)).toEqual(planIds.slice(5, 9));
  });
});

describe('page sizes and cursors are checked before any query', () => {
  const refused = async (query: string) => {
    const res = await ws.gql(query);
    expect(res.status).toBe(200);
    expect(res.body.errors).toHaveLength(1);
    return res.body.errors![0]!;
  };

  it.each([
    ['plans(first: -5)', 'first', 'min:1'],
    ['plans(first: 0)', 'first', 'min:1'],
    ['plans(last: -1)', 'last', 'min:1'],
    ['plans(first: 101)', 'first', 'max:100'],
    ['plans(first: 5, last: 5)', 'last', 'exclusive:first'],
    ['plans(after: "garbage")', 'after', 'cursor'],
    ['plans(before: "garbage")', 'before', 'cursor'],
  ])('%s is BAD_USER_INPUT naming %s and %s', async (field, name, rule) => {
    const error = await refused(`{ ${field} { edges { node { id } } } }`);
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: name, rule });
    expect(error.message).toContain(name);
  });

  it("refuses a cursor of another listing, and a cursor whose key is not one PostgreSQL could read", async () => {
    const planCursor = (await plans('first: 1')).pageInfo.endCursor!;
    const asAlerts = await refused(`{ viewer { alerts(after: ${JSON.stringify(planCursor)}) { edges { node { id } } } } }`);
    expect(asAlerts.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after', rule: 'cursor' });
    const forged = Buffer.from(JSON.stringify(['plans', '2026-13-45T00:00:00.000000Z', 'not-a-uuid'])).toString('base64url');
    expect((await refused(`{ plans(after: "${forged}") { edges { node { id } } } }`)).extensions).toMatchObject({ rule: 'cursor' });
  });
});

describe('alerts and evaluation history are connections too', () => {
  let planId: string;
  let keyResultId: string;

  beforeAll(async () => {
    const db = harness.deps.db;
    const plan = await db.selectFrom('plans').select('id').where('workspace_id', '=', ws.workspaceId).orderBy('created_at').limit(1).executeTakeFirstOrThrow();
    planId = plan.id;
    const goal = await db.insertInto('business_goals').values({ workspace_id: ws.workspaceId, plan_id: plan.id, kind: 'REVENUE', title: 'Grow' }).returning('id').executeTakeFirstOrThrow();
    const objective = await db.insertInto('objectives').values({
      workspace_id: ws.workspaceId, plan_id: plan.id, goal_id: goal.id, title: 'Audience', category: 'AUDIENCE_GROWTH', framework: 'SMART', starts_on: '2026-01-01', deadline: '2026-12-31',
    }).returning('id').executeTakeFirstOrThrow();
    const kr = await db.insertInto('key_results').values({
      workspace_id: ws.workspaceId, objective_id: objective.id, metric: 'followers', platform: 'INSTAGRAM', direction: 'INCREASE', target: 1000, weight: 1, position: 0,
    }).returning('id').executeTakeFirstOrThrow();
    keyResultId = encodeGlobalID('KeyResult', kr.id);
    // 120 days of history and 40 alerts raised in one statement (one created_at: the id breaks ties).
    await sql`insert into key_result_evaluations (workspace_id, key_result_id, evaluated_on, evaluated_at, status, expected_progress)
      select ${ws.workspaceId}, ${kr.id}, date '2026-01-01' + n, now(), 'ON_TRACK', n / 365.0 from generate_series(0, 119) as n`.execute(db);
    await sql`insert into alerts (workspace_id, plan_id, kind, severity, message, dedup_key)
      select ${ws.workspaceId}, ${plan.id}, 'AT_RISK', 'WARNING', 'drifting ' || n, 'paging-' || n from generate_series(1, 40) as n`.execute(db);
  });

  it('history reads the latest 90 days by default, and pages back in time with last/before', async () => {
    const query = `query($id: ID!, $last: Int, $before: String) { node(id: $id) { ... on KeyResult {
      history(last: $last, before: $before) { edges { cursor node { on } } pageInfo { hasPreviousPage hasNextPage startCursor } } } } }`;
    const latest = await ws.gql(`query($id: ID!) { node(id: $id) { ... on KeyResult { history { edges { node { on } } } } } }`, { id: keyResultId });
    const days = latest.body.data.node.history.edges.map((e: any) => e.node.on);
    expect(days).toHaveLength(90);
    expect(days.at(-1)).toBe('2026-04-30');
    const seen: string[] = [];
    let before: string | undefined;
    for (;;) {
      const res = await ws.gql(query, { id: keyResultId, last: 25, ...(before ? { before } : {}) });
      const page = res.body.data.node.history;
      seen.unshift(...page.edges.map((e: any) => e.node.on));
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    expect(seen[0]).toBe('2026-01-01');
    expect([...seen].sort()).toEqual(seen);
  });

  it('plan, viewer and account alerts page newest first, each alert once', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const res = await ws.gql(`query($id: ID!, $after: String) { plan(id: $id) { alerts(first: 7, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } } }`, {
        id: encodeGlobalID('Plan', planId), ...(after ? { after } : {}),
      });
      const page = res.body.data.plan.alerts;
      seen.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(40);
    expect(new Set(seen).size).toBe(40);
    const viewer = await ws.gql('{ viewer { alerts(first: 500) { edges { node { id } } } } }');
    expect(viewer.body.data.viewer.alerts.edges.map((e: any) => e.node.id)).toEqual(seen);
  });

  it.each([
    ['{ viewer { alerts(first: 0) { edges { node { id } } } } }', 'first', 'min:1'],
    ['{ viewer { alerts(first: 501) { edges { node { id } } } } }', 'first', 'max:500'],
  ])('%s is BAD_USER_INPUT', async (query, field, rule) => {
    const res = await ws.gql(query);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, rule });
  });

  it('history(last: 0) is BAD_USER_INPUT', async () => {
    const res = await ws.gql(`query($id: ID!) { node(id: $id) { ... on KeyResult { history(last: 0) { edges { node { on } } } } } }`, { id: keyResultId });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'last', rule: 'min:1' });
  });
});

describe('node(id) and plan(id) with ids that name nothing', () => {
  it.each([
    ['a malformed id', 'garbage'],
    ['a Plan id that is not a uuid', encodeGlobalID('Plan', 'abc')],
    ['a type that is no Node', encodeGlobalID('Query', '00000000-0000-0000-0000-000000000000')],
    ['an unknown type', encodeGlobalID('Nope', '00000000-0000-0000-0000-000000000000')],
    ['an unknown plan', encodeGlobalID('Plan', '00000000-0000-0000-0000-000000000000')],
  ])('node answers null for %s', async (_what, id) => {
    const res = await ws.gql('query($id: ID!) { node(id: $id) { id } }', { id });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.node).toBeNull();
  });

  it('plan(id: "nope") is BAD_USER_INPUT naming the argument; an unknown plan is null', async () => {
    const nope = await ws.gql('{ plan(id: "nope") { id } }');
    expect(nope.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id', rule: 'id:Plan' });
    const unknown = await ws.gql('query($id: ID!) { plan(id: $id) { id } }', { id: encodeGlobalID('Plan', '00000000-0000-0000-0000-000000000000') });
    expect(unknown.body.errors).toBeUndefined();
    expect(unknown.body.data.plan).toBeNull();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, type GatewayHarness } from '../gatewayHarness.ts';
import { aliasedPlansQuery, dashboardQuery, fragmentFanOutQuery, nestedPlanQuery, planWithKeyResults } from './hostileQueries.ts';

type Workspace = Awaited<ReturnType<GatewayHarness['newWorkspace']>>;
let harness: GatewayHarness;
let ws: Workspace;
let planId: string;

beforeAll(async () => {
  harness = await startGatewayHarness('query-limits');
  ws = await harness.newWorkspace('Limits');
  planId = await planWithKeyResults(ws);
});
afterAll(async () => harness?.close());

/** The fastest of a few tries and every answer's error codes (one try may meet a busy machine). */
async function timed(gql: (query: string, variables?: Record<string, unknown>) => Promise<{ body: any }>, query: string, variables: Record<string, unknown> = {}) {
  const times: number[] = [];
  let body: any;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    body = (await gql(query, variables)).body;
    times.push(performance.now() - started);
  }
  return { body, fastestMs: Math.min(...times), medianMs: [...times].sort((a, b) => a - b)[2]!, codes: (body.errors ?? []).map((e: any) => e.extensions?.code) };
}

describe('the dashboard-shaped query', () => {
  it('passes every limit and answers the plan with its goals, objectives and key results', async () => {
    const res = await ws.gql(dashboardQuery, { planId });
    expect(res.body.errors).toBeUndefined();
    const keyResults = res.body.data.plan.goals[0].objectives[0].keyResults;
    expect(keyResults).toHaveLength(2);
    expect(keyResults[0]).toHaveProperty('series');
    expect(res.body.data.plans.edges.map((e: any) => e.node.id)).toContain(planId);
  });
});

describe('the attacks of the issue, refused before execution in milliseconds', () => {
  it.each([
    ['depth 50: plan { objectives { plan { … } } } 25 times', () => nestedPlanQuery(planId), 'QUERY_TOO_DEEP', { limit: 12, found: 52 }],
    ['12-fragment fan-out through objectives { plan } and goals { plan }', () => fragmentFanOutQuery(12), 'QUERY_TOO_DEEP', { limit: 12 }],
    ['100 aliases of plans → objectives → keyResults { series realism forecast history }', () => aliasedPlansQuery(100), 'QUERY_TOO_MANY_TOKENS', { limit: 1000 }],
  ])('%s', async (_name, query, code, extensions) => {
    const attack = await timed(ws.gql, query());
    expect(attack.codes).toEqual([code]);
    expect(attack.body.errors[0].extensions).toMatchObject(extensions);
    expect(attack.body.errors[0].message).toMatch(/limit of \d+ exceeded/);
    expect(attack.body.data ?? null).toBeNull();
    expect(attack.medianMs).toBeLessThan(100);
    console.info(`${code}: fastest ${attack.fastestMs.toFixed(1)} ms, median ${attack.medianMs.toFixed(1)} ms`);
  });

  it('keeps answering a simple query while the attacks arrive', async () => {
    const attacks = Array.from({ length: 30 }, (_, i) => ws.gql([nestedPlanQuery(planId), fragmentFanOutQuery(12), aliasedPlansQuery(100)][i % 3]!));
    const started = performance.now();
    const simple = await ws.gql('{ viewer { workspaceId } }');
    const simpleMs = performance.now() - started;
    const refused = await Promise.all(attacks);
    expect(simple.body.data.viewer.workspaceId).toBeTruthy();
    expect(simpleMs).toBeLessThan(2000);
    expect(refused.every((r) => r.body.errors?.[0]?.extensions?.code?.startsWith('QUERY_TOO'))).toBe(true);
  });
});

describe('each limit, one by one', () => {
  it('counts aliases (QUERY_TOO_MANY_ALIASES) and directives (QUERY_TOO_MANY_DIRECTIVES)', async () => {
    const aliases = await ws.gql(`{ ${Array.from({ length: 21 }, (_, i) => `p${i}: viewer { workspaceId }`).join(' ')} }`);
    expect(aliases.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_MANY_ALIASES', limit: 20, found: 21 });
    const directives = await ws.gql(`{ viewer { ${Array.from({ length: 26 }, () => 'workspaceId @include(if: true)').join(' ')} } }`);
    expect(directives.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_MANY_DIRECTIVES', limit: 25, found: 26 });
    const fine = await ws.gql(`{ ${Array.from({ length: 20 }, (_, i) => `p${i}: viewer { workspaceId }`).join(' ')} }`);
    expect(fine.body.errors).toBeUndefined();
  });

  it('prices lists by the page size the query asks for, variables included', async () => {
    const query = 'query Page($n: Int) { plans(first: $n) { edges { node { goals { objectives { keyResults { series { value } forecast { value } realism { band } history { edges { node { progress } } } account { id } } } } } } } }';
    const small = await ws.gql(query, { n: 5 });
    expect(small.body.errors).toBeUndefined();
    // The same document (parsed and validated once, cached) with a bigger page: the cost follows the variable.
    const large = await ws.gql(query, { n: 100 });
    expect(large.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 1_000_000 });
    expect(large.body.errors?.[0]?.extensions.found).toBeGreaterThan(1_000_000);
  });

  it('counts the cost even where an argument fails its own validation', async () => {
    // alerts(first: 0) is refused by its argument's validation; the rest of the query is still priced, and too costly.
    const query = `{ a: viewer { alerts(first: 0) { edges { node { id } } } } b: plans(first: 100) { edges { node { goals { objectives { keyResults { series { value } forecast { value } realism { band } history { edges { node { progress } } } account { id } } } } } } } }`;
    const res = await ws.gql(query);
    expect(res.body.errors?.map((e: any) => e.extensions?.code)).toEqual(['QUERY_TOO_COMPLEX']);
  });
});

describe('defence in depth: with the earlier limits raised, the cost limit still refuses', () => {
  let generous: GatewayHarness;
  let gws: Workspace;
  beforeAll(async () => {
    generous = await startGatewayHarness('query-cost', { edge: { queryLimits: { maxTokens: 100_000, maxDepth: 100, maxAliases: 1000 } } });
    gws = await generous.newWorkspace('Cost');
  });
  afterAll(async () => generous?.close());

  it.each([
    ['depth 50', () => nestedPlanQuery('UGxhbjow')],
    ['12-fragment fan-out', () => fragmentFanOutQuery(12)],
    ['100 aliases', () => aliasedPlansQuery(100)],
  ])('%s', async (_name, query) => {
    const attack = await timed(gws.gql, query());
    expect(attack.codes).toEqual(['QUERY_TOO_COMPLEX']);
    expect(attack.medianMs).toBeLessThan(100);
    console.info(`QUERY_TOO_COMPLEX (${_name}): fastest ${attack.fastestMs.toFixed(1)} ms, median ${attack.medianMs.toFixed(1)} ms`);
  });
});

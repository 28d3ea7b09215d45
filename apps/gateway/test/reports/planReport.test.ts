import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { testRedisUrl, eventually } from '@goalpost/devstack/testing';
import { createWorkerApp, readWorkerEnv, type WorkerApp } from '@goalpost/worker';
import { parse } from 'csv-parse/sync';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartColors, chartLayout, loadPlanReport, reportWords } from '@goalpost/reports';
import { startTeamsHarness, origin, type Credentials, type TeamsHarness } from '../teams/teamsKit.ts';
import { countPixels, readPdf } from './poppler.ts';

/** The gateway and a worker on one database and queues, both reading one clock. */
let harness: TeamsHarness;
let worker: WorkerApp;
let owner: Credentials & { workspaceId: string };
const now = new Date('2026-02-15T12:00:00Z');

const artifacts = fileURLToPath(new URL('../../../../e2e/artifacts/', import.meta.url));

interface Seeded { planId: string; objectiveIds: string[]; keyResultIds: string[] }
let seeded: Seeded;

const rawId = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1]!;
const days = (from: string, count: number) => Array.from({ length: count }, (_, i) => new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));

async function must(as: Credentials, query: string, variables: Record<string, unknown> = {}) {
  const answer = await harness.gql(query, variables, as);
  const payload = Object.values(answer.body.data ?? {})[0] as Record<string, any> | undefined;
  if (answer.body.errors || !payload || /Error$/.test(String(payload.__typename))) throw new Error(`${query.slice(0, 60)} → ${JSON.stringify(answer.body)}`);
  return payload;
}

const objectiveTitles = ['Campaña de interacción: niños y niñas', "Creixement a l'Instagram: més seguidors", 'Visibilità più rapida, perché sì'];

/**
 * Through the API: a plan with two goals (one titled like a spreadsheet formula), three objectives
 * whose titles carry Spanish, Catalan and Italian accents, four key results (one account, a
 * platform's two accounts, a flow total) and 45 days of metrics, evaluated by the worker.
 */
async function seedPlan(as: Credentials, name: string): Promise<Seeded> {
  const planId = (await must(as, `mutation($name: String!) { createPlan(input: { name: $name, startsOn: "2026-01-01", endsOn: "2026-06-30" }) {
    __typename ... on CreatePlanSuccess { plan { id } } } }`, { name })).plan.id as string;
  const goal = async (kind: string, title: string) => (await must(as, `mutation($planId: ID!, $kind: BusinessGoalKind!, $title: String!) {
    addBusinessGoal(input: { planId: $planId, kind: $kind, title: $title }) { __typename ... on AddBusinessGoalSuccess { goal { id } } } }`, { planId, kind, title })).goal.id as string;
  const visibility = await goal('BRAND_VISIBILITY', 'Que nos vean más');
  const revenue = await goal('REVENUE', '=HYPERLINK("http://evil.test","click"), -2+3');
  const account = async (handle: string) => (await must(as, `mutation($handle: String!) { connectAccount(input: { platform: INSTAGRAM, handle: $handle, source: MANUAL }) {
    __typename ... on ConnectAccountSuccess { account { id } } } }`, { handle })).account.id as string;
  const main = await account('@campaña');
  const second = await account('@segona');
  const objective = async (goalId: string, title: string, framework: string, keyResults: unknown[]) => (await must(as, `mutation($input: AddObjectiveInput!) {
    addObjective(input: $input) { __typename ... on AddObjectiveSuccess { objective { id keyResults { id } } } } }`,
  { input: { goalId, title, category: 'AUDIENCE_GROWTH', framework, startsOn: '2026-01-01', deadline: '2026-04-01', keyResults } })).objective;
  const a = await objective(visibility, objectiveTitles[0]!, 'SMART', [
    { metric: 'followers', accountId: main, direction: 'INCREASE', baseline: 1000, target: 2000 },
    { metric: 'reach', accountId: main, direction: 'INCREASE', target: 50000 },
  ]);
  const b = await objective(visibility, objectiveTitles[1]!, 'OKR', [{ metric: 'followers', platform: 'INSTAGRAM', direction: 'INCREASE', baseline: 1500, target: 4000, pace: 'S_CURVE' }]);
  const c = await objective(revenue, objectiveTitles[2]!, 'SMART', [{ metric: 'reach', platform: 'INSTAGRAM', direction: 'INCREASE', target: 9000, pace: 'BACK_LOADED' }]);
  const record = (accountId: string, points: unknown[]) => must(as, `mutation($input: RecordMetricsInput!) { recordMetrics(input: $input) { __typename ... on RecordMetricsSuccess { written } } }`, { input: { accountId, points } });
  const period = days('2026-01-01', 45);
  await record(main, period.flatMap((at, i) => [{ metric: 'followers', at, value: 1000 + 12 * i }, { metric: 'reach', at, value: 200 + (i % 7) * 10 }]));
  await record(second, period.flatMap((at, i) => [{ metric: 'followers', at, value: 600 + 3 * i }, { metric: 'reach', at, value: 40 }]));
  return { planId, objectiveIds: [a.id, b.id, c.id], keyResultIds: [...a.keyResults, ...b.keyResults, ...c.keyResults].map((k: { id: string }) => k.id) };
}

const keyResultFields = 'id metric status baseline target current progress expectedProgress evaluatedAt forecast { value low high } series { at value }';
async function planOverApi(as: Credentials, planId: string) {
  const answer = await harness.gql(`query($id: ID!) { node(id: $id) { ... on Plan { name goals { title objectives { id title status score { score } keyResults { ${keyResultFields} } } } } } }`, { id: planId }, as);
  return answer.body.data.node as { name: string; goals: { title: string; objectives: { id: string; title: string; status: string; score: { score: number } | null; keyResults: any[] }[] }[] };
}

/**
 * Waits until the worker has done every evaluation job (each write enqueued one before answering) and
 * so has evaluated every key result of the plan at the test's clock with all of its points.
 */
async function evaluated(as: Credentials, planId: string) {
  return eventually(`plan ${planId} evaluated`, async () => {
    const counts = await harness.deps.queues.objectiveEvaluate.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
    const pending = Object.values(counts).reduce((a, b) => a + b, 0);
    const plan = await planOverApi(as, planId);
    const krs = plan.goals.flatMap((g) => g.objectives.flatMap((o) => o.keyResults));
    return pending === 0 && krs.length > 0 && krs.every((kr) => kr.evaluatedAt === now.toISOString()) && plan;
  });
}

const reportUrl = (planId: string, extension: 'pdf' | 'csv', query = '') => `${origin}/reports/plans/${encodeURIComponent(planId)}.${extension}${query}`;
function download(url: string, as: Credentials = {}, headers: Record<string, string> = {}) {
  return harness.gateway.fetch(url, {
    headers: {
      ...(as.token ? { authorization: `Bearer ${as.token}` } : {}),
      ...(as.cookie ? { cookie: as.cookie, origin } : {}),
      ...(as.workspace ? { 'x-goalpost-workspace': as.workspace } : {}),
      ...headers,
    },
  });
}
const bytesOf = async (response: Response) => Buffer.from(await response.arrayBuffer());

beforeAll(async () => {
  harness = await startTeamsHarness('reports', { now: () => now });
  worker = createWorkerApp(
    readWorkerEnv({
      DATABASE_URL: harness.databaseUrl, REDIS_URL: testRedisUrl(), QUEUE_PREFIX: harness.queuePrefix, LIVE_NAMESPACE: harness.liveNamespace,
      EVALUATE_DEBOUNCE_MS: '0', LOG_LEVEL: 'silent', WORKER_PORT: '0',
    }),
    { now: () => now },
  );
  await worker.start();
  owner = await harness.signUp('owner@example.com');
  seeded = await seedPlan(owner, 'Pla d’estiu · campaña 2026');
  await must(owner, 'mutation($id: ID!) { evaluatePlan(id: $id) { __typename ... on EvaluatePlanSuccess { queued } } }', { id: seeded.planId });
  await evaluated(owner, seeded.planId);
}, 180_000);
afterAll(async () => {
  await worker?.close();
  await harness?.close();
});

describe('GET /reports/plans/{id}.csv', () => {
  it('has one row per key result with the values the GraphQL API answers, RFC 4180 with a BOM', async () => {
    const response = await download(reportUrl(seeded.planId, 'csv'), owner);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    // The plan's name, accents and all, for browsers; a plain ASCII one for the rest.
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="Pla-d-estiu-campana-2026.csv"; filename*=UTF-8''${encodeURIComponent('Pla d’estiu · campaña 2026.csv')}`);
    const bytes = await bytesOf(response);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    // Every record ends with CRLF, and no bare LF is left.
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    const rows = parse(text, { columns: true }) as Record<string, string>[];

    const api = await planOverApi(owner, seeded.planId);
    const expected = api.goals.flatMap((g) => g.objectives.flatMap((o) => o.keyResults.map((kr) => ({ g, o, kr }))));
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => r.key_result_id)).toEqual(expected.map((e) => e.kr.id));
    const num = (cell: string) => (cell === '' ? null : Number(cell));
    rows.forEach((row, i) => {
      const { g, o, kr } = expected[i]!;
      expect(row.plan).toBe(api.name);
      expect(row.objective).toBe(o.title);
      expect(row.objective_id).toBe(o.id);
      expect(row.metric).toBe(kr.metric);
      expect(row.status).toBe(kr.status);
      expect(num(row.baseline!)).toBe(kr.baseline);
      expect(num(row.current!)).toBe(kr.current);
      expect(num(row.target!)).toBe(kr.target);
      expect(num(row.progress!)).toBe(kr.progress);
      expect(num(row.expected!)).toBe(kr.expectedProgress);
      expect(num(row.forecast!)).toBe(kr.forecast?.value ?? null);
      expect(num(row.forecast_low!)).toBe(kr.forecast?.low ?? null);
      expect(num(row.forecast_high!)).toBe(kr.forecast?.high ?? null);
      expect(row.deadline).toBe('2026-04-01');
      // The formula-like goal title is kept, made inert by a leading quote.
      expect(row.goal).toBe(g.title.startsWith('=') ? `'${g.title}` : g.title);
    });
    // Its commas and quotes were quoted as RFC 4180 says: doubled quotes inside a quoted field.
    expect(text).toContain('"\'=HYPERLINK(""http://evil.test"",""click""), -2+3"');
    // Negative numbers are numbers, not formulas: forecasts may be below zero, none is prefixed.
    expect(rows.flatMap((r) => [r.baseline, r.current, r.target, r.forecast, r.forecast_low, r.forecast_high]).filter((c) => c?.startsWith("'"))).toEqual([]);
    expect(expected.some(({ kr }) => kr.forecast)).toBe(true);
  });

  it('gives the daily series of every key result with ?part=series, as KeyResult.series', async () => {
    const response = await download(reportUrl(seeded.planId, 'csv', '?part=series'), owner);
    expect(response.status).toBe(200);
    const rows = parse((await bytesOf(response)).toString('utf8').slice(1), { columns: true }) as Record<string, string>[];
    const api = await planOverApi(owner, seeded.planId);
    const keyResults = api.goals.flatMap((g) => g.objectives.flatMap((o) => o.keyResults));
    for (const kr of keyResults) {
      const mine = rows.filter((r) => r.key_result_id === kr.id);
      expect(mine.length).toBeGreaterThan(30);
      expect(mine.map((r) => r.day)).toEqual(kr.series.map((p: { at: string }) => p.at));
      mine.forEach((r, i) => expect(Number(r.value)).toBeCloseTo(kr.series[i].value, 6));
    }
    // The expected path: the baseline on the first day of a key result with one, rising from there.
    const followers = rows.filter((r) => r.key_result_id === keyResults[0].id);
    expect(Number(followers[0]!.expected)).toBe(1000);
    expect(Number(followers.at(-1)!.expected)).toBeGreaterThan(1000);
  });
});

describe('GET /reports/plans/{id}.pdf', () => {
  it("names every objective with its status in the asked language, accents intact, and draws one chart per key result", async () => {
    const api = await planOverApi(owner, seeded.planId);
    const objectives = api.goals.flatMap((g) => g.objectives);
    for (const [language, ask] of [['es', '?lang=es'], ['ca', ''], ['it', '?lang=it']] as const) {
      const response = await download(reportUrl(seeded.planId, 'pdf', ask), owner, { 'accept-language': 'ca-ES, ca;q=0.9, en;q=0.5' });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('content-language')).toBe(language);
      const pdf = readPdf(await bytesOf(response));
      try {
        const lines = pdf.text.split('\n').map((l) => l.trim()).filter(Boolean);
        expect(pdf.text).toContain('Pla d’estiu · campaña 2026');
        for (const o of objectives) {
          // On the objective's own page: its title, then its status first on the next line.
          const at = lines.lastIndexOf(o.title);
          expect(at, `${o.title} in ${language}`).toBeGreaterThan(0);
          expect(lines[at + 1]!.replace(/\s+/g, ' ').startsWith(`${reportWords[language].status[o.status as 'ON_TRACK']} ·`), `${lines[at + 1]} in ${language}`).toBe(true);
        }
      } finally {
        pdf.dispose();
      }
    }

    const english = readPdf(await bytesOf(await download(reportUrl(seeded.planId, 'pdf', '?lang=en'), owner)));
    try {
      // Each chart has its legend; above each legend, its plot box holds the drawn lines.
      const legends = english.words.filter((w) => w.text === reportWords.en.chart.actual);
      expect(legends).toHaveLength(seeded.keyResultIds.length);
      const keyResults = objectives.flatMap((o) => o.keyResults);
      const rasters = new Map<number, ReturnType<typeof english.raster>>();
      legends.forEach((legend, i) => {
        const raster = rasters.get(legend.page) ?? rasters.set(legend.page, english.raster(legend.page)).get(legend.page)!;
        const bottom = legend.yMin - chartLayout.legendOffset;
        const box = { x0: legend.xMin - 15 + 2, y0: bottom - chartLayout.plotHeight + 2, x1: raster.width - 50 - 2, y1: bottom - 2 };
        const hex = (c: string) => [1, 3, 5].map((k) => parseInt(c.slice(k, k + 2), 16)) as [number, number, number];
        const near = (c: string, tolerance = 60) => (r: number, g: number, b: number) => {
          const [R, G, B] = hex(c);
          return Math.abs(r - R) + Math.abs(g - G) + Math.abs(b - B) < tolerance;
        };
        const actual = countPixels(raster, box, near(chartColors.actual));
        const target = countPixels(raster, box, near(chartColors.target));
        const expectedPath = countPixels(raster, box, near(chartColors.expected));
        const forecast = countPixels(raster, box, near(chartColors.forecast, 90));
        expect(actual, `actual series of chart ${i + 1}`).toBeGreaterThan(40);
        expect(target, `target line of chart ${i + 1}`).toBeGreaterThan(40);
        expect(expectedPath, `expected path of chart ${i + 1}`).toBeGreaterThan(10);
        if (keyResults[i].forecast) expect(forecast, `forecast of chart ${i + 1}`).toBeGreaterThan(10);
      });
      // A blank region of the same page stays blank: the counts above are the charts', not noise.
      const lastLegend = legends.at(-1)!;
      const blank = countPixels(rasters.get(lastLegend.page)!, { x0: 60, y0: lastLegend.yMax + 40, x1: 500, y1: lastLegend.yMax + 120 }, (r, g, b) => r + g + b < 700);
      expect(blank).toBe(0);
      mkdirSync(artifacts, { recursive: true });
      english.savePng(1, `${artifacts}plan-report-cover`);
      english.savePng(2, `${artifacts}plan-report-page-2`);
    } finally {
      english.dispose();
    }
  });

  it('is counted in the HTTP metrics by format, not by plan', async () => {
    await bytesOf(await download(reportUrl(seeded.planId, 'pdf'), owner));
    const metrics = await harness.gateway.metrics.metrics();
    expect(metrics).toMatch(/goalpost_http_request_duration_seconds_count\{method="GET",route="\/reports\/plans\/\{planId\}\.pdf",status="200"\} [1-9]/);
    expect(metrics).not.toContain(encodeURIComponent(seeded.planId));
  });

  it('embeds its fonts', async () => {
    const pdf = await bytesOf(await download(reportUrl(seeded.planId, 'pdf'), owner));
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toMatch(/\/FontFile2 \d+ 0 R/);
    expect(text).not.toMatch(/\/BaseFont \/Helvetica/);
  });
});

describe('who may download a report', () => {
  it('lets a VIEWER read it by token and by session cookie', async () => {
    const viewer = await harness.tokenWith(owner, 'VIEWER');
    expect((await download(reportUrl(seeded.planId, 'csv'), { token: viewer.token })).status).toBe(200);
    const person = await harness.member(owner, 'viewer@example.com', 'VIEWER');
    // The person now belongs to two workspaces (their own and the owner's): they name the owner's.
    const asViewer = { cookie: person.cookie, workspace: owner.workspaceId };
    const response = await download(reportUrl(seeded.planId, 'pdf'), asViewer);
    expect(response.status).toBe(200);
    expect((await bytesOf(response)).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses without a credential, from another site, outside the workspace, and hides foreign plans', async () => {
    const url = reportUrl(seeded.planId, 'pdf');
    const anonymous = await download(url);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="goalpost"');
    expect(await anonymous.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await download(url, { token: 'gp_revoked-or-never-was' })).status).toBe(401);

    const crossSite = await harness.gateway.fetch(url, { headers: { cookie: owner.cookie!, origin: 'https://evil.test' } });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toMatchObject({ code: 'CSRF_REFUSED' });

    const outsider = await harness.signUp('outsider@example.com');
    const notMember = await download(url, { cookie: outsider.cookie, workspace: owner.workspaceId });
    expect(notMember.status).toBe(403);
    expect(await notMember.json()).toMatchObject({ code: 'FORBIDDEN', requiredRole: 'VIEWER' });
    // In their own workspace the owner's plan does not exist: the same 404 as an id that names nothing.
    const foreign = await download(url, outsider);
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toMatchObject({ code: 'NOT_FOUND' });
    const csvForeign = await download(reportUrl(seeded.planId, 'csv', '?part=series'), outsider);
    expect(csvForeign.status).toBe(404);
  });

  it('is rate-limited like the other routes', async () => {
    const limited = await startTeamsHarness('reports-limited', { edge: { rateLimits: { graphqlPerToken: 2, graphqlPerAddress: 100 } } });
    try {
      const ws = await limited.newWorkspace('Limited');
      const url = `${origin}/reports/plans/not-a-plan.csv`;
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await limited.gateway.fetch(url, { headers: { authorization: `Bearer ${ws.token}` } })).status);
      expect(statuses).toEqual([404, 404, 429]);
      const refused = await limited.gateway.fetch(url, { headers: { authorization: `Bearer ${ws.token}` } });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await refused.json()).toMatchObject({ code: 'RATE_LIMITED' });
    } finally {
      await limited.close();
    }
  });
});

describe('reading a plan for its report', () => {
  it('takes the same number of statements for one objective as for many', async () => {
    const small = (await must(owner, `mutation { createPlan(input: { name: "Small", startsOn: "2026-01-01", endsOn: "2026-06-30" }) { __typename ... on CreatePlanSuccess { plan { id } } } }`)).plan.id as string;
    const goal = (await must(owner, `mutation($planId: ID!) { addBusinessGoal(input: { planId: $planId, kind: OTHER, title: "One" }) { __typename ... on AddBusinessGoalSuccess { goal { id } } } }`, { planId: small })).goal.id as string;
    await must(owner, `mutation($goalId: ID!) { addObjective(input: { goalId: $goalId, title: "Only", category: AUDIENCE_GROWTH, framework: SMART, startsOn: "2026-01-01", deadline: "2026-04-01",
      keyResults: [{ metric: "followers", platform: INSTAGRAM, direction: INCREASE, baseline: 1, target: 2 }] }) { __typename } }`, { goalId: goal });
    const statementsOf = async (planId: string) => {
      let statements = 0;
      const counting: KyselyPlugin = { transformQuery: (args) => (statements++, args.node), transformResult: async (args) => args.result };
      const report = await loadPlanReport(harness.deps.db.withPlugin(counting), owner.workspaceId, rawId(planId), now);
      return { statements, keyResults: report!.keyResultCount };
    };
    const one = await statementsOf(small);
    const many = await statementsOf(seeded.planId);
    expect(one.keyResults).toBe(1);
    expect(many.keyResults).toBe(4);
    expect(many.statements).toBe(one.statements);
    expect(many.statements).toBeLessThanOrEqual(6);
  });
});

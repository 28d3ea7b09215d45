import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, type GatewayHarness } from './gatewayHarness.ts';

const importMutation = `mutation($input: ImportMetricsInput!) { importMetrics(input: $input) {
  __typename
  ... on ImportMetricsSuccess { format received written ignoredColumns }
  ... on MetricImportRefused { message totalIssues issues { row column rule message } }
  ... on InputError { issues { field rule } } } }`;

describe('importMetrics (GraphQL multipart upload)', () => {
  let harness: GatewayHarness;
  let token: string;
  let accountId: string;

  beforeAll(async () => {
    harness = await startGatewayHarness('import');
    const ws = await harness.newWorkspace('Importers');
    token = ws.token;
    const account = await ws.gql(`mutation { connectAccount(input: { platform: FACEBOOK, handle: "Shop", source: MANUAL }) { ... on ConnectAccountSuccess { account { id } } } }`);
    accountId = account.body.data.connectAccount.account.id;
  });
  afterAll(async () => harness?.close());

  const storedPoints = async () =>
    (await sql<{ metric: string; day: string; value: number }>`select metric, bucket_start::text as day, value from metric_points order by metric, bucket_start`.execute(harness.deps.db)).rows;

  /** A request as Apollo/urql upload clients send it: operations, map, then the file part. */
  async function upload(csv: string, name = 'insights.csv') {
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: importMutation, variables: { input: { accountId, file: null } } }));
    form.set('map', JSON.stringify({ 0: ['variables.input.file'] }));
    form.set('0', new File([csv], name, { type: 'text/csv' }));
    const response = await harness.gateway.fetch('http://gateway.test/graphql', { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    return { status: response.status, body: (await response.json()) as { data?: any; errors?: unknown[] } };
  }

  it('stores every point of a good file once, and an identical upload writes nothing new', async () => {
    const csv = 'sep=,\n"Facebook Page reach"\n"Date","Primary"\n"2026-11-01T00:00:00","1200"\n"2026-11-02T00:00:00","1,310"\n';
    const first = await upload(csv);
    expect(first.body.data.importMetrics).toEqual({ __typename: 'ImportMetricsSuccess', format: 'meta-single-metric', received: 2, written: 2, ignoredColumns: [] });
    expect(await storedPoints()).toEqual([{ metric: 'reach', day: '2026-11-01', value: 1200 }, { metric: 'reach', day: '2026-11-02', value: 1310 }]);
    const again = await upload(csv);
    expect(again.body.data.importMetrics).toMatchObject({ received: 2, written: 0 });
  });

  it('refuses a file with one bad row whole, naming the row and the rule', async () => {
    const before = await storedPoints();
    const jobs = await harness.jobCounts();
    const csv = 'date,metric,value\n2026-11-03,followers,5000\n2026-11-04,followers,5010\n2026-11-05,followers,-1\n2026-11-06,followers,5030\n';
    const { body } = await upload(csv, 'followers.csv');
    expect(body.data.importMetrics).toEqual({
      __typename: 'MetricImportRefused',
      message: 'followers.csv: 1 bad row(s), the first on line 4 (value): -1 is out of range: followers is a count of 0 or more. Nothing was stored.',
      totalIssues: 1,
      issues: [{ row: 4, column: 'value', rule: 'range', message: '-1 is out of range: followers is a count of 0 or more' }],
    });
    expect(await storedPoints()).toEqual(before);
    expect(await harness.jobCounts()).toBe(jobs);
  });

  it('applies the same rules to recordMetrics', async () => {
    const ws = { gql: (query: string, variables: Record<string, unknown>) => harness.graphql(query, variables, token) };
    const { body } = await ws.gql(`mutation($input: RecordMetricsInput!) { recordMetrics(input: $input) { __typename ... on InputError { issues { field rule } } } }`,
      { input: { accountId, points: [{ metric: 'followers', at: '2026-11-01', value: 10 }, { metric: 'engagement_rate_by_reach', at: '2026-11-01', value: 3 }, { metric: 'csat', at: '2026-11-01', value: 140 }] } });
    expect(body.data.recordMetrics).toEqual({
      __typename: 'InputError',
      issues: [{ field: 'input.points[1].metric', rule: 'raw' }, { field: 'input.points[2].value', rule: 'range' }],
    });
  });

  it('refuses an upload without a file part, or an oversized one, before reading it', async () => {
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: importMutation, variables: { input: { accountId, file: 'not a file' } } }));
    form.set('map', JSON.stringify({}));
    const response = await harness.gateway.fetch('http://gateway.test/graphql', { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    const body = (await response.json()) as { errors?: { message: string }[] };
    expect(body.errors?.[0]?.message).toMatch(/multipart/);

    const huge = await harness.gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(50 * 1024 * 1024) },
      body: '--x--',
    });
    expect(huge.status).toBe(413);
  });
});

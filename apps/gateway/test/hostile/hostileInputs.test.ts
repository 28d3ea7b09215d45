import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signStandardWebhook } from '@goalpost/credentials';
import { startGatewayHarness, type GatewayHarness } from '../gatewayHarness.ts';
import { hostileCorpus, type Expected, type HostileCase, type HostileRequest } from './corpus.ts';
import { seedHostileFixtures, type HostileFixtures } from './hostileFixtures.ts';
import { databaseSnapshot, queueSnapshot } from './stateSnapshot.ts';

const metaSecret = 'meta-app-secret';
const hangAfterMs = 5_000;

let harness: GatewayHarness;
let fixtures: HostileFixtures;

const signed = (secret: string, id: string, body: string, timestamp = Math.floor(Date.now() / 1000)) => ({
  'webhook-id': id,
  'webhook-timestamp': String(timestamp),
  'webhook-signature': signStandardWebhook({ secret, id, timestamp, body }),
});
const post = (path: string, body: string, headers: Record<string, string>) =>
  harness.gateway.fetch(`http://gateway.test${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

beforeAll(async () => {
  harness = await startGatewayHarness('hostile', {
    meta: { appSecret: metaSecret, verifyToken: 'meta-verify' },
    // Credentials can be sealed, but no OAuth app is configured: consent flows are refused.
    connections: { credentialKeys: [{ id: 'k1', key: Buffer.alloc(32, 7) }] },
  });
  fixtures = await seedHostileFixtures(harness, post, signed);
}, 120_000);
afterAll(async () => harness?.close());

interface Answer { status: number; body: unknown }

async function send(request: HostileRequest, f: HostileFixtures): Promise<Answer> {
  const auth = { authorization: `Bearer ${f.token}` };
  switch (request.kind) {
    case 'graphql': {
      const body = request.rawBody ? request.rawBody(f) : JSON.stringify({ query: request.query, variables: request.variables?.(f) ?? {} });
      const response = await harness.gateway.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body });
      return { status: response.status, body: await response.json() };
    }
    case 'subscription': {
      const response = await harness.gateway.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...auth },
        body: JSON.stringify({ query: request.query, variables: request.variables?.(f) ?? {} }),
      });
      // A refused subscription answers one event and completes; read up to the first data line.
      const reader = response.body!.getReader();
      let text = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (value) text += new TextDecoder().decode(value);
        const data = /^data: (.+)$/m.exec(text);
        if (data || done) {
          await reader.cancel();
          return { status: response.status, body: data ? JSON.parse(data[1]!) : text };
        }
      }
    }
    case 'metricsWebhook': {
      const body = request.body(f);
      const id = request.id ?? `msg_${Math.random().toString(36).slice(2)}`;
      const headers = request.signWith === 'none' ? {} : signed(request.signWith === 'wrong' ? 'whsec_d3JvbmcgcGFzc3dvcmQ=' : f.secret, id, body, request.timestamp);
      const response = await harness.gateway.fetch('http://gateway.test/webhooks/metrics', {
        method: 'POST',
        headers: { 'content-type': request.contentType ?? 'application/json', ...headers },
        body,
      });
      const text = await response.text();
      return { status: response.status, body: safeJson(text) };
    }
    case 'metaWebhook': {
      const body = request.body;
      const signature = request.signature === 'good' ? `sha256=${createHmac('sha256', metaSecret).update(body ?? '').digest('hex')}` : request.signature === 'bad' ? `sha256=${'0'.repeat(64)}` : undefined;
      const response = await harness.gateway.fetch(`http://gateway.test/webhooks/meta${request.query ? `?${request.query}` : ''}`, {
        method: request.method,
        headers: { 'content-type': 'application/json', ...(signature ? { 'x-hub-signature-256': signature } : {}) },
        ...(body !== undefined && request.method !== 'GET' ? { body } : {}),
      });
      return { status: response.status, body: safeJson(await response.text()) };
    }
    case 'report': {
      const headers: Record<string, string> = { ...request.headers };
      if (request.token !== 'none') headers.authorization = request.token === 'bogus' ? 'Bearer gp_not-a-token' : auth.authorization;
      const response = await harness.gateway.fetch(`http://gateway.test${request.path(f)}`, { method: request.method ?? 'GET', headers });
      // A report is read to its end: a stream that fails half-way is a failure too.
      const text = await response.text();
      return { status: response.status, body: response.headers.get('content-type')?.startsWith('application/json') ? safeJson(text) : { bytes: text.length } };
    }
    case 'upload': {
      const query = `mutation($input: ImportMetricsInput!) { importMetrics(input: $input) {
        __typename ... on Error { message } ... on InputError { issues { field rule } } ... on MetricImportRefused { issues { row rule } } } }`;
      const form = new FormData();
      form.set('operations', JSON.stringify({ query, variables: { input: { accountId: request.accountId(f), file: null } } }));
      form.set('map', JSON.stringify({ 0: ['variables.input.file'] }));
      form.set('0', new File([request.content as BlobPart], request.fileName, { type: 'text/csv' }));
      const response = await harness.gateway.fetch('http://gateway.test/graphql', { method: 'POST', headers: auth, body: form });
      return { status: response.status, body: await response.json() };
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

interface Issue { field?: string; rule?: string }
interface GraphqlBody { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] }

/** Why the answer is not the expected one, or undefined when it is. */
function mismatch(expected: Expected, answer: Answer): string | undefined {
  if (answer.status !== expected.status) return `status ${answer.status}, expected ${expected.status}: ${JSON.stringify(answer.body).slice(0, 300)}`;
  const body = answer.body as GraphqlBody & { issues?: Issue[] };
  const error = body?.errors?.[0];
  if (error?.extensions?.code === 'INTERNAL_SERVER_ERROR') return `masked error: ${error.message}`;
  const matches = (issues: Issue[] | undefined) =>
    (issues ?? []).some((i) => (!expected.rule || i.rule === expected.rule) && (!expected.field || i.field === expected.field));
  if (expected.typename) {
    const payload = Object.values(body?.data ?? {})[0] as { __typename?: string; issues?: Issue[] } | undefined;
    if (payload?.__typename !== expected.typename) return `answered ${payload?.__typename ?? JSON.stringify(body).slice(0, 300)}, expected ${expected.typename}`;
    if ((expected.rule || expected.field) && !matches(payload.issues)) return `issues ${JSON.stringify(payload.issues)}, expected rule ${expected.rule} on ${expected.field}`;
    return undefined;
  }
  if (expected.code) {
    if (error?.extensions?.code !== expected.code) return `error ${JSON.stringify(error ?? body).slice(0, 300)}, expected code ${expected.code}`;
    const ext = error.extensions as Issue & { issues?: Issue[] };
    if ((expected.rule || expected.field) && !matches([ext, ...(ext.issues ?? [])])) return `extensions ${JSON.stringify(ext)}, expected rule ${expected.rule} on ${expected.field}`;
    return undefined;
  }
  if (expected.graphqlError) return error ? undefined : `no GraphQL error: ${JSON.stringify(body).slice(0, 300)}`;
  if (expected.nullData) {
    if (error) return `error ${error.message}`;
    const value = Object.values(body?.data ?? { none: 'missing' })[0];
    return value === null ? undefined : `answered ${JSON.stringify(value)}, expected null`;
  }
  if (expected.rule || expected.field) return matches(body?.issues) ? undefined : `issues ${JSON.stringify(body?.issues ?? body)}, expected rule ${expected.rule} on ${expected.field}`;
  return undefined;
}

interface Outcome { name: string; status: number | 'hang'; ms: number; wrongAnswer?: string; partialWrite?: string[]; enqueued?: number }

async function run(testCase: HostileCase): Promise<Outcome> {
  const tablesBefore = await databaseSnapshot(harness);
  const jobsBefore = await queueSnapshot(harness);
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const answer = await Promise.race([
    send(testCase.request, fixtures).catch((error: unknown) => ({ status: -1, body: String(error) })),
    new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), hangAfterMs))),
  ]);
  clearTimeout(timer);
  const ms = Math.round(performance.now() - started);
  const tablesAfter = await databaseSnapshot(harness);
  const changed = Object.keys(tablesAfter).filter((table) => tablesAfter[table] !== tablesBefore[table]);
  const enqueued = (await queueSnapshot(harness)) - jobsBefore;
  return {
    name: testCase.name,
    status: answer === 'hang' ? 'hang' : answer.status,
    ms,
    ...(answer === 'hang' ? { wrongAnswer: `no answer within ${hangAfterMs} ms` } : mismatch(testCase.expect, answer) ? { wrongAnswer: mismatch(testCase.expect, answer)! } : {}),
    ...(changed.length > 0 ? { partialWrite: changed } : {}),
    ...(enqueued !== 0 ? { enqueued } : {}),
  };
}

describe('the hostile-input corpus', () => {
  it('holds at least 200 cases with unique names', () => {
    expect(hostileCorpus.length).toBeGreaterThanOrEqual(200);
    expect(new Set(hostileCorpus.map((c) => c.name)).size).toBe(hostileCorpus.length);
  });

  it('answers every case as expected, without a 5xx or a hang, writing and enqueuing nothing', async () => {
    const outcomes: Outcome[] = [];
    for (const testCase of hostileCorpus) outcomes.push(await run(testCase));
    const report = {
      cases: outcomes.length,
      fiveHundreds: outcomes.filter((o) => typeof o.status === 'number' && (o.status >= 500 || o.status < 0)).length,
      hangs: outcomes.filter((o) => o.status === 'hang').length,
      partialWrites: outcomes.filter((o) => o.partialWrite).length,
      enqueued: outcomes.filter((o) => o.enqueued).length,
      wrongAnswers: outcomes.filter((o) => o.wrongAnswer).length,
      slowestMs: Math.max(...outcomes.map((o) => o.ms)),
    };
    console.log(`hostile corpus: ${JSON.stringify(report)}`);
    const failures = outcomes
      .filter((o) => o.wrongAnswer || o.partialWrite || o.enqueued || o.status === 'hang')
      .map((o) => `${o.name}: ${[o.wrongAnswer, o.partialWrite && `wrote ${o.partialWrite.join(', ')}`, o.enqueued && `enqueued ${o.enqueued}`].filter(Boolean).join('; ')}`);
    expect(failures).toEqual([]);
    expect(report).toMatchObject({ fiveHundreds: 0, hangs: 0, partialWrites: 0, enqueued: 0, wrongAnswers: 0 });
  }, 600_000);
});

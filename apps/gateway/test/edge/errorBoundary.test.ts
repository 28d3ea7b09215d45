import { encodeGlobalID } from '@pothos/plugin-relay';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, type GatewayHarness } from '../gatewayHarness.ts';
import { serveOverHttp } from './httpServer.ts';
import { noStackOrPath } from './leakChecks.ts';

let harness: GatewayHarness;
let http: Awaited<ReturnType<typeof serveOverHttp>>;
let token: string;
const logLines: Record<string, any>[] = [];

beforeAll(async () => {
  harness = await startGatewayHarness('error-boundary', { logLevel: 'info', logDestination: { write: (line: string) => void logLines.push(JSON.parse(line)) } });
  http = await serveOverHttp(harness);
  token = (await harness.newWorkspace('Errors')).token;
});
afterAll(async () => {
  await http?.close();
  await harness?.close();
});

const post = (query: string, headers: Record<string, string> = {}, variables: Record<string, unknown> = {}) =>
  harness.gateway.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify({ query, variables }),
  });

describe('expected errors reach the client typed', () => {
  it('an InputError thrown by a query field: BAD_USER_INPUT with the field and the rule', async () => {
    const res = await post('{ plan(id: "nope") { id } }');
    const body = await res.json();
    expect(body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', issues: [{ field: 'id', rule: 'id:Plan', message: expect.any(String) }] });
    expect(body.errors[0].path).toEqual(['plan']);
  });

  it('checkObjective with a garbage id or a key result without a scope', async () => {
    const garbage = await (await post('{ checkObjective(input: { goalId: "garbage" }) { passed } }')).json();
    expect(garbage.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ field: 'input.goalId', rule: 'id:BusinessGoal' }] });
    const unscoped = await (await post('{ checkObjective(input: { keyResults: [{ metric: "reach", direction: INCREASE, target: 10 }] }) { passed } }')).json();
    expect(unscoped.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ field: 'input.keyResults[0].accountId', rule: 'scope' }] });
  });

  it.each(['acknowledgeAlert', 'resolveAlert'])('%s: InputError for a malformed id, NotFoundError for an unknown one', async (mutation) => {
    const malformed = await (await post(`mutation { ${mutation}(id: "nope") { __typename ... on InputError { issues { field rule } } } }`)).json();
    expect(malformed.data[mutation]).toEqual({ __typename: 'InputError', issues: [{ field: 'id', rule: 'id:Alert' }] });
    const unknownId = encodeGlobalID('Alert', randomUUID());
    const unknown = await (await post(`mutation($id: ID!) { ${mutation}(id: $id) { __typename ... on NotFoundError { id } } }`, {}, { id: unknownId })).json();
    expect(unknown.data[mutation]).toEqual({ __typename: 'NotFoundError', id: unknownId });
  });

  it('a subscription over SSE with a bad plan id', async () => {
    const res = await harness.gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'subscription { keyResultEvaluated(planId: "garbage") { id } }' }),
    });
    const text = await res.text();
    const event = JSON.parse(/data: (.*)/.exec(text)![1]!);
    expect(event.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ field: 'planId', rule: 'id:Plan' }] });
  });

  it('a subscription over graphql-ws with a bad plan id', async () => {
    const client = createClient({ url: `${http.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` } });
    const errors = await new Promise<any[]>((resolve) => {
      client.subscribe({ query: 'subscription { keyResultEvaluated(planId: "garbage") { id } }' }, {
        next: (value) => resolve(value.errors as any[]),
        error: (error) => resolve(Array.isArray(error) ? error : [error]),
        complete: () => resolve([]),
      });
    });
    await client.dispose();
    expect(errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ field: 'planId', rule: 'id:Plan' }] });
  });
});

describe('unexpected errors: masked, logged with the request id, which the answer carries', () => {
  it('answers INTERNAL_SERVER_ERROR with only the request id; the log line has the message and stack', async () => {
    // A real bug-shaped failure: the table a resolver reads is gone.
    await sql`alter table alerts rename to alerts_gone`.execute(harness.deps.db);
    try {
      const res = await post('query AlertList { viewer { alerts { id } } }', { 'x-request-id': 'trace-4711.a' });
      const body = await res.json();
      expect(res.headers.get('x-request-id')).toBe('trace-4711.a');
      expect(body.errors[0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'trace-4711.a' });
      expect(body.errors[0].message).toMatch(/Unexpected error\. Quote request id trace-4711\.a/);
      expect(JSON.stringify(body)).not.toMatch(/relation|postgres|does not exist/i);
      noStackOrPath(JSON.stringify(body));

      const logged = logLines.filter((l) => l.requestId === 'trace-4711.a' && l.level === 50);
      expect(logged).toHaveLength(1);
      expect(logged[0]!.err.message).toMatch(/relation "alerts" does not exist/);
      expect(logged[0]!.err.stack).toMatch(/\n\s+at /);
      expect(logged[0]!.path).toBe('viewer.alerts');
      // yoga's own logger is wired to pino fields, not `{"0": …}`.
      expect(logLines.some((l) => '0' in l)).toBe(false);
    } finally {
      await sql`alter table alerts_gone rename to alerts`.execute(harness.deps.db);
    }
  });

  it('keeps a well-formed x-request-id, replaces a malformed one', async () => {
    for (const bad of ['has spaces', 'x'.repeat(129), 'new\nline', 'semi;colon']) {
      const res = await harness.gateway.fetch('http://gateway.test/healthz', { headers: { 'x-request-id': bad.replace('\n', '%0A') } });
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
    const res = await harness.gateway.fetch('http://gateway.test/healthz', { headers: { 'x-request-id': 'Req_1:2.3-4' } });
    expect(res.headers.get('x-request-id')).toBe('Req_1:2.3-4');
    const generated = await harness.gateway.fetch('http://gateway.test/healthz');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('writes one access log line per request: method, path, operation, status, duration, request id', async () => {
    const requestId = `access-${randomUUID()}`;
    await post('query WhoAmI { viewer { workspaceId } }', { 'x-request-id': requestId });
    await harness.gateway.fetch('http://gateway.test/webhooks/metrics', { method: 'POST', headers: { 'x-request-id': `${requestId}-hook` } });
    const lines = logLines.filter((l) => l.msg === 'request' && String(l.requestId).startsWith(requestId));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ requestId, method: 'POST', path: '/graphql', operationName: 'WhoAmI', status: 200, durationMs: expect.any(Number) });
    expect(lines[1]).toMatchObject({ requestId: `${requestId}-hook`, method: 'POST', path: '/webhooks/metrics', status: 415 });
  });
});

describe('HTTP answers without a body of their own', () => {
  it.each([
    ['/graphql', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{ __typename }' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['/nowhere', { method: 'GET' }, 404, 'NOT_FOUND'],
  ] as const)('%s answers %i as JSON', async (path, init, status, code) => {
    const res = await harness.gateway.fetch(`http://gateway.test${path}`, init);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/json/);
    expect(JSON.stringify(await res.json())).toContain(code);
  });
});

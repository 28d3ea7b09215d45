import { encodeGlobalID } from '@pothos/plugin-relay';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, type GatewayHarness } from '../gatewayHarness.ts';
import { serveOverHttp } from './httpServer.ts';
import { noStackOrPath } from './leakChecks.ts';
import { signStandardWebhook } from '@goalpost/credentials';
import { createErrorMasking } from '../../src/edge/errorMasking.ts';
import { InputError, NotFoundError } from '../../src/errors.ts';
import { GraphQLError, Kind, type FieldNode } from 'graphql';
import pino from 'pino';

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
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ field: 'id', rule: 'id:Plan', message: expect.any(String) }] });
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
      const res = await post('query AlertList { viewer { alerts { edges { node { id } } } } }', { 'x-request-id': 'trace-4711.a' });
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

describe('an HTTP route whose work fails unexpectedly', () => {
  it('answers JSON 500 with the request id, the stack only in the log', async () => {
    const ws = await harness.newWorkspace('Pushing');
    const secret = (await ws.gql('mutation { rotateIngestSecret { ... on RotateIngestSecretSuccess { secret } } }')).body.data.rotateIngestSecret.secret as string;
    const account = await ws.gql('mutation { connectAccount(input: { platform: INSTAGRAM, handle: "@pushed", source: PUSH }) { ... on ConnectAccountSuccess { account { id } } } }');
    const body = JSON.stringify({ type: 'metrics.points', data: { accountId: account.body.data.connectAccount.account.id, points: [{ metric: 'followers', at: '2026-01-05', value: 10 }] } });
    const timestamp = Math.floor(Date.now() / 1000);
    const requestId = `hook-${randomUUID()}`;
    await sql`alter table metric_points rename to metric_points_gone`.execute(harness.deps.db);
    try {
      const res = await harness.gateway.fetch('http://gateway.test/webhooks/metrics', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': requestId, 'webhook-id': 'msg_boom', 'webhook-timestamp': String(timestamp), 'webhook-signature': signStandardWebhook({ secret, id: 'msg_boom', timestamp, body }) },
        body,
      });
      const text = await res.text();
      expect(res.status).toBe(500);
      expect(res.headers.get('content-type')).toMatch(/json/);
      expect(JSON.parse(text)).toEqual({ error: expect.stringContaining(requestId), code: 'INTERNAL_SERVER_ERROR', requestId });
      noStackOrPath(text);
      const logged = logLines.find((l) => l.requestId === requestId && l.level === 50);
      expect(logged?.err.message).toMatch(/metric_points/);
      expect(logged?.err.stack).toMatch(/\n\s+at /);
    } finally {
      await sql`alter table metric_points_gone rename to metric_points`.execute(harness.deps.db);
    }
  });
});

describe('the masking of one error', () => {
  const maskError = createErrorMasking(pino({ level: 'silent' }));
  const at = (original: Error) => new GraphQLError(original.message, { nodes: [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: 'plan' } } as FieldNode], path: ['plan'], originalError: original });

  it('types NotFoundError as NOT_FOUND with its id, InputError as BAD_USER_INPUT, keeping the path', () => {
    const notFound = maskError(at(new NotFoundError('No plan P in your workspace.', 'P')), 'Unexpected error.') as GraphQLError;
    expect(notFound.toJSON()).toMatchObject({ message: 'No plan P in your workspace.', path: ['plan'], extensions: { code: 'NOT_FOUND', id: 'P' } });
    const input = maskError(at(InputError.of([{ field: 'input.name', rule: 'length', message: 'too long' }])), 'Unexpected error.') as GraphQLError;
    expect(input.toJSON()).toMatchObject({ path: ['plan'], extensions: { code: 'BAD_USER_INPUT', issues: [{ field: 'input.name', rule: 'length' }] } });
  });

  it('passes a GraphQLError that carries its own code untouched', () => {
    const coded = new GraphQLError('Authentication required.', { extensions: { code: 'UNAUTHENTICATED' } });
    expect(maskError(at(coded), 'Unexpected error.')).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
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

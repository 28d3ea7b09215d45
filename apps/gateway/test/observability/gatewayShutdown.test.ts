import { once } from 'node:events';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient as createWsClient } from 'graphql-ws';
import { createClient as createSseClient } from 'graphql-sse';
import WebSocket from 'ws';
import { createTestDatabase, testRedisUrl, uniquePrefix } from '@goalpost/devstack/testing';
import { eventually, freePort, startApp, type AppProcess } from '../../../../e2e/support/stackProcess.ts';

const token = 'shutdown-test-token-0123456789';

describe('the gateway process on SIGTERM', () => {
  let database: { url: string; drop(): Promise<void> };
  const processes: AppProcess[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop('SIGKILL')));
    await database?.drop();
  });

  async function startGateway(env: Record<string, string>) {
    const port = await freePort();
    const gateway = startApp('gateway', {
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      PORT: String(port),
      QUEUE_PREFIX: uniquePrefix('shutdown'),
      LIVE_NAMESPACE: uniquePrefix('shutdown-live'),
      GOALPOST_BOOTSTRAP_TOKEN: token,
      LOG_LEVEL: 'info',
      ...env,
    });
    processes.push(gateway);
    const base = `http://127.0.0.1:${port}`;
    await eventually(async () => ((await fetch(`${base}/readyz`).catch(() => null))?.ok ? true : undefined), 'the gateway to be ready', 60_000);
    const exited = once(gateway.child, 'exit').then(([code]) => ({ code: code as number | null, at: Date.now() }));
    return { gateway, base, port, exited };
  }

  it('says 503 on /readyz at once, then ends SSE, graphql-sse and WebSocket subscriptions and exits without waiting for their clients', async () => {
    const drainMs = 1000;
    const timeoutMs = 8000;
    const { gateway, base, port, exited } = await startGateway({ SHUTDOWN_DRAIN_MS: String(drainMs), SHUTDOWN_TIMEOUT_MS: String(timeoutMs) });
    const subscription = 'subscription { alertRaised { id } }';

    // yoga's SSE: the stream is open once the response head is in.
    const sse = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: subscription }),
    });
    expect(sse.headers.get('content-type')).toContain('text/event-stream');
    const sseEnded = (async () => {
      const reader = sse.body!.getReader();
      try {
        while (!(await reader.read()).done);
      } catch {
        // Cut: the same for the client as an end.
      }
      return Date.now();
    })();

    const ws = createWsClient({ url: `ws://127.0.0.1:${port}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, lazy: false, retryAttempts: 0 });
    const wsClosed = new Promise<{ code: number }>((resolve) => ws.on('closed', (event) => resolve(event as { code: number })));
    await new Promise<void>((resolve) => {
      ws.on('connected', () => resolve());
      ws.subscribe({ query: subscription }, { next: () => {}, error: () => {}, complete: () => {} });
    });

    let graphqlSseConnected: () => void;
    const graphqlSseOpen = new Promise<void>((resolve) => (graphqlSseConnected = resolve));
    const graphqlSse = createSseClient({
      url: `${base}/graphql/stream`,
      singleConnection: true,
      retryAttempts: 0,
      headers: () => ({ authorization: `Bearer ${token}` }),
      on: { connected: () => graphqlSseConnected() },
    });
    const graphqlSseEnd = new Promise<number>((resolve) => {
      graphqlSse.subscribe({ query: subscription }, { next: () => {}, error: () => resolve(Date.now()), complete: () => resolve(Date.now()) });
    });
    await graphqlSseOpen;

    const signalledAt = Date.now();
    gateway.child.kill('SIGTERM');
    const readiness = await eventually(async () => {
      const response = await fetch(`${base}/readyz`);
      return response.status === 503 ? response.json() : undefined;
    }, '/readyz to say 503', 2000);
    expect(readiness).toEqual({ status: 'stopping' });
    expect(Date.now() - signalledAt).toBeLessThan(drainMs);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);

    const [sseAt, wsClose, graphqlSseAt, exit] = await Promise.all([sseEnded, wsClosed, graphqlSseEnd, exited]);
    expect(sseAt - signalledAt).toBeGreaterThanOrEqual(drainMs - 50);
    expect(graphqlSseAt - signalledAt).toBeGreaterThanOrEqual(drainMs - 50);
    expect(wsClose.code).toBe(1001);
    expect(exit.code).toBe(0);
    // Well inside the bound: nothing waited for the subscribers to leave.
    expect(exit.at - signalledAt).toBeLessThan(drainMs + timeoutMs / 2);
    expect(gateway.output()).toContain('gateway stopped');
    await graphqlSse.dispose();
  }, 90_000);

  it('cuts a request still running at SHUTDOWN_TIMEOUT_MS and exits', async () => {
    const timeoutMs = 1500;
    const { gateway, port, exited } = await startGateway({ SHUTDOWN_DRAIN_MS: '0', SHUTDOWN_TIMEOUT_MS: String(timeoutMs) });
    // A webhook whose body never comes; `Expect: 100-continue` says when the gateway has the request.
    const socket = connect(port, '127.0.0.1');
    socket.write('POST /webhooks/metrics HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nExpect: 100-continue\r\n\r\n');
    await new Promise<void>((resolve) => socket.once('data', (chunk) => chunk.toString().startsWith('HTTP/1.1 100') && resolve()));
    socket.write('{"type":');
    const socketClosed = once(socket, 'close').then(() => Date.now());

    const signalledAt = Date.now();
    gateway.child.kill('SIGTERM');
    const [closedAt, exit] = await Promise.all([socketClosed, exited]);
    expect(closedAt - signalledAt).toBeGreaterThanOrEqual(timeoutMs - 50);
    expect(exit.code).toBe(0);
    expect(exit.at - signalledAt).toBeLessThan(timeoutMs + 3000);
    expect(gateway.output()).toContain('requests still running at the shutdown deadline were cut');
  }, 90_000);
});

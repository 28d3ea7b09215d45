import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, type GatewayHarness } from '../gatewayHarness.ts';
import { serveOverHttp } from './httpServer.ts';

let harness: GatewayHarness;
let http: Awaited<ReturnType<typeof serveOverHttp>>;
let token: string;
const mib = 1024 * 1024;

beforeAll(async () => {
  harness = await startGatewayHarness('body-limits');
  http = await serveOverHttp(harness);
  token = (await harness.newWorkspace('Bodies')).token;
});
afterAll(async () => {
  await http?.close();
  await harness?.close();
});

interface Answer { status: number; headers: IncomingMessage['headers']; body: string; ms: number; socketReused: boolean }

/**
 * One request over a keep-alive agent. `chunks` are written without a Content-Length (chunked), and
 * writing stops as soon as an answer arrives, as a client does that reads while it sends.
 */
function send(agent: Agent, path: string, chunks: Buffer[] | string, headers: Record<string, string> = {}): Promise<Answer> {
  const started = performance.now();
  const url = new URL(path, http.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body, ms: performance.now() - started, socketReused: (req as unknown as { reusedSocket: boolean }).reusedSocket }));
    });
    req.on('error', reject);
    if (typeof chunks === 'string') return req.end(chunks);
    let answered = false;
    req.once('response', () => (answered = true));
    (async () => {
      for (const chunk of chunks) {
        if (answered || req.destroyed) return;
        if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
      }
      if (!answered) req.end();
    })().catch(() => {});
  });
}

const simple = JSON.stringify({ query: '{ viewer { workspaceId } }' });
const auth = () => ({ authorization: `Bearer ${token}` });

describe('the /graphql JSON body limit (1 MiB)', () => {
  it('refuses a declared body over the limit with 413 as JSON, before reading it', async () => {
    const response = await harness.gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(20 * mib) },
      body: '{}',
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('connection')).toBe('close');
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'REQUEST_ENTITY_TOO_LARGE', limit: mib } }] });
  });

  it('answers a body just under the limit', async () => {
    const padding = ' '.repeat(mib - simple.length - 10);
    const agent = new Agent({ keepAlive: true });
    const answer = await send(agent, '/graphql', `${simple}${padding}`, auth());
    agent.destroy();
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).data.viewer.workspaceId).toBeTruthy();
  });

  it('refuses a chunked body once it passes the limit, without reading it all, and the connection does not hang', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    // 20 MiB announced by nothing but the chunks; the gateway must stop after 1 MiB.
    const answer = await send(agent, '/graphql', Array.from({ length: 320 }, () => chunk), auth());
    expect(answer.status).toBe(413);
    expect(answer.headers['content-type']).toMatch(/json/);
    expect(answer.headers.connection).toBe('close');
    expect(JSON.parse(answer.body)).toMatchObject({ errors: [{ extensions: { code: 'REQUEST_ENTITY_TOO_LARGE' } }] });
    // The next request through the same agent answers at once (a fresh connection: the refused one was closed).
    const next = await send(agent, '/graphql', simple, auth());
    agent.destroy();
    expect(next.status).toBe(200);
    expect(next.ms).toBeLessThan(1000);
    console.info(`413 after ${answer.ms.toFixed(0)} ms; next request ${next.ms.toFixed(0)} ms, reused socket: ${next.socketReused}`);
  });

  it('does the same for a webhook body', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    const answer = await send(agent, '/webhooks/metrics', Array.from({ length: 64 }, () => chunk));
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
    expect(JSON.parse(answer.body).error).toMatch(/larger than/);
    const next = await send(agent, '/graphql', simple, auth());
    agent.destroy();
    expect(next.status).toBe(200);
    expect(next.ms).toBeLessThan(1000);
    console.info(`413 after ${answer.ms.toFixed(0)} ms; next request ${next.ms.toFixed(0)} ms, reused socket: ${next.socketReused}`);
  });

  it('leaves uploads their own, larger limit', async () => {
    const response = await harness.gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(5 * mib) },
      body: '--x--',
    });
    // 5 MiB is over the JSON limit but within the upload limit: refused for its content, not its size.
    expect(response.status).not.toBe(413);
  });
});

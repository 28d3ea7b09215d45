// Benchmark (issue 15): a signed metrics webhook that flips a key result off track → its ALERT_RAISED
// delivery, signed per Standard Webhooks, received by a local HTTP receiver (the channel's URL), against
// the bare path on the same Redis: a BullMQ job added → a worker that POSTs → the same receiver.
// EVALUATE_DEBOUNCE_MS=0. `npm run bench -- deliveryLatency [alerts=60]`. Starts and stops its own
// PostgreSQL, Redis, gateway and worker.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createDb, upsertMetricPoints, upsertSocialAccount } from '@goalpost/db';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { signedWebhook } from '../e2e/support/graphqlClient.ts';
import { seedFollowersPlan, stackQueues } from './support/benchPlans.ts';
import { day, machine, percentile, startServerStack } from './support/benchStack.ts';

const alerts = Math.max(50, Number(process.argv[2] ?? 60));

/** Standard Webhooks: base64 HMAC-SHA256 of `id.timestamp.body` with the secret's bytes, among the `v1,` signatures. */
function signedBy(secret: string, headers: IncomingMessage['headers'], body: string): boolean {
  const [id, timestamp, signatures] = [headers['webhook-id'], headers['webhook-timestamp'], headers['webhook-signature']].map(String);
  const expected = createHmac('sha256', Buffer.from(secret.replace(/^whsec_/, ''), 'base64')).update(`${id}.${timestamp}.${body}`).digest();
  return signatures!.split(' ').some((s) => {
    const given = Buffer.from(s.replace(/^v1,/, ''), 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

// The receiver: every POST answered 204 at once; a waiter per expected marker gets the arrival time.
const waiters = new Map<string, (at: number) => void>();
let secret = '';
let unsigned = 0;
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const at = performance.now();
    const body = Buffer.concat(chunks).toString('utf8');
    res.writeHead(204).end();
    if (req.url === '/bare') return void waiters.get(body)?.(at);
    if (!signedBy(secret, req.headers, body)) return void (unsigned += 1);
    const title = /"title":"(Delivery \d+)"/.exec(body)?.[1];
    if (title) waiters.get(title)?.(at);
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
const arrival = (key: string) => new Promise<number>((resolve) => waiters.set(key, resolve));

const stack = await startServerStack({
  evaluateDebounceMs: 0,
  env: { CREDENTIALS_KEYS: `bench:${randomBytes(32).toString('base64')}`, OUTBOUND_ALLOW_HTTP: 'true', OUTBOUND_ALLOW_HOSTS: '127.0.0.1', LOG_LEVEL: 'warn' },
});
const db = createDb(stack.databaseUrl, { max: 4 });
const { queues, idle, close: closeQueues } = stackQueues(stack.redisUrl);
try {
  const ingest = (await stack.gql(`mutation { rotateIngestSecret { ... on RotateIngestSecretSuccess { secret } } }`)).rotateIngestSecret.secret as string;
  const added = (await stack.gql(`mutation($url: String!) { addNotificationChannel(input: { kind: WEBHOOK, name: "bench receiver", url: $url, events: [ALERT_RAISED], minSeverity: INFO }) {
    __typename ... on AddNotificationChannelSuccess { secret } ... on InputError { issues { field message } } } }`, { url: `${receiverUrl}/hook` })).addNotificationChannel;
  if (added.__typename !== 'AddNotificationChannelSuccess') throw new Error(`the channel was refused: ${JSON.stringify(added)}`);
  secret = added.secret as string;
  const workspace = await db.selectFrom('workspaces').select('id').where('ingest_secret', 'is not', null).executeTakeFirstOrThrow();
  const dates = { startsOn: day(-30), deadline: day(30) };
  const onTrack = Array.from({ length: 30 }, (_, i) => ({ metric: 'followers', at: day(-30 + i), value: Math.round(1100 + (1000 * i) / 60) }));
  // One plan per alert (an alert is raised once per drift episode), on track until its webhook.
  const cases: { title: string; accountId: string }[] = [];
  for (let i = 0; i < alerts; i++) {
    const account = await upsertSocialAccount(db, workspace.id, { platform: 'INSTAGRAM', handle: `@delivery.${i}`, source: 'PUSH', credentials: undefined });
    await upsertMetricPoints(db, workspace.id, account.id, onTrack, 'PUSH');
    const title = `Delivery ${i}`;
    const plan = await seedFollowersPlan(db, workspace.id, { name: title, ...dates, objectives: [{ title, accountId: account.id }] });
    await queues.enqueueEvaluation({ workspaceId: workspace.id, planId: plan.id, reason: 'manual' });
    cases.push({ title, accountId: account.id });
  }
  await idle();
  console.error(`${alerts} plans seeded and evaluated`);

  // The bare path on the same Redis and receiver: a job added → a worker → an HTTP POST → received.
  const bareConnection = new Redis(stack.redisUrl, { maxRetriesPerRequest: null });
  const bareQueue = new Queue('bare-delivery', { connection: bareConnection, prefix: 'bench' });
  const bareWorkerConnection = bareConnection.duplicate();
  const bareWorker = new Worker('bare-delivery', async (job) => {
    await fetch(`${receiverUrl}/bare`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: String(job.data.n) });
  }, { connection: bareWorkerConnection, prefix: 'bench' });
  await bareWorker.waitUntilReady();

  const delivered: number[] = [];
  const answered: number[] = [];
  const bare: number[] = [];
  /** 2xx → the evaluation's write (the alert's created_at, PostgreSQL's clock on this machine): the rest is the delivery's queue hops and POST. */
  const written: number[] = [];
  // Interleaved, alert by alert, so both paths share the machine's moments.
  for (const [i, c] of cases.entries()) {
    const body = JSON.stringify({ type: 'metrics.points', data: { accountId: c.accountId, points: [{ metric: 'followers', at: day(0), value: 1000 }] } });
    const received = arrival(c.title);
    const sentAt = performance.now();
    const response = await fetch(`${stack.baseUrl}/webhooks/metrics`, { method: 'POST', headers: signedWebhook(ingest, body), body });
    const answeredAt = performance.now();
    const answeredWall = Date.now();
    if (!response.ok) throw new Error(`webhook answered ${response.status}: ${await response.text()}`);
    answered.push(answeredAt - sentAt);
    delivered.push((await received) - answeredAt);
    const alert = await db.selectFrom('alerts').select('created_at').where('message', 'like', `%"${c.title}"%`).executeTakeFirstOrThrow();
    written.push(alert.created_at.getTime() - answeredWall);

    const bareReceived = arrival(String(i));
    const addedAt = performance.now();
    await bareQueue.add('post', { n: i }, { removeOnComplete: true });
    bare.push((await bareReceived) - addedAt);
  }
  await bareWorker.close();
  await bareQueue.close();
  await Promise.all([bareConnection, bareWorkerConnection].map((c) => c.quit()));
  if (unsigned > 0) throw new Error(`${unsigned} deliveries failed the Standard Webhooks signature check`);

  const figures = (xs: number[]) => ({ p50: percentile(xs, 50), p95: percentile(xs, 95), p99: percentile(xs, 99) });
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  const d = figures(delivered);
  const b = figures(bare);
  console.log(`Machine: ${machine()}. ${new Date().toISOString().slice(0, 10)}. ${alerts} alerts, EVALUATE_DEBOUNCE_MS=0, every delivery's signature verified.`);
  console.log('| what | p50 | p95 | p99 | p50 / bare | p99 / bare | 2xx → evaluation written p50 |');
  console.log('|---|---|---|---|---|---|---|');
  console.log(`| metrics webhook 2xx → signed WEBHOOK delivery received | ${ms(d.p50)} | ${ms(d.p95)} | ${ms(d.p99)} | ${(d.p50 / b.p50).toFixed(1)}× | ${(d.p99 / b.p99).toFixed(1)}× | ${ms(percentile(written, 50))} |`);
  console.log(`| bare BullMQ add → worker → HTTP POST → received | ${ms(b.p50)} | ${ms(b.p95)} | ${ms(b.p99)} | 1× | 1× | – |`);
  console.log(`The metrics webhook's own answer (sent → 2xx): p50 ${ms(percentile(answered, 50))}, p99 ${ms(percentile(answered, 99))}.`);
} finally {
  await closeQueues();
  await db.destroy();
  await stack.stop();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
}

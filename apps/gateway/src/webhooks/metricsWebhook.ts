import { claimWebhookId, findWebhookAccount, type Db } from '@goalpost/db';
import { addDays, dayOf, readMetricImport } from '@goalpost/domain';
import type { GoalpostQueues } from '@goalpost/jobs';
import { decodeGlobalID } from '@pothos/plugin-relay';
import type { Logger } from 'pino';
import { z } from 'zod';
import { ingestPoints } from '../ingest/ingestPoints.ts';
import { pointIssues } from '../ingest/pointIssues.ts';
import { fieldPath } from '../schema/inputIssues.ts';
import { verifyStandardWebhook } from '@goalpost/credentials';
import { jsonResponse as json } from '../http/jsonResponse.ts';
import { readCappedBody } from '../http/readCappedBody.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The account id as the API shows it (a global id), or its raw uuid. */
function accountUuid(id: string): string | null {
  if (uuid.test(id)) return id;
  try {
    const decoded = decodeGlobalID(id);
    return decoded.typename === 'SocialAccount' && uuid.test(decoded.id) ? decoded.id : null;
  } catch {
    return null;
  }
}

// Days, metrics and values are judged by the domain's point rules (pointIssues), as in recordMetrics and CSV imports.
const pointsEnvelope = z.object({
  type: z.literal('metrics.points'),
  data: z.object({
    accountId: z.string(),
    points: z.array(z.object({
      metric: z.string(),
      at: z.string(),
      // Any number: 1e400 parses to Infinity, which the point rules refuse by name (finite).
      value: z.custom<number>((v) => typeof v === 'number', { message: 'must be a number', params: { rule: 'number' } }),
    })).min(1, 'send at least one point').max(10_000, 'send at most 10,000 points per message'),
  }),
});
/** A CSV export sent as a string: the same files `importMetrics` takes, for systems that push them. */
const csvEnvelope = z.object({ type: z.literal('metrics.csv'), data: z.object({ accountId: z.string(), csv: z.string().min(1, 'send the file\'s text') }) });
const refreshEnvelope = z.object({ type: z.literal('account.refresh'), data: z.object({ accountId: z.string() }) });
const envelope = z.discriminatedUnion('type', [pointsEnvelope, csvEnvelope, refreshEnvelope]);

/**
 * What a `webhook-id` may be: Standard Webhooks ids are short tokens (`msg_2KWPBgLlAfxdpx2AI54pPJ85f4W`);
 * it is stored to recognise redeliveries, so one longer than an index row can hold is refused first.
 */
export const maxWebhookIdLength = 255;

function webhookIdIssue(id: string | null): { field: string; rule: string; message: string } | undefined {
  if (id === null) return undefined; // the signature check names every missing header
  if (id.length > maxWebhookIdLength) return { field: 'webhook-id', rule: 'max-length', message: `must be at most ${maxWebhookIdLength} characters; got ${id.length}` };
  if (!/^[\x21-\x7e]+$/.test(id)) return { field: 'webhook-id', rule: 'characters', message: 'must be printable ASCII without spaces' };
  return undefined;
}

const unauthorized = (error: string) => json(401, { error });

/** `POST /webhooks/metrics` (DESIGN.md §5): Standard Webhooks signature, then points or a refresh. */
export async function handleMetricsWebhook(
  request: Request,
  deps: { db: Db; queues: GoalpostQueues; now: () => Date; maxBodyBytes: number; log: Logger },
): Promise<Response> {
  if (!(request.headers.get('content-type') ?? '').includes('application/json')) {
    return json(415, { error: 'Send the body as JSON with Content-Type: application/json.' });
  }
  const body = await readCappedBody(request, deps.maxBodyBytes);
  if (body === null) return json(413, { error: `The body is larger than ${deps.maxBodyBytes} bytes: split the points into smaller messages.` });
  // Read the body first: answering before it is consumed would leave it in the connection.
  const idIssue = webhookIdIssue(request.headers.get('webhook-id'));
  if (idIssue) return json(400, { error: `Invalid webhook-id: ${idIssue.message}. Nothing was stored.`, issues: [idIssue] });
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return json(400, { error: 'The body is not valid JSON.' });
  }
  const accountRef = (parsed as { data?: { accountId?: unknown } } | null)?.data?.accountId;
  const accountId = typeof accountRef === 'string' ? accountUuid(accountRef) : null;
  // The account and its workspace's secret in one read: the rest of the path reads neither again.
  const account = accountId ? await findWebhookAccount(deps.db, accountId) : undefined;
  // An unknown account answers like a bad signature, so account ids cannot be probed.
  const badSignature = 'The webhook signature does not verify: sign "<webhook-id>.<webhook-timestamp>.<body>" with your ingest secret (Standard Webhooks).';
  if (!account) return unauthorized(badSignature);
  if (!account.ingest_secret) return unauthorized('This workspace has no ingest secret yet: call the rotateIngestSecret mutation and sign with the secret it returns.');
  const verification = verifyStandardWebhook({
    secret: account.ingest_secret,
    headers: { id: request.headers.get('webhook-id'), timestamp: request.headers.get('webhook-timestamp'), signature: request.headers.get('webhook-signature') },
    body,
    now: deps.now(),
  });
  if (!verification.ok) {
    if (verification.reason === 'missing-headers') return unauthorized('Send the webhook-id, webhook-timestamp (unix seconds) and webhook-signature headers.');
    if (verification.reason === 'stale-timestamp') return unauthorized('webhook-timestamp is more than 5 minutes from now: sign the message again with the current time.');
    return unauthorized(badSignature);
  }
  const message = envelope.safeParse(parsed);
  if (!message.success) {
    const issues = message.error.issues.map((i) => ({ field: fieldPath(i.path), rule: (i as { params?: { rule?: string } }).params?.rule ?? i.code, message: i.message }));
    return json(422, { error: `Invalid message — ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}. Nothing was stored.`, issues });
  }
  const refused = (issues: unknown[], summary: string) => json(422, { error: `Invalid message — ${summary}. Nothing was stored.`, issues });
  if (message.data.type === 'metrics.points') {
    const points = message.data.data.points;
    const issues = pointIssues(points, dayOf(deps.now()), 'data.points');
    if (issues.length > 0) return refused(issues, issues.map((i) => `${i.field}: ${i.message}`).join('; '));
    const result = await ingestPoints(deps, { workspaceId: account.workspace_id, accountId: account.id, points, source: 'PUSH', webhookId: verification.id, accountVerified: true });
    return json(200, result);
  }
  if (message.data.type === 'metrics.csv') {
    const file = readMetricImport(message.data.data.csv, { today: dayOf(deps.now()) });
    if (!file.ok) return refused(file.issues, `${file.totalIssues} bad row(s) in the CSV, first on line ${file.issues[0]?.row}: ${file.issues[0]?.message}`);
    const result = await ingestPoints(deps, { workspaceId: account.workspace_id, accountId: account.id, points: file.points, source: 'IMPORT', webhookId: verification.id, accountVerified: true });
    return json(200, { ...result, format: file.format, points: file.points.length, ignoredColumns: file.ignoredColumns });
  }
  // Enqueue before claiming the id: if Redis is away the sender retries, and its retry is not taken for a duplicate.
  const today = dayOf(deps.now());
  const weekAgo = addDays(today, -7);
  try {
    await deps.queues.enqueueFetch({ workspaceId: account.workspace_id, accountId: account.id, source: account.source, platform: account.platform, from: weekAgo, to: today, reason: 'webhook' });
  } catch (err) {
    deps.log.warn({ err }, 'refresh not queued');
    return json(503, { error: 'The job queue is unavailable: retry the webhook later.' });
  }
  const fresh = await claimWebhookId(deps.db, account.workspace_id, verification.id);
  return json(202, { status: fresh ? 'queued' : 'duplicate' });
}

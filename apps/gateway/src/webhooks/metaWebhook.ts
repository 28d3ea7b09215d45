import { listAccountsByExternalId, type Db } from '@goalpost/db';
import { addDays, dayOf } from '@goalpost/domain';
import type { GoalpostQueues } from '@goalpost/jobs';
import type { Logger } from 'pino';
import { verifyMetaSignature } from './metaHubSignature.ts';
import { jsonResponse as json } from '../http/jsonResponse.ts';
import { readCappedBody } from '../http/readCappedBody.ts';

export interface MetaWebhookSettings { appSecret?: string | undefined; verifyToken?: string | undefined }

const platformsOf: Record<string, string[]> = { page: ['FACEBOOK'], instagram: ['INSTAGRAM'] };

/**
 * `GET /webhooks/meta`: the subscription handshake (`hub.mode`, `hub.verify_token`, `hub.challenge`).
 * `POST /webhooks/meta`: a change notification signed with `X-Hub-Signature-256`; each Page or Instagram
 * account it names is refreshed (one fetch per account however many notifications arrive meanwhile).
 */
export async function handleMetaWebhook(
  request: Request,
  deps: { db: Db; queues: GoalpostQueues; now: () => Date; maxBodyBytes: number; log: Logger; meta: MetaWebhookSettings },
): Promise<Response> {
  const { appSecret, verifyToken } = deps.meta;
  if (request.method === 'GET') {
    const url = new URL(request.url);
    if (!verifyToken) return json(404, { error: 'Meta webhooks are not configured: set META_VERIFY_TOKEN and META_APP_SECRET.' });
    if (url.searchParams.get('hub.mode') === 'subscribe' && url.searchParams.get('hub.verify_token') === verifyToken) {
      return new Response(url.searchParams.get('hub.challenge') ?? '', { status: 200, headers: { 'content-type': 'text/plain' } });
    }
    return json(403, { error: 'hub.verify_token does not match META_VERIFY_TOKEN.' });
  }
  if (request.method !== 'POST') return json(405, { error: 'Use GET for the handshake and POST for notifications.' });
  if (!appSecret) return json(404, { error: 'Meta webhooks are not configured: set META_APP_SECRET.' });
  const body = await readCappedBody(request, deps.maxBodyBytes);
  if (body === null) return json(413, { error: `The body is larger than ${deps.maxBodyBytes} bytes.` });
  if (!verifyMetaSignature(body, request.headers.get('x-hub-signature-256'), appSecret)) {
    return json(401, { error: 'X-Hub-Signature-256 does not verify against META_APP_SECRET.' });
  }
  let parsed: { object?: unknown; entry?: { id?: unknown }[] };
  try {
    parsed = JSON.parse(body);
  } catch {
    return json(400, { error: 'The body is not valid JSON.' });
  }
  const platforms = typeof parsed.object === 'string' ? platformsOf[parsed.object] : undefined;
  if (!platforms || !Array.isArray(parsed.entry)) return json(200, { queued: 0, ignored: 'not a page or instagram notification' });
  const ids = [...new Set(parsed.entry.map((e) => e?.id).filter((id): id is string => typeof id === 'string' || typeof id === 'number').map(String))];
  const accounts = (await Promise.all(ids.map((id) => listAccountsByExternalId(deps.db, platforms, id)))).flat();
  const now = deps.now();
  try {
    for (const account of accounts) {
      await deps.queues.enqueueFetch({ workspaceId: account.workspace_id, accountId: account.id, source: account.source, platform: account.platform, from: addDays(dayOf(now), -2), to: dayOf(now), reason: 'webhook' });
    }
  } catch (err) {
    deps.log.warn({ err }, 'Meta refresh not queued');
    return json(503, { error: 'The job queue is unavailable; Meta will retry the notification.' });
  }
  return json(200, { queued: accounts.length });
}

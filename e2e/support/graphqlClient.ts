import { createHmac, randomUUID } from 'node:crypto';

/** A GraphQL client as an integrator writes one: plain fetch, bearer token. */
export function graphqlClient(baseUrl: string, token: string) {
  return async function gql<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length) throw new Error(`GraphQL errors: ${body.errors.map((e) => e.message).join('; ')}`);
    return body.data as T;
  };
}

/** Signs a body the Standard Webhooks way, as a platform sending to Goalpost does. */
export function signedWebhook(secret: string, body: string, options: { id?: string; timestamp?: number } = {}) {
  const id = options.id ?? `msg_${randomUUID()}`;
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': timestamp,
    'webhook-signature': `v1,${signature}`,
  };
}

/** Reads a GraphQL subscription over SSE (yoga's distinct-connections mode) and collects its events. */
export function sseSubscription(baseUrl: string, token: string, query: string, variables: Record<string, unknown>) {
  const controller = new AbortController();
  const events: any[] = [];
  const opened = fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
    signal: controller.signal,
  }).then(async (response) => {
    if (!response.ok || !response.body) throw new Error(`SSE subscription refused: HTTP ${response.status}`);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let split: number;
      while ((split = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, split);
        buffer = buffer.slice(split + 2);
        const data = frame.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
        if (data) events.push(JSON.parse(data));
      }
    }
  }).catch((error: unknown) => {
    // Closing the subscription, or the server going away at the end of a test, ends the stream.
    if (!controller.signal.aborted) events.push({ streamError: String(error) });
  });
  return { events, opened, close: () => controller.abort() };
}

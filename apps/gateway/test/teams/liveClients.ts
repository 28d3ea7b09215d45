import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** An SSE subscription (GraphQL over SSE, distinct connections) read as it streams. */
export async function openEventStream(url: string, query: string, headers: Record<string, string>) {
  const controller = new AbortController();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify({ query }),
    signal: controller.signal,
  });
  const events: { event: string; data: string }[] = [];
  let buffer = '';
  const ended = (async () => {
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          if (event) events.push({ event, data: /^data: ?(.*)$/m.exec(block)?.[1] ?? '' });
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return { status: response.status, events, ended, close: () => controller.abort() };
}

/**
 * A graphql-ws client whose upgrade request carries `headers` (a browser's cookie and Origin), with
 * what it received and how its socket closed. Retries are off: a refusal is final.
 */
export function openWebSocket(url: string, options: { headers?: Record<string, string>; connectionParams?: Record<string, unknown> }) {
  const headers = options.headers ?? {};
  class BrowserLikeWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  const client: Client = createClient({ url, webSocketImpl: BrowserLikeWebSocket, connectionParams: options.connectionParams ?? {}, lazy: false, retryAttempts: 0, onNonLazyError: () => {} });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    client.on('closed', (event) => resolve({ code: (event as { code: number }).code, reason: String((event as { reason: string }).reason) }));
  });
  const connected = new Promise<void>((resolve) => client.on('connected', () => resolve()));
  function subscribe(query: string) {
    const received: unknown[] = [];
    let finish: (how: string) => void = () => {};
    const finished = new Promise<string>((resolve) => (finish = resolve));
    client.subscribe({ query }, {
      next: (value) => received.push(value),
      error: (error) => finish(`error: ${error instanceof Error ? error.message : JSON.stringify(error)}`),
      complete: () => finish('complete'),
    });
    return { received, finished };
  }
  return { client, connected, closed, subscribe };
}

/** Polls `condition` until it holds or `ms` pass; answers whether it held. */
export async function eventually(condition: () => boolean, ms = 10_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return condition();
}

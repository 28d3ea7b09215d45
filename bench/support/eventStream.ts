import { performance } from 'node:perf_hooks';

/**
 * A GraphQL subscription over SSE (distinct connections), read as it streams: each `next` event with the
 * `performance.now()` at which its block arrived, and waiters for one that matches.
 */
export async function openEventStream(baseUrl: string, token: string, query: string) {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
    signal: controller.signal,
  });
  if (!response.ok || !response.body) throw new Error(`The subscription answered ${response.status}`);
  const waiters: { match: (data: string) => boolean; resolve: (at: number) => void }[] = [];
  const reader = response.body.getReader();
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        const at = performance.now();
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          if (!/^event: next$/m.test(block)) continue;
          const data = /^data: ?(.*)$/m.exec(block)?.[1] ?? '';
          for (const waiter of waiters.filter((w) => w.match(data))) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(at);
          }
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    /** When (performance.now()) the next event whose data matches arrives; register before causing it. */
    next(match: (data: string) => boolean, timeoutMs = 30_000): Promise<number> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('No matching event in time')), timeoutMs);
        waiters.push({ match, resolve: (at) => { clearTimeout(timer); resolve(at); } });
      });
    },
    close: () => controller.abort(),
  };
}

import type { IncomingMessage, Server, ServerResponse } from 'node:http';

// The request says it: yoga's adapter writes the response head in one go, which getHeader() cannot read.
const asksForEventStream = (request: IncomingMessage) => (request.headers.accept ?? '').includes('text/event-stream');

/**
 * Tracks the responses in flight on `server`, so that a shutdown can end the ones that never end by
 * themselves and wait a bounded time for the others. An event stream (an SSE subscription, in yoga's
 * or graphql-sse's protocol) lives as long as its client: without this, `server.close()` waits for
 * every subscriber to leave. It is cut, not completed, so that the client reconnects (to another
 * instance: this one's /readyz already says 503) instead of taking the subscription for finished.
 */
export function trackHttpResponses(server: Server) {
  const open = new Map<ServerResponse, IncomingMessage>();
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    open.set(response, request);
    response.once('close', () => open.delete(response));
  });

  /**
   * Stops taking connections, ends event streams, closes idle keep-alive connections and waits for the
   * other requests until `deadline` (epoch ms); then cuts what is left. Resolves with how many were cut.
   */
  return async function closeServer(deadline: number): Promise<{ streamsEnded: number; cut: number }> {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const streams = [...open].filter(([, request]) => asksForEventStream(request)).map(([response]) => response);
    for (const response of streams) response.destroy();
    server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      closed.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), Math.max(0, deadline - Date.now())))),
    ]);
    clearTimeout(timer);
    if (!timedOut) return { streamsEnded: streams.length, cut: 0 };
    const cut = open.size;
    server.closeAllConnections();
    return { streamsEnded: streams.length, cut };
  };
}

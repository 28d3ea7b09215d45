import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayHarness } from '../gatewayHarness.ts';

/** A harness's gateway on a real socket (node:http and graphql-ws, as main.ts serves it), for what only a socket shows. */
export async function serveOverHttp(harness: GatewayHarness): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer(harness.gateway.yoga);
  const closeWebSockets = harness.gateway.attachWebSockets(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: async () => {
      await closeWebSockets();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The client's address: the socket's peer, or — only when the gateway is told it sits behind
 * `trustedProxyHops` proxies that each append to X-Forwarded-For — the address the outermost of them
 * saw. Entries left of that were written by the client and are not believed.
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | null | undefined, trustedProxyHops: number): string {
  if (trustedProxyHops > 0 && forwardedFor) {
    const hops = forwardedFor.split(',').map((entry) => entry.trim()).filter(Boolean);
    const seen = hops[Math.max(hops.length - trustedProxyHops, 0)];
    if (seen) return normalised(seen);
  }
  // yoga.fetch in-process has no socket: one "local" client.
  return socketAddress ? normalised(socketAddress) : 'local';
}

/** `::ffff:10.0.0.1` is 10.0.0.1: one client, one counter. */
const normalised = (address: string) => address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1').slice(0, 64);

/** The socket peer of a request served by node:http (yoga puts `req` in the server context). */
export function socketAddressOf(serverContext: unknown): string | undefined {
  return (serverContext as { req?: { socket?: { remoteAddress?: string } } } | undefined)?.req?.socket?.remoteAddress;
}

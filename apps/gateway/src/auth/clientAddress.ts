/**
 * The client's address: the socket's peer, or, behind `hops` trusted proxies, the X-Forwarded-For entry
 * that the outermost trusted proxy saw (entries further left are whatever the client claimed).
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | null | undefined, hops: number): string {
  if (hops > 0 && forwardedFor) {
    const chain = forwardedFor.split(',').map((s) => s.trim()).filter(Boolean);
    const trusted = chain[chain.length - hops];
    if (trusted) return trusted;
  }
  return socketAddress ?? 'unknown';
}

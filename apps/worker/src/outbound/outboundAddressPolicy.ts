import ipaddr from 'ipaddr.js';

/**
 * Which remote addresses outbound requests may reach. Only globally routed unicast addresses pass:
 * loopback, private (RFC 1918, unique-local), link-local (with the 169.254.169.254 / fd00:ec2::254
 * metadata services), CGNAT, multicast, reserved and the IPv4-in-IPv6 forms of those are refused,
 * unless the allow-list names the host or a range holding the address (local receivers in tests).
 */
export interface OutboundAddressPolicy {
  /** The reason an address is refused, or undefined when it may be reached. */
  refusal(address: string, hostname: string): string | undefined;
  /** True when the host name itself is on the allow-list (every address it resolves to may be reached). */
  allowsHost(hostname: string): boolean;
}

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Parses `OUTBOUND_ALLOW_HOSTS`: host names, single addresses or CIDRs. Throws naming a bad entry. */
export function parseOutboundAllowList(value: string | undefined): { hosts: Set<string>; ranges: Cidr[] } {
  const hosts = new Set<string>();
  const ranges: Cidr[] = [];
  for (const raw of (value ?? '').split(',')) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry.includes('/')) {
      if (!ipaddr.isValidCIDR(entry)) throw new Error(`"${entry}" is not a valid CIDR range`);
      ranges.push(ipaddr.parseCIDR(entry));
    } else if (ipaddr.isValid(stripBrackets(entry))) {
      const address = ipaddr.process(stripBrackets(entry));
      ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    } else if (/^[a-z0-9.-]+$/.test(entry)) {
      hosts.add(entry.replace(/\.$/, ''));
    } else {
      throw new Error(`"${entry}" is neither a host name, an IP address nor a CIDR range`);
    }
  }
  return { hosts, ranges };
}

const stripBrackets = (host: string) => host.replace(/^\[(.*)\]$/, '$1');

export function createOutboundAddressPolicy(allowList: { hosts: Set<string>; ranges: Cidr[] }): OutboundAddressPolicy {
  const allowsHost = (hostname: string) => allowList.hosts.has(stripBrackets(hostname).toLowerCase().replace(/\.$/, ''));
  return {
    allowsHost,
    refusal(address, hostname) {
      if (allowsHost(hostname)) return undefined;
      if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
      // `process` turns ::ffff:10.0.0.1 into 10.0.0.1, so a mapped address is judged as the IPv4 it is.
      const parsed = ipaddr.process(address);
      if (allowList.ranges.some(([base, bits]) => base.kind() === parsed.kind() && parsed.match(base, bits))) return undefined;
      const range = parsed.range();
      if (range === 'unicast') return undefined;
      return `${hostname} resolves to ${parsed.toString()}, a ${range} address; outbound requests only reach public addresses (OUTBOUND_ALLOW_HOSTS lists exceptions)`;
    },
  };
}

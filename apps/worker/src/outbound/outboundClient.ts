import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import { isIP } from 'node:net';
import type { buildConnector } from 'undici';
import { OutboundFailure } from './outboundFailure.ts';
import { createOutboundAddressPolicy, parseOutboundAllowList, type OutboundAddressPolicy } from './outboundAddressPolicy.ts';

export interface OutboundSettings {
  /** `OUTBOUND_ALLOW_HTTP`: plain http URLs allowed (development only). */
  allowHttp: boolean;
  /** `OUTBOUND_ALLOW_HOSTS`: comma-separated host names or CIDRs that may be reached although private. */
  allowHosts: string | undefined;
  /** Whole request, connect to last byte. */
  timeoutMs: number;
  /** Bytes of the answer read at most; the rest is dropped (receivers' answers are only logged as a status). */
  maxResponseBytes: number;
  /** Redirects followed at most; each hop passes the same checks. */
  maxRedirects?: number;
}

export interface OutboundRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface OutboundAnswer {
  status: number;
  headers: Headers;
  /** The first `maxResponseBytes` of the body, as text. */
  body: string;
  truncated: boolean;
  durationMs: number;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * The worker's one way out to the internet (webhooks, Slack). The address check runs in the socket's own
 * DNS lookup, on the addresses the socket will connect to, so a name that resolves to a private address
 * (or is re-pointed there between a check and the connect) is refused; literal addresses are checked
 * before the connector runs. Redirects are followed by hand so that every hop is checked too.
 */
export function createOutboundClient(settings: OutboundSettings) {
  const policy: OutboundAddressPolicy = createOutboundAddressPolicy(parseOutboundAllowList(settings.allowHosts));
  const maxRedirects = settings.maxRedirects ?? 3;

  const guardedLookup = (hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      // Every address must pass: a name with one public and one private record is refused.
      for (const { address } of addresses) {
        const refusal = policy.refusal(address, hostname);
        if (refusal) return callback(new OutboundFailure('REFUSED', refusal) as NodeJS.ErrnoException, []);
      }
      if ((options as LookupAllOptions).all) return callback(null, addresses);
      const [first] = addresses;
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
      callback(null, first.address, first.family);
    });
  };
  // undici (~1.3 MB of modules, ~6 MB of heap) is imported at the first request: most workers never send one.
  let connected: Promise<{ undici: Undici; agent: InstanceType<Undici['Agent']> }> | undefined;
  const connect = () => (connected ??= import('undici').then((undici) => {
    const baseConnector = undici.buildConnector({ lookup: guardedLookup, timeout: settings.timeoutMs } as buildConnector.BuildOptions);
    const agent = new undici.Agent({
      connect: (options, callback) => {
        const literal = options.hostname.replace(/^\[(.*)\]$/, '$1');
        if (isIP(literal)) {
          const refusal = policy.refusal(literal, literal);
          if (refusal) return callback(new OutboundFailure('REFUSED', refusal), null);
        }
        baseConnector(options, callback);
      },
      headersTimeout: settings.timeoutMs,
      bodyTimeout: settings.timeoutMs,
    });
    return { undici, agent };
  }));

  const checkUrl = (raw: string): URL => {
    if (!URL.canParse(raw)) throw new OutboundFailure('REFUSED', 'The URL is not a valid URL');
    const url = new URL(raw);
    if (url.protocol === 'https:' || (url.protocol === 'http:' && settings.allowHttp)) return url;
    throw new OutboundFailure('REFUSED', `${url.protocol}// URLs are refused: outbound requests use https:// (OUTBOUND_ALLOW_HTTP=true allows http:// for development)`);
  };

  async function post(call: OutboundRequest): Promise<OutboundAnswer> {
    const started = performance.now();
    const signal = AbortSignal.timeout(settings.timeoutMs);
    let url = checkUrl(call.url);
    const { undici, agent } = await connect();
    for (let hop = 0; ; hop++) {
      let answer;
      try {
        answer = await undici.request(url, { method: 'POST', headers: call.headers, body: call.body, dispatcher: agent, signal });
      } catch (error) {
        throw asOutboundFailure(error, url.hostname, undici.errors);
      }
      const location = answer.headers.location;
      if ([301, 302, 303, 307, 308].includes(answer.statusCode) && typeof location === 'string') {
        await answer.body.dump().catch(() => undefined);
        if (hop >= maxRedirects) throw new OutboundFailure('REFUSED', `${url.hostname} redirected more than ${maxRedirects} times`);
        url = checkUrl(new URL(location, url).toString());
        continue;
      }
      const { body, truncated } = await readCapped(answer.body, settings.maxResponseBytes, url.hostname, undici.errors);
      const headers = new Headers();
      for (const [name, value] of Object.entries(answer.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      return { status: answer.statusCode, headers, body, truncated, durationMs: Math.round(performance.now() - started) };
    }
  }

  return { post, close: async () => { if (connected) await (await connected).agent.close(); } };
}

export type OutboundClient = ReturnType<typeof createOutboundClient>;

type Undici = typeof import('undici');

async function readCapped(body: AsyncIterable<Buffer> & { destroy(): unknown }, maxBytes: number, host: string, errors: Undici['errors']) {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      const room = maxBytes - size;
      chunks.push(chunk.subarray(0, Math.max(0, room)));
      size += chunk.length;
      if (size > maxBytes) {
        body.destroy();
        return { body: Buffer.concat(chunks).toString('utf8'), truncated: true };
      }
    }
  } catch (error) {
    throw asOutboundFailure(error, host, errors);
  }
  return { body: Buffer.concat(chunks).toString('utf8'), truncated: false };
}

function asOutboundFailure(error: unknown, host: string, errors: Undici['errors']): OutboundFailure {
  if (error instanceof OutboundFailure) return error;
  const cause = error as { cause?: unknown; name?: string; code?: string };
  if (cause.cause instanceof OutboundFailure) return cause.cause;
  const timedOut = error instanceof errors.HeadersTimeoutError || error instanceof errors.BodyTimeoutError
    || error instanceof errors.ConnectTimeoutError || cause.name === 'TimeoutError' || cause.name === 'AbortError';
  if (timedOut) return new OutboundFailure('TIMEOUT', `${host} did not answer in time`);
  return new OutboundFailure('NETWORK', `${host} could not be reached (${cause.code ?? cause.name ?? 'network error'})`);
}

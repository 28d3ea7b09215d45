import type { IncomingMessage } from 'node:http';
import { parse as parseCookies } from 'cookie';
import { clientAddress } from '../edge/clientAddress.ts';
import { sessionCookieName } from './sessionCookie.ts';

/** The header naming the workspace a request acts in (a signed-in person may belong to several). */
export const workspaceHeader = 'x-goalpost-workspace';

/** What a request (HTTP or a WebSocket's upgrade and connection params) brings to authenticate with. */
export interface RequestCredentials {
  transport: 'http' | 'websocket';
  method: string;
  authorization: string | null;
  sessionId: string | null;
  workspace: string | null;
  origin: string | null;
  secFetchSite: string | null;
  contentType: string | null;
  /** The non-simple header that proves a request was not a plain HTML form (yoga's CSRF-prevention convention). */
  csrfHeader: boolean;
  /** host[:port] the request was sent to. */
  host: string;
  secure: boolean;
  address: string;
  /** What the client says it is (User-Agent, cut to 512 characters): kept with a session to tell sessions apart. */
  userAgent: string | null;
  /** The languages the client reads, for the API's human messages (see messages/requestLocale.ts). */
  acceptLanguage?: string | null;
}

type HeaderGetter = (name: string) => string | null;

function fromHeaders(get: HeaderGetter, extra: { transport: RequestCredentials['transport']; method: string; url: URL; socketAddress: string | undefined; trustedProxyHops: number }): RequestCredentials {
  const forwardedProto = extra.trustedProxyHops > 0 ? get('x-forwarded-proto')?.split(',')[0]?.trim() : undefined;
  const cookies = parseCookies(get('cookie') ?? '');
  return {
    transport: extra.transport,
    method: extra.method.toUpperCase(),
    authorization: get('authorization'),
    sessionId: cookies[sessionCookieName] ?? null,
    workspace: get(workspaceHeader),
    origin: get('origin'),
    secFetchSite: get('sec-fetch-site'),
    contentType: get('content-type'),
    csrfHeader: get('x-graphql-yoga-csrf') !== null,
    host: get('host') ?? extra.url.host,
    secure: extra.url.protocol === 'https:' || extra.url.protocol === 'wss:' || forwardedProto === 'https',
    address: clientAddress(extra.socketAddress, get('x-forwarded-for'), extra.trustedProxyHops),
    userAgent: get('user-agent')?.slice(0, 512) ?? null,
    acceptLanguage: get('accept-language'),
  };
}

/** An HTTP request; `socketAddress` comes from the node server (absent when called through `fetch` in-process). */
export function credentialsOfRequest(request: Request, socketAddress: string | undefined, trustedProxyHops: number): RequestCredentials {
  return fromHeaders((name) => request.headers.get(name), {
    transport: 'http', method: request.method, url: new URL(request.url), socketAddress, trustedProxyHops,
  });
}

/**
 * A graphql-ws connection: the upgrade request's headers (the cookie, Origin), overridden by the
 * connection params a client sets (`authorization`, `x-goalpost-workspace`), since browsers cannot set
 * headers on a WebSocket.
 */
export function credentialsOfWebSocket(upgrade: IncomingMessage, connectionParams: Record<string, unknown> | undefined, trustedProxyHops: number): RequestCredentials {
  const param = (name: string): string | null => {
    const value = Object.entries(connectionParams ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];
    return typeof value === 'string' ? value : null;
  };
  const header = (name: string): string | null => {
    const value = upgrade.headers[name];
    return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
  };
  const encrypted = (upgrade.socket as { encrypted?: boolean }).encrypted === true;
  return fromHeaders((name) => (name === 'authorization' || name === workspaceHeader ? (param(name) ?? header(name)) : header(name)), {
    transport: 'websocket',
    method: 'GET',
    url: new URL(`${encrypted ? 'wss' : 'ws'}://${header('host') ?? 'localhost'}${upgrade.url ?? '/'}`),
    socketAddress: upgrade.socket.remoteAddress,
    trustedProxyHops,
  });
}

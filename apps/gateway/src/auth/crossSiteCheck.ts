import type { RequestCredentials } from './requestCredentials.ts';

/** Content types a plain HTML form (or a no-cors fetch) can send cross-site without a preflight. */
const simpleContentTypes = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * Why a browser request must not act with the cookie it carries (OWASP's CSRF guidance), or null:
 * an Origin that is neither the gateway's own nor an allowed app origin; failing an Origin, a
 * Sec-Fetch-Site other than same-origin; and a POST of a form-able content type without the
 * `x-graphql-yoga-csrf` header. Bearer-token requests are never checked: a browser attaches no token.
 */
export function crossSiteRefusal(credentials: RequestCredentials, allowedOrigins: ReadonlySet<string>): string | null {
  const { origin, secFetchSite, host } = credentials;
  if (origin) {
    let originHost: string | null = null;
    try {
      originHost = origin === 'null' ? null : new URL(origin).host;
    } catch {
      originHost = null;
    }
    if (!allowedOrigins.has(origin) && originHost !== host) {
      return `Refused: a request from ${origin} cannot act with a Goalpost session cookie. Call from the dashboard's origin, or send a bearer token.`;
    }
  } else if (secFetchSite && secFetchSite !== 'same-origin' && secFetchSite !== 'none') {
    return `Refused: a ${secFetchSite} request cannot act with a Goalpost session cookie. Call from the dashboard's origin, or send a bearer token.`;
  }
  const type = (credentials.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (credentials.method === 'POST' && simpleContentTypes.includes(type) && !credentials.csrfHeader) {
    return `Refused: a cookie-authenticated ${type} POST needs the x-graphql-yoga-csrf header (any value); send JSON, or a bearer token.`;
  }
  return null;
}

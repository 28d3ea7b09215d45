import type { CORSOptions } from 'graphql-yoga';

/**
 * Which browser origins may call the API from another origin (`CORS_ORIGINS`): none by default (the
 * dashboard is served by the gateway itself), `*` for any. Never with credentials: the API reads a
 * bearer token from the Authorization header and no cookie, so a browser has nothing to send along.
 * (Without this, yoga reflects any origin and allows credentials.)
 */
export function corsPolicy(origins: readonly string[]): CORSOptions | false {
  if (origins.length === 0) return false;
  return { origin: [...origins], credentials: false };
}

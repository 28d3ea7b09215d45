import { commaList, integer, optionalUrl, port, readSettings, secret, text } from '@goalpost/settings';
import { z } from 'zod';

/** An origin is a scheme, a host and maybe a port: `https://app.example.com`, no path; `*` is any origin. */
const origin = z.string().refine((value) => value === '*' || (URL.canParse(value) && new URL(value).origin === value.replace(/\/$/, '')), {
  error: 'must list origins (scheme://host[:port], no path) separated by commas, or *, e.g. https://app.example.com,http://localhost:5173',
});

/** The gateway's own variables; the common ones (DATABASE_URL, REDIS_URL, LOG_LEVEL…) come from @goalpost/settings. */
const gatewaySettings = {
  PORT: port(4000),
  GOALPOST_BOOTSTRAP_TOKEN: secret(16),
  META_APP_SECRET: text(),
  META_VERIFY_TOKEN: text(),
  WEBHOOK_MAX_BODY_BYTES: integer({ fallback: 1_048_576, min: 1024, max: 64 * 1_048_576, unit: 'bytes' }),
  /** The origin platforms redirect people back to after consent (`<PUBLIC_URL>/oauth/callback`). */
  PUBLIC_URL: optionalUrl(['https:', 'http:'], 'https://goalpost.example.com'),
  /** Where the OAuth callback sends people once an account is connected (the dashboard). */
  OAUTH_RETURN_URL: optionalUrl(['https:', 'http:'], 'https://goalpost.example.com/accounts'),
  /** Browser origins allowed to call the API from another origin; none by default. Never with credentials. */
  CORS_ORIGINS: commaList(origin),
  /** After SIGTERM, how long /readyz says 503 before connections are closed (for a load balancer to notice). */
  SHUTDOWN_DRAIN_MS: integer({ fallback: 0, min: 0, max: 60_000, unit: 'milliseconds' }),
};

export type GatewayEnv = ReturnType<typeof readGatewayEnv>;

/** Reads the gateway's configuration once; throws one line per bad variable (`InvalidSettingsError`). */
export function readGatewayEnv(source: NodeJS.ProcessEnv = process.env) {
  return readSettings('gateway', gatewaySettings, source);
}

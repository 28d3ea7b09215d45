import { credentialKeysVariable, oauthClientsFromEnv, type OAuthClients } from '@goalpost/credentials';
import { z } from 'zod';

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const origins = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.url({ protocol: /^https?$/, error: 'each entry must be an http(s) origin, e.g. https://app.example.com' }).transform((u) => new URL(u).origin)));

const schema = z.object({
  DATABASE_URL: z.string().min(1, 'set it to a PostgreSQL URL, e.g. postgres://user:pass@localhost:5432/goalpost'),
  REDIS_URL: z.string().min(1, 'set it to a Redis URL, e.g. redis://localhost:6379'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  GOALPOST_BOOTSTRAP_TOKEN: z.string().min(16, 'use at least 16 characters').optional(),
  QUEUE_PREFIX: z.string().default('goalpost'),
  LIVE_NAMESPACE: z.string().default('goalpost'),
  EVALUATE_DEBOUNCE_MS: z.coerce.number().int().min(0).default(1000),
  META_APP_SECRET: z.string().min(1).optional(),
  META_VERIFY_TOKEN: z.string().min(1).optional(),
  WEBHOOK_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_048_576),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `id:base64key[,…]`: seals connector credentials; the first key seals, all open (rotation). */
  CREDENTIALS_KEYS: credentialKeysVariable,
  /** The origin platforms redirect people back to after consent (`<PUBLIC_URL>/oauth/callback`). */
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be the http(s) origin people reach the gateway at, e.g. https://goalpost.example.com' }).optional(),
  /** Where the OAuth callback sends people once an account is connected (the dashboard). */
  OAUTH_RETURN_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  /** People and sessions (see auth/authSettings.ts for what each means and the defaults). */
  SIGN_UP_ENABLED: flag.optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().optional(),
  SESSION_MAX_HOURS: z.coerce.number().int().positive().optional(),
  INVITATION_TTL_HOURS: z.coerce.number().int().positive().optional(),
  INVITATION_URL: z.url({ protocol: /^https?$/, error: 'must be the http(s) URL of the page that accepts invitations' }).optional(),
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().positive().optional(),
  SIGN_IN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().optional(),
  SIGN_IN_LOCKOUT_MINUTES: z.coerce.number().positive().optional(),
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).optional(),
  APP_ORIGINS: origins.optional(),
  /** The demo person `npm start` prints (owner of the demo workspace, with GOALPOST_BOOTSTRAP_TOKEN). */
  GOALPOST_DEMO_EMAIL: z.email('must be an email address').default('demo@goalpost.local'),
  GOALPOST_DEMO_PASSWORD: z.string().min(12, 'use at least 12 characters').optional(),
});
export type GatewayEnv = z.infer<typeof schema> & { oauthClients: OAuthClients };

/** Reads the gateway's configuration once; exits with one line per bad variable. */
export function readGatewayEnv(source: NodeJS.ProcessEnv = process.env): GatewayEnv {
  const parsed = schema.safeParse(source);
  const lines = (parsed.error?.issues ?? []).map((i) => `  ${i.path.join('.')}: ${i.message}`);
  let oauthClients: OAuthClients = {};
  try {
    oauthClients = oauthClientsFromEnv(source);
  } catch (error) {
    lines.push(`  ${(error as Error).message}`);
  }
  if (!parsed.success || lines.length > 0) throw new Error(`The gateway's configuration is invalid:\n${lines.join('\n')}`);
  return { ...parsed.data, oauthClients };
}

import { credentialKeysVariable, oauthClientsFromEnv, type OAuthClients } from '@goalpost/credentials';
import { z } from 'zod';
import { connectors } from './connectors/connectorRegistry.ts';
import { parseOutboundAllowList } from './outbound/outboundAddressPolicy.ts';

/** An empty variable (`FOO=`) counts as unset, so it takes the default instead of becoming 0 or ''. */
const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);

const url = (protocols: readonly string[], example: string) =>
  z.preprocess(
    unsetIfEmpty,
    z
      .string({ error: `is required: set it to a URL such as ${example}` })
      .refine((value) => URL.canParse(value) && protocols.includes(new URL(value).protocol), {
        error: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}, such as ${example}`,
      }),
  );

const integer = (fallback: number, min: number, max: number, unit: string) =>
  z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number({ error: `must be a whole number of ${unit}` })
      .int({ error: `must be a whole number of ${unit}` })
      .min(min, { error: `must be between ${min} and ${max} ${unit}` })
      .max(max, { error: `must be between ${min} and ${max} ${unit}` })
      .default(fallback),
  );

const name = (fallback: string) =>
  z.preprocess(unsetIfEmpty, z.string().regex(/^[A-Za-z0-9_{}.-]+$/, { error: 'may only hold letters, digits and _ - . { }' }).default(fallback));

const flag = z.preprocess(unsetIfEmpty, z.enum(['true', 'false'], { error: 'must be true or false' }).default('false').transform((v) => v === 'true'));

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const schema = z.object({
  DATABASE_URL: url(['postgres:', 'postgresql:'], 'postgres://user:pass@localhost:5432/goalpost'),
  REDIS_URL: url(['redis:', 'rediss:'], 'redis://localhost:6379'),
  /** BullMQ key prefix; use a `{hash-tag}` on Redis Cluster. Must match the gateway's. */
  QUEUE_PREFIX: name('goalpost'),
  /** Prefix of the live pub/sub topics; must match the gateway's. */
  LIVE_NAMESPACE: name('goalpost'),
  WORKER_CONCURRENCY: integer(4, 1, 256, 'jobs'),
  EVALUATE_DEBOUNCE_MS: integer(1000, 0, 3_600_000, 'milliseconds'),
  FETCH_CHUNK_DAYS: integer(30, 1, 366, 'days'),
  /** Simulated response time of the demo source per request, to watch progress and crash recovery. */
  DEMO_LATENCY_MS: integer(0, 0, 60_000, 'milliseconds'),
  LOCK_DURATION_MS: integer(30_000, 1000, 3_600_000, 'milliseconds'),
  STALLED_INTERVAL_MS: integer(30_000, 500, 3_600_000, 'milliseconds'),
  REFRESH_EVERY_MS: integer(3_600_000, 1000, 2 ** 31 - 1, 'milliseconds'),
  SWEEP_EVERY_MS: integer(900_000, 1000, 2 ** 31 - 1, 'milliseconds'),
  BACKFILL_DAYS: integer(365, 1, 3650, 'days'),
  LOG_LEVEL: z.preprocess(unsetIfEmpty, z.enum(logLevels, { error: `must be one of ${logLevels.join(', ')}` }).default('info')),
  /** `id:base64key[,…]`, the same list as the gateway's: the first seals, all open (rotation). */
  CREDENTIALS_KEYS: credentialKeysVariable,
  /** Plain http:// webhook and Slack URLs allowed (development only). */
  OUTBOUND_ALLOW_HTTP: flag,
  /** Comma-separated host names or CIDRs outbound requests may reach although private (local receivers). */
  OUTBOUND_ALLOW_HOSTS: z.preprocess(unsetIfEmpty, z.string().optional().superRefine((value, ctx) => {
    try {
      parseOutboundAllowList(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `must list host names or CIDRs separated by commas: ${(error as Error).message}` });
    }
  })),
  OUTBOUND_TIMEOUT_MS: integer(10_000, 100, 120_000, 'milliseconds'),
  OUTBOUND_MAX_RESPONSE_BYTES: integer(65_536, 0, 10_485_760, 'bytes'),
  /** First retry delay of a notification delivery; each retry doubles it up to the maximum. */
  NOTIFY_RETRY_BASE_MS: integer(5_000, 10, 3_600_000, 'milliseconds'),
  NOTIFY_RETRY_MAX_MS: integer(3_600_000, 10, 86_400_000, 'milliseconds'),
  NOTIFY_CONCURRENCY: integer(8, 1, 256, 'jobs'),
  /** How long a channel may fail every delivery before it is disabled (24 h by default). */
  NOTIFY_DISABLE_AFTER_MS: integer(86_400_000, 60_000, 30 * 86_400_000, 'milliseconds'),
  /** Where EMAIL channels' mail goes out (smtp:// or smtps://, credentials in the URL); unset: EMAIL deliveries fail saying so. */
  SMTP_URL: z.preprocess(unsetIfEmpty, url(['smtp:', 'smtps:'], 'smtp://user:pass@smtp.example.com:587').optional()),
  SMTP_FROM: z.preprocess(unsetIfEmpty, z.string().min(3).default('Goalpost <alerts@goalpost.localhost>')),
  /** The gateway's public origin: messages link back to the dashboard there. */
  PUBLIC_URL: z.preprocess(unsetIfEmpty, url(['https:', 'http:'], 'https://goalpost.example.com').default('http://localhost:4000')),
});

/** `CONNECTOR_META_PAGE_BASE_URL` and so on: where a connector's API is reached (tests point them at fakes). */
export const connectorBaseUrlVariable = (connectorId: string) => `CONNECTOR_${connectorId.toUpperCase().replace(/-/g, '_')}_BASE_URL`;

export type WorkerEnv = z.infer<typeof schema> & {
  /** Base URL per connector id, for the connectors whose variable is set. */
  connectorBaseUrls: Record<string, string>;
  /** OAuth apps by provider, from `<PROVIDER>_CLIENT_ID` / `_CLIENT_SECRET` / `_TOKEN_URL`: used to refresh tokens. */
  oauthClients: OAuthClients;
};

/** The worker's configuration, read once from the environment; throws one line per bad variable. */
export function readWorkerEnv(source: NodeJS.ProcessEnv = process.env): WorkerEnv {
  const parsed = schema.safeParse(source);
  const problems = (parsed.error?.issues ?? []).map((issue) => `  ${issue.path.join('.')} ${issue.message}`);
  const connectorBaseUrls: Record<string, string> = {};
  for (const c of connectors) {
    const variable = connectorBaseUrlVariable(c.id);
    const value = url(['https:', 'http:'], c.defaultBaseUrl).optional().safeParse(unsetIfEmpty(source[variable]));
    if (!value.success) problems.push(...value.error.issues.map((issue) => `  ${variable} ${issue.message}`));
    else if (value.data) connectorBaseUrls[c.id] = value.data;
  }
  let oauthClients: OAuthClients = {};
  try {
    oauthClients = oauthClientsFromEnv(source);
  } catch (error) {
    problems.push(`  ${(error as Error).message}`);
  }
  if (!parsed.success || problems.length > 0) throw new Error(`The worker's configuration is invalid:\n${problems.join('\n')}`);
  return { ...parsed.data, connectorBaseUrls, oauthClients };
}

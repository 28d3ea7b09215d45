import { createDb } from '@goalpost/db';
import { createGoalpostQueues, failFastRedisOptions, patientRedisOptions } from '@goalpost/jobs';
import { Redis } from 'ioredis';
import { createCredentialCipher, createUnsubscribeTokens, type CredentialKey, type OAuthClients } from '@goalpost/credentials';
import pino, { type DestinationStream } from 'pino';
import { sql } from 'kysely';
import type { GatewayDeps } from './context.ts';
import { createLivePubSub } from './live/livePubSub.ts';
import { createAuthorizationStates } from './oauth/authorizationStates.ts';
import { authSettingsWithDefaults, type AuthSettings } from './auth/authSettings.ts';
import { createCredentialRevocations } from './auth/credentialRevocations.ts';
import { createSignInThrottle } from './auth/signInThrottle.ts';
import { createSignUpThrottle } from './auth/signUpThrottle.ts';

export interface GatewayConfig {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  liveNamespace: string;
  evaluateDebounceMs: number;
  webhookMaxBodyBytes: number;
  logLevel: string;
  meta?: { appSecret?: string | undefined; verifyToken?: string | undefined };
  /** CREDENTIALS_KEYS, parsed; without them CONNECTOR accounts cannot be given credentials. */
  credentialKeys?: CredentialKey[] | undefined;
  oauthClients?: OAuthClients;
  /** The gateway's public origin, for the OAuth redirect URI. */
  publicUrl: string;
  oauthReturnUrl?: string | undefined;
  /** OUTBOUND_ALLOW_HTTP: notification channels may take http:// URLs (development). */
  outboundAllowHttp?: boolean;
  now?: () => Date;
  /** Sign-up, sessions, invitations, sign-in lockout, proxies, app origins (defaults in authSettings.ts). */
  auth?: Partial<Omit<AuthSettings, 'publicUrl'>>;
  /** Where logs go (stdout by default); tests read them to prove secrets stay out. */
  logDestination?: DestinationStream;
}

/** Connections and clients of one gateway process, and how to close them in order. */
export function createGatewayDeps(config: GatewayConfig): GatewayDeps & { close(): Promise<void> } {
  const log = pino(
    { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.credentials', '*.secret', '*.token', '*.accessToken', '*.refreshToken'] },
    config.logDestination,
  );
  const db = createDb(config.databaseUrl, { onConnectionError: (err) => log.warn({ err }, 'PostgreSQL connection lost') });
  // Producers fail fast when Redis is away (a request answers 503) instead of queueing commands in memory.
  const producer = new Redis(config.redisUrl, failFastRedisOptions);
  const publish = new Redis(config.redisUrl, patientRedisOptions);
  const subscribe = new Redis(config.redisUrl, patientRedisOptions);
  for (const client of [producer, publish, subscribe]) client.on('error', (err) => log.warn({ err }, 'redis connection error'));
  const queues = createGoalpostQueues({ connection: producer, prefix: config.queuePrefix, evaluateDebounceMs: config.evaluateDebounceMs });
  queues.onError((err) => log.warn({ err }, 'queue error'));
  const pubsub = createLivePubSub({ publish, subscribe }, config.liveNamespace);
  const authSettings = authSettingsWithDefaults(config.publicUrl, config.auth);

  return {
    db,
    queues,
    pubsub,
    redis: producer,
    log,
    now: config.now ?? (() => new Date()),
    webhookMaxBodyBytes: config.webhookMaxBodyBytes,
    meta: config.meta ?? {},
    outboundAllowHttp: config.outboundAllowHttp ?? false,
    unsubscribe: config.credentialKeys?.length ? createUnsubscribeTokens(config.credentialKeys) : undefined,
    connections: {
      cipher: config.credentialKeys?.length ? createCredentialCipher(config.credentialKeys) : undefined,
      oauthClients: config.oauthClients ?? {},
      publicUrl: config.publicUrl.replace(/\/+$/, ''),
      returnUrl: config.oauthReturnUrl,
      states: createAuthorizationStates(producer, config.queuePrefix),
    },
    authServices: {
      settings: authSettings,
      throttle: createSignInThrottle(producer, config.queuePrefix, {
        maxFailures: authSettings.signInMaxFailures,
        maxFailuresPerAddress: authSettings.signInMaxFailuresPerAddress,
        lockoutMinutes: authSettings.signInLockoutMinutes,
      }),
      signUpThrottle: createSignUpThrottle(producer, config.queuePrefix, { maxPerAddress: authSettings.signUpMaxPerAddress, windowMinutes: authSettings.signUpWindowMinutes }),
      revocations: createCredentialRevocations({ publish, subscribe }, config.liveNamespace, log),
    },
    ready: async () => {
      const [postgres, redis] = await Promise.all([
        sql`select 1`.execute(db).then(() => true, () => false),
        producer.ping().then(() => true, () => false),
      ]);
      return { postgres, redis };
    },
    close: async () => {
      await queues.close();
      // The subscriber holds only subscriptions (credential revocations from the start): nothing to flush, and
      // quit() would wait behind a SUBSCRIBE queued while Redis is away.
      subscribe.disconnect();
      await Promise.all([producer.quit(), publish.quit()].map((p) => p.catch(() => {})));
      await db.destroy();
    },
  };
}

import { createTestDatabase, testRedisUrl, uniquePrefix } from '@goalpost/devstack/testing';
import { insertApiToken, insertMember, insertUser, insertWorkspace } from '@goalpost/db';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { platforms } from '@goalpost/domain';
import { randomUUID } from 'node:crypto';
import { hashApiToken } from '../src/auth/apiTokenHash.ts';
import type { DestinationStream } from 'pino';
import { createGatewayDeps, type GatewayConfig } from '../src/gatewayDeps.ts';
import { createGateway } from '../src/yoga.ts';
import { edgeSettingsWith, type EdgeSettingsOverrides } from '../src/edge/edgeSettings.ts';

/** A gateway served in-process (yoga.fetch) over a fresh database, with helpers to act as a workspace. */
export interface GatewayHarnessOptions {
  meta?: { appSecret?: string; verifyToken?: string };
  connections?: Pick<GatewayConfig, 'credentialKeys' | 'oauthClients' | 'oauthReturnUrl'>;
  auth?: GatewayConfig['auth'];
  logDestination?: DestinationStream;
  logLevel?: string;
  /** Query, rate and body limits (defaults otherwise); counters are this harness's own unless `rateLimits.keyPrefix` is given. */
  edge?: EdgeSettingsOverrides;
  /** The gateway's clock (deps.now); the system clock by default. */
  now?: () => Date;
}

export async function startGatewayHarness(label: string, options: GatewayHarnessOptions = {}) {
  const database = await createTestDatabase();
  const liveNamespace = uniquePrefix(`${label}-live`);
  const queuePrefix = uniquePrefix(label);
  const deps = createGatewayDeps({
    databaseUrl: database.url,
    redisUrl: testRedisUrl(),
    queuePrefix,
    liveNamespace,
    evaluateDebounceMs: 0,
    webhookMaxBodyBytes: 64 * 1024,
    logLevel: options.logLevel ?? 'silent',
    meta: options.meta,
    publicUrl: 'http://gateway.test',
    ...options.connections,
    ...(options.auth ? { auth: options.auth } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.logDestination ? { logDestination: options.logDestination } : {}),
  });
  const edge = edgeSettingsWith({ ...options.edge, rateLimits: { keyPrefix: `${queuePrefix}:rate`, ...options.edge?.rateLimits } });
  const gateway = createGateway(deps, { edge });

  async function newWorkspace(name: string) {
    const workspace = await insertWorkspace(deps.db, name);
    const token = `test-${randomUUID()}`;
    await insertApiToken(deps.db, workspace.id, hashApiToken(token), 'test');
    /** A person added to the workspace as an EDITOR (they cannot sign in); answers their Member id. */
    async function newMember() {
      const user = await insertUser(deps.db, { email: `${randomUUID()}@example.com`, name: 'Member', passwordHash: 'not-a-hash' });
      return encodeGlobalID('Member', (await insertMember(deps.db, workspace.id, user!.id, 'EDITOR')).id);
    }
    return { workspaceId: workspace.id, token, newMember, gql: (query: string, variables: Record<string, unknown> = {}) => graphql(query, variables, token) };
  }

  async function graphql(query: string, variables: Record<string, unknown>, token?: string) {
    const response = await gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as { data?: any; errors?: { message: string; extensions?: any }[] } };
  }

  async function jobCounts() {
    const fetchQueues = [...new Set(platforms.map((platform) => deps.queues.metricsFetchQueueFor({ source: 'CONNECTOR', platform })))];
    const counts = await Promise.all([deps.queues.metricsFetch, ...fetchQueues, deps.queues.objectiveEvaluate, deps.queues.alertDeliver, deps.queues.notificationDeliver, deps.queues.planDigest, deps.queues.invitationMail].map((q) => q.getJobCounts()));
    return counts.reduce((sum, c) => sum + Object.values(c).reduce((a, b) => a + b, 0), 0);
  }

  return {
    deps,
    gateway,
    liveNamespace,
    /** For a worker run beside the gateway in a test: the same database and queues. */
    databaseUrl: database.url,
    queuePrefix,
    newWorkspace,
    graphql,
    jobCounts,
    close: async () => {
      await gateway.yoga.dispose();
      await deps.close();
      await database.drop();
    },
  };
}
export type GatewayHarness = Awaited<ReturnType<typeof startGatewayHarness>>;

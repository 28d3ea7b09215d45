import { createTestDatabase, testRedisUrl, uniquePrefix } from '@goalpost/devstack/testing';
import { insertApiToken, insertWorkspace } from '@goalpost/db';
import { platforms } from '@goalpost/domain';
import { randomUUID } from 'node:crypto';
import { hashApiToken } from '../src/auth/apiTokenHash.ts';
import type { DestinationStream } from 'pino';
import { createGatewayDeps, type GatewayConfig } from '../src/gatewayDeps.ts';
import { createGateway } from '../src/yoga.ts';

/** A gateway served in-process (yoga.fetch) over a fresh database, with helpers to act as a workspace. */
export interface GatewayHarnessOptions {
  meta?: { appSecret?: string; verifyToken?: string };
  connections?: Pick<GatewayConfig, 'credentialKeys' | 'oauthClients' | 'oauthReturnUrl'>;
  auth?: GatewayConfig['auth'];
  now?: () => Date;
  logDestination?: DestinationStream;
  logLevel?: string;
}

export async function startGatewayHarness(label: string, options: GatewayHarnessOptions = {}) {
  const database = await createTestDatabase();
  const liveNamespace = uniquePrefix(`${label}-live`);
  const deps = createGatewayDeps({
    databaseUrl: database.url,
    redisUrl: testRedisUrl(),
    queuePrefix: uniquePrefix(label),
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
  const gateway = createGateway(deps);

  async function newWorkspace(name: string) {
    const workspace = await insertWorkspace(deps.db, name);
    const token = `test-${randomUUID()}`;
    await insertApiToken(deps.db, workspace.id, hashApiToken(token), 'test');
    return { workspaceId: workspace.id, token, gql: (query: string, variables: Record<string, unknown> = {}) => graphql(query, variables, token) };
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
    const counts = await Promise.all([deps.queues.metricsFetch, ...fetchQueues, deps.queues.objectiveEvaluate, deps.queues.alertDeliver].map((q) => q.getJobCounts()));
    return counts.reduce((sum, c) => sum + Object.values(c).reduce((a, b) => a + b, 0), 0);
  }

  return {
    deps,
    gateway,
    databaseUrl: database.url,
    liveNamespace,
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

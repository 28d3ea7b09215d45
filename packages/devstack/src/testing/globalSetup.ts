import type { TestProject } from 'vitest/node';
import { ensureDatabase, startLocalPostgres, type LocalPostgres } from '../localPostgres.ts';
import './providedContext.ts';
import { startLocalRedis, type LocalRedis } from '../localRedis.ts';

const templateDatabase = 'goalpost_template';

/**
 * One PostgreSQL and one Redis for the whole run, in temporary folders; every test file makes its own
 * database from the template (migrated by `packages/db/test/migrateTestTemplate.ts`, the next setup).
 */
export default async function setup(project: TestProject) {
  let postgres: LocalPostgres | undefined;
  let redis: LocalRedis | undefined;
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = '/postgres';
    adminUrl = url.toString();
  } else {
    postgres = await startLocalPostgres({ persistent: false });
    adminUrl = postgres.urlOf('postgres');
  }
  try {
    const redisUrl = process.env.REDIS_URL ?? (redis = await startLocalRedis({ persistent: false })).url;
    await ensureDatabase(adminUrl, templateDatabase);
    project.provide('databaseAdminUrl', adminUrl);
    project.provide('templateDatabase', templateDatabase);
    project.provide('redisUrl', redisUrl);
  } catch (error) {
    await Promise.all([redis?.stop(), postgres?.stop()]);
    throw error;
  }

  return async () => {
    await redis?.stop();
    await postgres?.stop();
  };
}

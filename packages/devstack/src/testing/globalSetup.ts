import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { createDb, migrateToLatest } from '@goalpost/db';
import { ensureDatabase, startLocalPostgres, type LocalPostgres } from '../localPostgres.ts';
import './providedContext.ts';
import { startLocalRedis, type LocalRedis } from '../localRedis.ts';


const templateDatabase = 'goalpost_template';

/** One PostgreSQL and one Redis for the whole run; every test file makes its own database from the template. */
export default async function setup(project: TestProject) {
  const dataDir = fileURLToPath(new URL(`../../../../.goalpost/test-postgres-${process.pid}`, import.meta.url));
  let postgres: LocalPostgres | undefined;
  let redis: LocalRedis | undefined;
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = '/postgres';
    adminUrl = url.toString();
  } else {
    postgres = await startLocalPostgres({ dataDir, persistent: false });
    adminUrl = postgres.urlOf('postgres');
  }
  const redisUrl = process.env.REDIS_URL ?? (redis = await startLocalRedis({ persistent: false })).url;

  const admin = new URL(adminUrl);
  await ensureDatabase(adminUrl, templateDatabase);
  admin.pathname = `/${templateDatabase}`;
  const db = createDb(admin.toString(), { max: 1 });
  await migrateToLatest(db);
  await db.destroy();

  project.provide('databaseAdminUrl', adminUrl);
  project.provide('templateDatabase', templateDatabase);
  project.provide('redisUrl', redisUrl);

  return async () => {
    await redis?.stop();
    await postgres?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

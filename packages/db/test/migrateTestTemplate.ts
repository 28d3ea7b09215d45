import type { TestProject } from 'vitest/node';
import type {} from '@goalpost/devstack/testing';
import { createDb } from '../src/createDb.ts';
import { migrateToLatest } from '../src/migrate.ts';

/** Test run setup, after devstack's: migrates the template every test file's database is copied from. */
export default async function setup(project: TestProject) {
  const { databaseAdminUrl, templateDatabase } = project.getProvidedContext();
  const url = new URL(databaseAdminUrl);
  url.pathname = `/${templateDatabase}`;
  const db = createDb(url.toString(), { max: 1, statementTimeoutMillis: 0 });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
}

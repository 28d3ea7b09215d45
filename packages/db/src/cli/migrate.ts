import { createDb } from '../createDb.ts';
import { migrateToLatest } from '../migrate.ts';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set: point it at a PostgreSQL database, e.g. postgres://user:pass@localhost:5432/goalpost');
  process.exit(1);
}
// A migration (an index on a large table) may run long: no statement timeout here.
const db = createDb(url, { max: 1, statementTimeoutMillis: 0 });
try {
  const applied = await migrateToLatest(db);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}

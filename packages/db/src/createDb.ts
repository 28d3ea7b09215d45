import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

// Dates stay calendar days ('2026-03-31'), never shifted through a local-time Date.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
// bigint ids and counts fit comfortably in a JS number for this domain.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export type Db = Kysely<Database>;

export interface DbOptions {
  /** Connections in the pool. */
  max?: number;
  /** How long a query waits for a connection (PostgreSQL unreachable, or the pool exhausted) before failing. */
  connectionTimeoutMillis?: number;
  /** PostgreSQL cancels a statement running longer than this (0: never; migrations pass 0). */
  statementTimeoutMillis?: number;
  /** Told of each connection lost (a server restart, a dropped network); the query it ran fails by itself. */
  onConnectionError?: (error: Error) => void;
}

/**
 * A Kysely database over a pg pool that survives PostgreSQL restarts: a lost connection fails its own
 * query and is dropped from the pool, the next query connects again. Queries fail fast while PostgreSQL is
 * away (connecting is refused at once, or gives up after `connectionTimeoutMillis`) instead of queueing.
 */
export function createDb(connectionString: string, options: DbOptions = {}): Db {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5_000,
    statement_timeout: options.statementTimeoutMillis ?? 30_000,
    // Notices a server that vanished without closing the connection (a network partition, a killed host).
    keepAlive: true,
  });
  const onError = options.onConnectionError ?? (() => {});
  // pg-pool handles the errors of idle clients only (its 'error' event): a client checked out by a query
  // when the server goes away emits 'error' too, which would crash the process without a listener.
  pool.on('connect', (client) => client.on('error', onError));
  pool.on('error', () => {});
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import pg from 'pg';
import { freePort } from './freePort.ts';
import { copyPostgresBinaries, findPostgresBinaries, type PostgresBinaries } from './postgresBinaries.ts';
import { postgresServerUser, userCanExecute, type ServerUser } from './postgresServerUser.ts';
import { runningPostmaster } from './postmasterPid.ts';
import { spawnFailure } from './spawnFailure.ts';

export interface LocalPostgres {
  url: string;
  port: number;
  /** The data directory in use (where `dataDir` leads, or the temporary one). */
  dataDirectory: string;
  /** URL of another database on the same server. */
  urlOf(database: string): string;
  /** Stops the server (fast shutdown) and keeps its data: what a database outage looks like to clients. */
  stopServer(): Promise<void>;
  /** Starts the stopped server again, same port and data. */
  startServer(): Promise<void>;
  /** Stops the server for good; a non-persistent server's files are deleted. */
  stop(): Promise<void>;
}

/** Thrown when the data directory is in use by a server that still runs: nothing was touched. */
export class PostgresAlreadyRunning extends Error {
  constructor(readonly dataDir: string, readonly pid: number, readonly port: number) {
    super(`PostgreSQL is already running on ${dataDir} (pid ${pid}, port ${port}): stop the program that started it (or \`kill -INT ${pid}\`) before starting another on the same data.`);
  }
}

const user = 'goalpost';
const password = 'goalpost';
/** Where data goes, as root, when the `postgres` user cannot reach the checkout (see `placeData`). */
const defaultReachableHome = '/var/lib/goalpost';

/**
 * A real PostgreSQL server on a free port. Non-persistent servers live in a fresh temporary folder
 * (deleted on `stop`); persistent ones keep `dataDir`. As root the server runs as the `postgres` user
 * (Postgres refuses root), and whatever that user cannot reach — the binaries inside `node_modules`, a
 * data directory under a private `0700` folder — is put where it can: see `placeData`.
 */
export async function startLocalPostgres(options: {
  /** Required when persistent; ignored otherwise. */
  dataDir?: string;
  port?: number;
  persistent: boolean;
  /** In a process group of its own: a Ctrl-C reaches only the caller, which stops the server last. */
  detached?: boolean;
  /** As root: where data the postgres user cannot reach in `dataDir` goes instead (`/var/lib/goalpost`). */
  reachableHome?: string;
  onProgress?: (message: string) => void;
}): Promise<LocalPostgres> {
  const serverUser = postgresServerUser();
  const place = placeData(options, serverUser);
  try {
    return await runIn(place, serverUser, options);
  } catch (error) {
    if (!options.persistent) rmSync(place.base, { recursive: true, force: true });
    throw error;
  }
}

async function runIn(place: DataPlace, serverUser: ServerUser | undefined, options: Parameters<typeof startLocalPostgres>[0]): Promise<LocalPostgres> {
  // Refuse before touching anything: a second server on the same data directory corrupts it.
  const running = runningPostmaster(place.dataDir);
  if (running) throw new PostgresAlreadyRunning(options.dataDir ?? place.dataDir, running.pid, running.port);
  if (place.linkFrom) options.onProgress?.(`The "postgres" user cannot reach ${dirname(place.linkFrom)}: PostgreSQL keeps its data in ${place.dataDir} (linked from ${place.linkFrom}).`);

  let binaries = await findPostgresBinaries();
  if (!userCanExecute(serverUser, binaries.postgres)) binaries = copyPostgresBinaries(binaries, place.base);

  if (!existsSync(join(place.dataDir, 'PG_VERSION'))) {
    options.onProgress?.('Initialising a PostgreSQL data directory (first run only)…');
    await initialise(binaries, place, serverUser);
  }

  const port = options.port ?? (await freePort());
  const flags = [
    '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'lc_messages=C',
    // Throwaway test servers need no durability across an OS crash; it makes every write much cheaper.
    ...(options.persistent ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
  ];
  const urlOf = (database: string) => `postgres://${user}:${password}@127.0.0.1:${port}/${database}`;
  let server: ChildProcess | undefined;
  const startServer = async () => {
    const other = runningPostmaster(place.dataDir);
    if (other) throw new PostgresAlreadyRunning(options.dataDir ?? place.dataDir, other.pid, other.port);
    // A pid file whose server is gone (killed without a clean stop): Postgres itself would refuse to start
    // when that pid has since been reused by another program.
    rmSync(join(place.dataDir, 'postmaster.pid'), { force: true });
    options.onProgress?.(`Starting PostgreSQL on port ${port}…`);
    server = await runServer(binaries, place.dataDir, port, flags, serverUser, urlOf('postgres'), options.detached ?? false);
  };
  const stopServer = async () => {
    const child = server;
    server = undefined;
    if (child) await stopChild(child);
  };
  await startServer();
  try {
    await ensureDatabase(urlOf('postgres'), 'goalpost');
  } catch (error) {
    await stopServer();
    throw error;
  }
  return {
    url: urlOf('goalpost'),
    port,
    dataDirectory: place.dataDir,
    urlOf,
    startServer,
    stopServer,
    stop: async () => {
      await stopServer();
      if (!options.persistent) rmSync(place.base, { recursive: true, force: true });
    },
  };
}

interface DataPlace {
  /** A folder the server user can reach: the data directory and any copy of the binaries live in it. */
  base: string;
  dataDir: string;
  /** The data directory the caller asked for, when it is a link to `dataDir`. */
  linkFrom?: string;
}

/**
 * Where the data directory goes. Temporary servers get a fresh folder under the system's temp folder.
 * A persistent one stays at `dataDir`, unless the server user cannot reach it (root, with the checkout
 * inside `/root` or another `0700` folder): then the data lives under `/var/lib/goalpost/<checkout>-<hash>`
 * and `dataDir` becomes a link to it, so deleting the state folder still means a fresh start.
 */
function placeData(options: { dataDir?: string; persistent: boolean; reachableHome?: string }, serverUser: ServerUser | undefined): DataPlace {
  if (!options.persistent) {
    const base = mkdtempSync(join(tmpdir(), 'goalpost-postgres-'));
    // mkdtemp makes it 0700; the server user must get through to its own data directory inside.
    chmodSync(base, 0o755);
    return { base, dataDir: join(base, 'data') };
  }
  if (!options.dataDir) throw new Error('startLocalPostgres: a persistent server needs a dataDir.');
  const dataDir = resolve(options.dataDir);
  const parent = dirname(dataDir);
  mkdirSync(parent, { recursive: true });
  if (userCanExecute(serverUser, parent)) return { base: parent, dataDir };
  const link = linkTarget(dataDir);
  if (link !== undefined) {
    const real = resolve(parent, link);
    return { base: dirname(real), dataDir: real, linkFrom: dataDir };
  }
  if (existsSync(dataDir)) {
    throw new Error(`The "postgres" user cannot reach ${dataDir} (a folder above it is private): move the checkout to a folder other users can enter, or set DATABASE_URL.`);
  }
  const outside = join(options.reachableHome ?? defaultReachableHome, `${basename(dirname(parent))}-${createHash('sha256').update(dataDir).digest('hex').slice(0, 12)}`);
  const target = join(outside, 'data');
  // The state folder was deleted (a fresh start) while an earlier data directory stayed out here.
  if (!runningPostmaster(target)) rmSync(target, { recursive: true, force: true });
  mkdirSync(outside, { recursive: true, mode: 0o755 });
  symlinkSync(target, dataDir);
  return { base: outside, dataDir: target, linkFrom: dataDir };
}

function linkTarget(path: string): string | undefined {
  try {
    return lstatSync(path).isSymbolicLink() ? readlinkSync(path) : undefined;
  } catch {
    return undefined;
  }
}

/** Runs a program to completion; rejects with its own last words (or why it could not start). */
function runToEnd(program: string, args: string[], serverUser: ServerUser | undefined): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(program, args, { ...ids(serverUser), env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (error) => reject(spawnFailure(program, error, serverUser?.name)));
    child.once('close', (code, signal) => {
      if (code === 0) return resolvePromise();
      reject(new Error(`${basename(program)} failed (${signal ?? `exit code ${code}`}): ${lastLines(output)}`));
    });
  });
}

async function initialise(binaries: PostgresBinaries, place: DataPlace, serverUser: ServerUser | undefined): Promise<void> {
  rmSync(place.dataDir, { recursive: true, force: true });
  mkdirSync(place.dataDir, { recursive: true, mode: 0o700 });
  const passwordFile = join(place.base, `.pwfile-${process.pid}`);
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (serverUser) {
    chownSync(place.dataDir, serverUser.uid, serverUser.gid);
    chownSync(passwordFile, serverUser.uid, serverUser.gid);
  }
  try {
    await runToEnd(binaries.initdb, [
      `--pgdata=${place.dataDir}`, '--auth=scram-sha-256', `--username=${user}`, `--pwfile=${passwordFile}`,
      // The same collation on every machine (code point order, Unicode case rules), whatever the OS locales.
      '--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--locale=C', '--no-sync',
    ], serverUser);
  } catch (error) {
    // A half-made data directory would be taken for an initialised one next time.
    rmSync(place.dataDir, { recursive: true, force: true });
    throw error;
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

function ids(serverUser: ServerUser | undefined) {
  return serverUser ? { uid: serverUser.uid, gid: serverUser.gid } : {};
}

const lastLines = (text: string, count = 8) => text.trim().split('\n').slice(-count).join('\n') || '(no output)';

/** Starts `postgres` and resolves once it accepts connections; rejects with the server's own words. */
async function runServer(
  binaries: PostgresBinaries, dataDir: string, port: number, flags: string[], serverUser: ServerUser | undefined, adminUrl: string, detached: boolean,
): Promise<ChildProcess> {
  const child = spawn(binaries.postgres, ['-D', dataDir, '-p', String(port), ...flags], {
    ...ids(serverUser),
    detached,
    env: { ...process.env, LC_ALL: 'C' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-8_000)));
  let failure: Error | undefined;
  child.once('error', (error) => (failure = spawnFailure(binaries.postgres, error, serverUser?.name)));
  child.once('exit', (code, signal) => (failure ??= new Error(`PostgreSQL stopped while starting (${signal ?? `exit code ${code}`}): ${lastLines(log)}`)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (failure) throw failure;
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2_000 });
    client.on('error', () => {});
    const connected = await client.connect().then(() => true, () => false);
    await client.end().catch(() => {});
    if (connected) return child;
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`PostgreSQL did not accept connections on port ${port} within 60 s: ${lastLines(log)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Fast shutdown (SIGINT: sessions are cut, a checkpoint is written), immediate after 30 s. */
function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolvePromise) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolvePromise();
    const timer = setTimeout(() => child.kill('SIGQUIT'), 30_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolvePromise();
    });
    child.kill('SIGINT');
  });
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

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { platform } from 'node:os';
import { freePort } from './freePort.ts';
import { spawnFailure } from './spawnFailure.ts';
import { ensureInstalled, installPlan, onPath, type Lookup, type SystemPackage } from './systemPackage.ts';

export interface LocalRedis {
  url: string;
  port: number;
  /** Stops the server (a persistent one keeps its append-only file): a Redis outage, for tests. */
  stopServer(): Promise<void>;
  /** Starts the stopped server again on the same port. */
  startServer(): Promise<void>;
  stop(): Promise<void>;
}

const redisServer: SystemPackage = {
  command: 'redis-server',
  apt: 'redis-server',
  brew: 'redis',
  manual:
    'redis-server is not installed and could not be installed automatically: install Redis 6.2 or newer (https://redis.io/docs/latest/operate/oss_and_stack/install/) or set REDIS_URL to a running Redis.',
  otherwise: 'set REDIS_URL to a running Redis',
};

/** How to get `redis-server` on this machine, or the one sentence that tells the user. */
export const redisInstallPlan = (lookup: Lookup = onPath, os: string = platform()) => installPlan(redisServer, lookup, os);

/** Installs redis-server with the OS package manager when it is missing; throws the one-sentence reason otherwise. */
export const ensureRedisServerInstalled = (onProgress?: (message: string) => void, lookup: Lookup = onPath) =>
  ensureInstalled(redisServer, onProgress, lookup);

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' }, () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
  });
}

/** Runs `redis-server` and resolves once it answers PING; rejects with its own last words. */
async function runServer(args: string[], port: number, detached: boolean): Promise<ChildProcess> {
  const child = spawn('redis-server', args, { detached, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let failure: Error | undefined;
  child.once('error', (error) => (failure = spawnFailure('redis-server', error)));
  child.once('exit', (code, signal) => {
    const words = log.trim().split('\n').slice(-3).join(' ') || '(no output)';
    failure ??= new Error(`redis-server stopped while starting (${signal ?? `exit code ${code}`}): ${words}`);
  });
  const deadline = Date.now() + 10_000;
  while (!(await ping(port))) {
    if (failure) throw failure;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not answer PING on port ${port} within 10 s.`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  // Its output is no longer read once it runs: let the pipes drain so it never blocks on a full one.
  child.stdout?.resume();
  child.stderr?.resume();
  return child;
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * A `redis-server` on a free port; `noeviction` because BullMQ must never lose keys to eviction. A
 * persistent one keeps an append-only file in `dataDir` (what survives a restart).
 */
export async function startLocalRedis(options: {
  dataDir?: string;
  port?: number;
  persistent: boolean;
  /** In a process group of its own: a Ctrl-C reaches only the caller, which stops the server last. */
  detached?: boolean;
  onProgress?: (m: string) => void;
}): Promise<LocalRedis> {
  ensureRedisServerInstalled(options.onProgress);
  const port = options.port ?? (await freePort());
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--maxmemory-policy', 'noeviction', '--save', ''];
  if (options.persistent && options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    args.push('--appendonly', 'yes', '--dir', options.dataDir);
  } else {
    args.push('--appendonly', 'no');
  }
  let server: ChildProcess | undefined;
  const startServer = async () => {
    options.onProgress?.(`Starting Redis on port ${port}…`);
    server = await runServer(args, port, options.detached ?? false);
  };
  const stopServer = async () => {
    const child = server;
    server = undefined;
    if (child) await stopChild(child);
  };
  await startServer();
  return { url: `redis://127.0.0.1:${port}`, port, startServer, stopServer, stop: stopServer };
}

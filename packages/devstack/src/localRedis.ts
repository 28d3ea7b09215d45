import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { platform } from 'node:os';
import { freePort } from './freePort.ts';
import { ensureInstalled, installPlan, onPath, type Lookup, type SystemPackage } from './systemPackage.ts';

export interface LocalRedis {
  url: string;
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

/** A `redis-server` on a free port; `noeviction` because BullMQ must never lose keys to eviction. */
export async function startLocalRedis(options: { dataDir?: string; port?: number; persistent: boolean; onProgress?: (m: string) => void }): Promise<LocalRedis> {
  ensureRedisServerInstalled(options.onProgress);
  const port = options.port ?? (await freePort());
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--maxmemory-policy', 'noeviction', '--save', ''];
  if (options.persistent && options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    args.push('--appendonly', 'yes', '--dir', options.dataDir);
  } else {
    args.push('--appendonly', 'no');
  }
  options.onProgress?.(`Starting Redis on port ${port}…`);
  const child: ChildProcess = spawn('redis-server', args, { stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  while (!(await ping(port))) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}; is port ${port} taken?`);
    if (Date.now() > deadline) throw new Error('redis-server did not answer PING within 10 s.');
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

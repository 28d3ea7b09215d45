import { chmodSync, lstatSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, PostgresAlreadyRunning, startLocalPostgres, type LocalPostgres } from '../src/index.ts';

const query = async (url: string, sql: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
};

describe('local PostgreSQL', () => {
  let stateDir: string;
  let server: LocalPostgres;
  const dataDir = () => join(stateDir, 'postgres');

  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'goalpost-devstack-'));
    // mkdtemp makes it 0700: as root, the postgres user must get through to the data inside.
    chmodSync(stateDir, 0o755);
    server = await startLocalPostgres({ dataDir: dataDir(), persistent: true });
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('refuses a second server on a data directory in use, saying so in one sentence and touching nothing', async () => {
    const pidFile = join(server.dataDirectory, 'postmaster.pid');
    const before = { text: readFileSync(pidFile, 'utf8'), mtime: statSync(pidFile).mtimeMs };
    const second = startLocalPostgres({ dataDir: dataDir(), persistent: true });
    await expect(second).rejects.toBeInstanceOf(PostgresAlreadyRunning);
    await expect(second).rejects.toThrow(/^PostgreSQL is already running on .* \(pid \d+, port \d+\): stop the program that started it/);
    expect({ text: readFileSync(pidFile, 'utf8'), mtime: statSync(pidFile).mtimeMs }).toEqual(before);
    expect(await query(server.url, 'select 1 as up')).toEqual([{ up: 1 }]);
  });

  it('stops and starts again on the same port, keeping the data', async () => {
    await query(server.url, 'create table kept (id int); insert into kept values (7)');
    await server.stopServer();
    await expect(query(server.url, 'select 1')).rejects.toThrow(/ECONNREFUSED/);
    await server.startServer();
    expect(await query(server.url, 'select id from kept')).toEqual([{ id: 7 }]);
  });

  it('starts over a pid file left by a server that is gone (killed without a clean stop)', async () => {
    await server.stopServer();
    // A pid that no process has: what a server killed with SIGKILL leaves behind (its pid since gone).
    writeFileSync(join(server.dataDirectory, 'postmaster.pid'), `999999\n${server.dataDirectory}\n0\n${server.port}\n`);
    await server.startServer();
    expect(await query(server.url, 'select id from kept')).toEqual([{ id: 7 }]);
  });

  it('keeps data the server user cannot reach (a checkout under a 0700 folder, as root) where it can, behind a link', async () => {
    const privateFolder = mkdtempSync(join(tmpdir(), 'goalpost-private-'));
    const reachableHome = mkdtempSync(join(tmpdir(), 'goalpost-reachable-'));
    chmodSync(reachableHome, 0o755);
    const asked = join(privateFolder, 'checkout', '.goalpost', 'postgres');
    try {
      const local = await startLocalPostgres({ dataDir: asked, persistent: true, reachableHome });
      try {
        expect(await query(local.url, 'select 1 as up')).toEqual([{ up: 1 }]);
        if (process.getuid?.() === 0) {
          // Root: the server runs as postgres, which cannot enter the 0700 folder.
          expect(local.dataDirectory.startsWith(reachableHome)).toBe(true);
          expect(lstatSync(asked).isSymbolicLink()).toBe(true);
          expect(statSync(local.dataDirectory).uid).not.toBe(0);
        } else {
          // Anyone else runs the server as themselves: their own folder is reachable.
          expect(local.dataDirectory).toBe(asked);
        }
      } finally {
        await local.stop();
      }
    } finally {
      rmSync(privateFolder, { recursive: true, force: true });
      rmSync(reachableHome, { recursive: true, force: true });
    }
  });

  it('reports the server’s own words when it cannot start (its port is taken)', async () => {
    const port = await freePort();
    // Another program on the port; it hangs up on whoever connects.
    const blocker: Server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      await expect(startLocalPostgres({ persistent: false, port })).rejects.toThrow(/PostgreSQL stopped while starting \(exit code 1\): [\s\S]*could not (bind|create any TCP\/IP sockets)/);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

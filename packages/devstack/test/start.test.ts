import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../src/index.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** `npm start`'s CLI as its own process, with a state folder of its own; its output is collected. */
function start(env: Record<string, string>) {
  // Its own PostgreSQL and Redis, whatever this shell points at.
  const { DATABASE_URL: _database, REDIS_URL: _redis, ...inherited } = process.env;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'packages/devstack/src/cli/start.ts'], {
    cwd: root,
    // Tests run side by side: the worker's HTTP server takes a free port, not the default 4001.
    env: { ...inherited, WORKER_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function until<T>(check: () => T | undefined | Promise<T | undefined>, what: string, output: () => string, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Timed out waiting for ${what}; output:\n${output().slice(-3_000)}`);
}

/** Every pid npm start said an app runs as, in order. */
const pidsOf = (output: string, app: string) => [...output.matchAll(new RegExp(`• The ${app} runs as pid (\\d+)\\.`, 'g'))].map((m) => Number(m[1]));

/** A state folder of the test's own; mkdtemp makes it 0700, and as root the postgres user must get through. */
function stateFolder() {
  const dir = mkdtempSync(join(tmpdir(), 'goalpost-start-'));
  chmodSync(dir, 0o755);
  return dir;
}

/** Names and modification times of everything directly in `dir`: what "touches nothing" is checked on. */
const snapshot = (dir: string) => readdirSync(dir).sort().map((name) => `${name}@${statSync(join(dir, name)).mtimeMs}`);

describe('npm start, with its own PostgreSQL and Redis', () => {
  let stateDir: string;
  let port: number;
  let first: ReturnType<typeof start>;
  const token = 'start-test-token-0123456789';
  const graphql = (query: string) =>
    fetch(`http://localhost:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    }).then((r) => r.json() as Promise<any>);

  beforeAll(async () => {
    stateDir = stateFolder();
    port = await freePort();
    first = start({ GOALPOST_STATE_DIR: stateDir, PORT: String(port), GOALPOST_BOOTSTRAP_TOKEN: token, LOG_LEVEL: 'info' });
    await until(() => (first.output().includes('Goalpost is running') ? true : undefined), 'npm start to be ready', first.output, 120_000);
  }, 150_000);

  afterAll(async () => {
    if (first?.child.exitCode === null) {
      first.child.kill('SIGINT');
      await first.exited;
    }
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  it('brings up gateway and worker with a demo workspace and prints URL and token', async () => {
    expect(first.output()).toContain(`http://localhost:${port}/graphql`);
    expect(first.output()).toContain(token);
    const body = await graphql('{ plans { edges { node { name objectives { framework } } } } }');
    expect(body.data.plans.edges[0].node.objectives.map((o: any) => o.framework).sort()).toEqual(['OKR', 'SMART', 'SMART']);
  });

  it('catches e-mail in a local inbox it prints, where the demo plan\'s weekly digest arrives on one mutation', async () => {
    const inbox = /Mail: +(http:\/\/127\.0\.0\.1:\d+\/)/.exec(first.output())?.[1];
    expect(inbox, first.output()).toBeDefined();
    const planId = (await graphql('{ plans { edges { node { id } } } }')).data.plans.edges[0].node.id as string;
    expect(first.output()).toContain(`sendPlanDigest(id: \\"${planId}\\")`);
    const sent = await graphql(`mutation { sendPlanDigest(id: "${planId}") { __typename ... on SendPlanDigestSuccess { queued } } }`);
    expect(sent.data.sendPlanDigest).toEqual({ __typename: 'SendPlanDigestSuccess', queued: true });
    const digest = await until(async () => {
      const messages = (await (await fetch(`${inbox}messages.json`)).json()) as { to: string[]; subject: string; text: string }[];
      return messages.find((m) => m.subject.startsWith('Weekly digest: Demo: this quarter on social'));
    }, 'the digest in the local inbox', first.output, 60_000);
    expect(digest.to).toEqual(['demo@goalpost.local']);
    expect(digest.text).toContain('Stop these weekly digest e-mails from this workspace: http://localhost:');
    expect(await (await fetch(inbox!)).text()).toContain('Weekly digest: Demo: this quarter on social');
  });

  it('refuses a second start on the same folder in one sentence, touching nothing', async () => {
    const before = snapshot(stateDir);
    const second = start({ GOALPOST_STATE_DIR: stateDir, PORT: String(await freePort()) });
    expect(await second.exited).toBe(1);
    const firstPid = first.child.pid;
    expect(second.output().trim()).toBe(
      `Goalpost could not start. Goalpost is already running from this folder (npm start, pid ${firstPid}): use that one, or stop it (Ctrl-C in its terminal, or \`kill ${firstPid}\`) before starting again.`,
    );
    expect(snapshot(stateDir)).toEqual(before);
    expect((await graphql('{ plans { edges { node { name } } } }')).data.plans.edges).toHaveLength(1);
  });

  it('restarts a crashed gateway and a crashed worker, saying so, while PostgreSQL and Redis stay up', async () => {
    const [gatewayPid] = pidsOf(first.output(), 'gateway');
    const [workerPid] = pidsOf(first.output(), 'worker');
    expect(gatewayPid).toBeGreaterThan(0);
    expect(workerPid).toBeGreaterThan(0);

    process.kill(gatewayPid!, 'SIGKILL');
    await until(() => (pidsOf(first.output(), 'gateway').length === 2 ? true : undefined), 'a second gateway', first.output);
    expect(first.output()).toContain('• The gateway stopped unexpectedly (signal SIGKILL); restarting it in 1 s. Its last log lines are above.');
    const answer = await until(async () => (await graphql('{ plans { edges { node { name } } } }').catch(() => undefined))?.data, 'the new gateway to answer', first.output);
    expect(answer.plans.edges).toHaveLength(1);

    process.kill(workerPid!, 'SIGKILL');
    await until(() => (pidsOf(first.output(), 'worker').length === 2 ? true : undefined), 'a second worker', first.output);
    // The new worker takes jobs again: it logs ready once it has registered with Redis.
    await until(() => (first.output().split('worker stopped unexpectedly')[1]?.includes('"msg":"worker ready"') ? true : undefined), 'the new worker to be ready', first.output);
    expect(first.output()).toContain('• The worker stopped unexpectedly (signal SIGKILL); restarting it in 1 s.');
    expect(first.output()).not.toContain('Stopping PostgreSQL');
    expect(first.child.exitCode).toBeNull();
  });

  it('stops everything on Ctrl-C, in order, and releases the folder', async () => {
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    const output = first.output();
    const order = ['Stopping gateway and worker', 'Stopping Redis', 'Stopping PostgreSQL'].map((line) => output.indexOf(line));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    await expect(fetch(`http://localhost:${port}/healthz`)).rejects.toThrow();
    expect(readdirSync(stateDir)).not.toContain('start.pid');
    expect(readdirSync(join(stateDir, 'postgres'))).not.toContain('postmaster.pid');
  });
});

describe('npm start failures', () => {
  it('names a taken port and the fix, and starts nothing', async () => {
    const stateDir = stateFolder();
    const port = await freePort();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, resolve));
    try {
      const run = start({ GOALPOST_STATE_DIR: stateDir, PORT: String(port) });
      expect(await run.exited).toBe(1);
      expect(run.output().trim()).toBe(`Goalpost could not start. Port ${port} is taken by another program: stop it, or start on another port (PORT=4001 npm start).`);
      expect(readdirSync(stateDir)).toEqual([]);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});

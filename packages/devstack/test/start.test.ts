import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testRedisUrl, uniquePrefix } from '../src/testing/index.ts';
import { freePort } from '../src/index.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('npm start', () => {
  let database: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.drop());

  it('brings up gateway and worker with a demo workspace, prints URL and token, and stops cleanly on Ctrl-C', async () => {
    const port = await freePort();
    const token = 'start-test-token-0123456789';
    const child = spawn(process.execPath, ['--import', 'tsx', 'packages/devstack/src/cli/start.ts'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: database.url, REDIS_URL: testRedisUrl(), PORT: String(port), GOALPOST_BOOTSTRAP_TOKEN: token, QUEUE_PREFIX: uniquePrefix('start'), LOG_LEVEL: 'warn', WORKER_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 60_000;
    while (!output.includes('Goalpost is running') && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 200));
    expect(output).toContain(`http://localhost:${port}/graphql`);
    expect(output).toContain(token);

    const response = await fetch(`http://localhost:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ plans { edges { node { name objectives { framework } } } } }' }),
    });
    const body = (await response.json()) as any;
    expect(body.data.plans.edges[0].node.objectives.map((o: any) => o.framework).sort()).toEqual(['OKR', 'SMART', 'SMART']);

    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('Stopping gateway and worker');
    await expect(fetch(`http://localhost:${port}/healthz`)).rejects.toThrow();
  }, 90_000);
});

import { describe, expect, it } from 'vitest';
import { redisInstallPlan, startLocalRedis } from '../src/index.ts';

describe('local Redis', () => {
  it('plans an apt-get install on Debian, brew on macOS, and one sentence otherwise', () => {
    expect(redisInstallPlan((c) => c === 'apt-get', 'linux')).toMatchObject({ command: expect.arrayContaining(['sh']) });
    expect(redisInstallPlan((c) => c === 'brew', 'darwin')).toEqual({ command: ['brew', 'install', 'redis'] });
    const none = redisInstallPlan(() => false, 'linux');
    expect(none).toMatchObject({ message: expect.stringMatching(/install Redis .* or set REDIS_URL/) });
  });

  it('starts a redis-server that answers, with noeviction, and stops it', async () => {
    const redis = await startLocalRedis({ persistent: false });
    const { Redis } = await import('ioredis');
    const client = new Redis(redis.url);
    expect(await client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    await client.quit();
    await redis.stop();
  });
});

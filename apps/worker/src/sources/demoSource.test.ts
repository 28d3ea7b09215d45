import { addDays } from '@goalpost/domain';
import { describe, expect, it } from 'vitest';
import { demoDay, demoMetrics, demoSource } from './demoSource.ts';

const days = (from: string, count: number) => Array.from({ length: count }, (_, i) => addDays(from, i));
const valuesOf = (points: ReturnType<typeof demoDay>) => Object.fromEntries(points.map((p) => [p.metric, p.value]));

describe('the demo source', () => {
  it('is a pure function of platform, handle and day', async () => {
    expect(demoDay('INSTAGRAM', '@demo', '2026-03-01')).toEqual(demoDay('INSTAGRAM', '@demo', '2026-03-01'));
    // Pinned numbers: the same demo on every machine and every run (a change here changes every demo).
    expect(valuesOf(demoDay('INSTAGRAM', '@demo', '2026-03-01'))).toMatchInlineSnapshot(`
      {
        "comments": 1,
        "engagements": 19,
        "followers": 5655,
        "impressions": 585,
        "link_clicks": 3,
        "posts": 0,
        "profile_visits": 5,
        "reach": 431,
        "reactions": 16,
        "shares": 1,
        "video_views": 71,
      }
    `);
    expect(demoDay('INSTAGRAM', '@other', '2026-03-01')).not.toEqual(demoDay('INSTAGRAM', '@demo', '2026-03-01'));
    expect(demoDay('FACEBOOK', '@demo', '2026-03-01')).not.toEqual(demoDay('INSTAGRAM', '@demo', '2026-03-01'));

    const account = { platform: 'INSTAGRAM', handle: '@demo' } as Parameters<ReturnType<typeof demoSource>['fetch']>[0];
    const { points: fetched, next } = await demoSource(0).fetch(account, { from: '2026-03-01', to: '2026-03-10' });
    expect(next).toBeUndefined();
    expect(fetched).toEqual(days('2026-03-01', 10).flatMap((day) => demoDay('INSTAGRAM', '@demo', day)));
    expect(fetched).toHaveLength(10 * demoMetrics.length);
  });

  it('starts near 5,000 followers and grows about 100 a week', () => {
    const year = days('2026-01-01', 364).map((day) => valuesOf(demoDay('LINKEDIN', '@acme', day)));
    expect(year[0]!.followers).toBeGreaterThan(4500);
    expect(year[0]!.followers).toBeLessThan(5500);
    const weeklyGrowth = (year[363]!.followers! - year[0]!.followers!) / 52;
    expect(weeklyGrowth).toBeGreaterThan(70);
    expect(weeklyGrowth).toBeLessThan(130);
  });

  it('keeps the relationships between metrics plausible', () => {
    for (const day of days('2025-06-01', 400)) {
      const v = valuesOf(demoDay('INSTAGRAM', '@plausible', day));
      for (const metric of demoMetrics) {
        expect(Number.isInteger(v[metric]), `${metric} on ${day}`).toBe(true);
        expect(v[metric], `${metric} on ${day}`).toBeGreaterThanOrEqual(0);
      }
      expect(v.reach).toBeLessThan(v.impressions!);
      expect(v.reach).toBeLessThan(v.followers!);
      const interactions = v.reactions! + v.comments! + v.shares!;
      expect(v.engagements).toBeGreaterThanOrEqual(interactions);
      expect(v.engagements).toBeLessThanOrEqual(Math.ceil(interactions * 1.05));
      expect(v.link_clicks).toBeLessThan(v.reach!);
      expect(v.profile_visits).toBeLessThan(v.reach!);
      expect(v.video_views).toBeLessThan(v.impressions!);
      expect(v.posts).toBeLessThanOrEqual(2);
    }
  });

  it('takes the configured latency per request', async () => {
    const account = { platform: 'X', handle: '@slow' } as Parameters<ReturnType<typeof demoSource>['fetch']>[0];
    const started = performance.now();
    await demoSource(60).fetch(account, { from: '2026-03-01', to: '2026-03-01' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });
});

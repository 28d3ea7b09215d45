import { createHash } from 'node:crypto';
import type { PointValue } from '@goalpost/db';
import { addDays, dayNumber } from '@goalpost/domain';
import type { MetricSource } from './metricSource.ts';

/** A number in [0, 1) fixed by its inputs: the same demo on every machine and every run. */
function noise(...parts: (string | number)[]): number {
  return createHash('sha256').update(parts.join('|')).digest().readUInt32BE(0) / 2 ** 32;
}

/** One day of plausible metrics for a demo account: ~5,000 followers growing ~100 a week. */
export function demoDay(platform: string, handle: string, day: string): PointValue[] {
  const seed = `${platform}:${handle}`;
  const n = dayNumber(day) - dayNumber('2026-01-01');
  const followers = Math.round(5000 + (100 / 7) * n + 40 * Math.sin(n / 9) + 20 * noise(seed, day, 'f'));
  const posts = noise(seed, day, 'p') < 0.6 ? 1 + Math.floor(noise(seed, day, 'p2') * 2) : 0;
  const reach = Math.round(followers * (0.25 + 0.1 * noise(seed, day, 'r')) * (posts ? 1.4 : 0.6));
  const impressions = Math.round(reach * (1.3 + 0.4 * noise(seed, day, 'i')));
  const reactions = Math.round(reach * (0.03 + 0.015 * noise(seed, day, 'l')));
  const comments = Math.round(reactions * (0.08 + 0.05 * noise(seed, day, 'c')));
  const shares = Math.round(reactions * (0.04 + 0.04 * noise(seed, day, 's')));
  const linkClicks = Math.round(reach * (0.008 + 0.006 * noise(seed, day, 'k')));
  const values: Record<string, number> = {
    followers, posts, reach, impressions, reactions, comments, shares,
    engagements: reactions + comments + shares + linkClicks,
    link_clicks: linkClicks,
    profile_visits: Math.round(reach * (0.02 + 0.01 * noise(seed, day, 'v'))),
    video_views: Math.round(impressions * (0.1 + 0.05 * noise(seed, day, 'w'))),
  };
  return Object.entries(values).map(([metric, value]) => ({ metric, at: day, value }));
}

export const demoMetricCount = 11;

export function demoSource(latencyMs: number): MetricSource {
  return {
    async fetch(account, window) {
      // Simulates a platform's response time, so progress and crash recovery can be watched on the demo.
      if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
      const points: PointValue[] = [];
      for (let day = window.from; day <= window.to; day = addDays(day, 1)) points.push(...demoDay(account.platform, account.handle, day));
      return points;
    },
  };
}

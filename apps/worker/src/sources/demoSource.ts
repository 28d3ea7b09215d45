import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PointValue } from '@goalpost/db';
import { addDays, dayNumber } from '@goalpost/domain';
import type { MetricSource } from './metricSource.ts';

/** The metrics a demo account reports every day. */
export const demoMetrics = [
  'followers', 'posts', 'reach', 'impressions', 'engagements', 'reactions', 'comments', 'shares',
  'link_clicks', 'profile_visits', 'video_views',
] as const;
export type DemoMetric = (typeof demoMetrics)[number];

/**
 * A number in [0, 1) fixed by its inputs (SHA-256, integer arithmetic only): the same demo numbers on
 * every machine, every run, every Node version.
 */
function unit(...parts: (string | number)[]): number {
  return createHash('sha256').update(parts.join('|')).digest().readUInt32BE(0) / 2 ** 32;
}

/** A slow, smooth swing in [-1, 1] (a triangle wave: no Math.sin, whose last bits may vary by platform). */
function swing(day: number, periodDays: number): number {
  const phase = (((day % periodDays) + periodDays) % periodDays) / periodDays;
  return 1 - 4 * Math.abs(phase - 0.5);
}

/** The day the demo's growth is counted from: followers sit near their starting level here. */
const demoEpoch = dayNumber('2026-01-01');

/**
 * One day of plausible metrics for a demo account, a pure function of (platform, handle, day).
 * Each account starts near 5,000 followers and grows about 100 a week (seed 002's example), with a slow
 * swing and daily noise; posting days (more on weekdays) lift reach. The usual relationships hold:
 * reach < impressions; engagements ≈ reactions + comments + shares (plus a few saves; link clicks are
 * reported on their own); clicks, visits and views are small shares of reach and impressions.
 */
export function demoDay(platform: string, handle: string, day: string): PointValue[] {
  const account = `${platform}:${handle}`;
  const noise = (key: string) => unit(account, day, key);
  const n = dayNumber(day) - demoEpoch;
  const weekday = (((dayNumber(day) + 3) % 7) + 7) % 7; // Monday = 0

  const startingFollowers = 4600 + 800 * unit(account, 'start');
  const weeklyGrowth = 80 + 40 * unit(account, 'growth');
  const followers = Math.max(100, Math.round(startingFollowers + (weeklyGrowth / 7) * n + 40 * swing(n, 63) + 25 * noise('followers')));

  const postingChance = weekday < 5 ? 0.7 : 0.3;
  const posts = noise('posts') < postingChance ? 1 + Math.floor(noise('posts-count') * 2) : 0;
  const reach = Math.round(followers * (0.15 + 0.1 * noise('reach')) * (posts > 0 ? 1 + 0.4 * posts : 0.5));
  const impressions = Math.round(reach * (1.2 + 0.5 * noise('impressions')));
  const reactions = Math.round(reach * (0.03 + 0.02 * noise('reactions')));
  const comments = Math.round(reactions * (0.05 + 0.07 * noise('comments')));
  const shares = Math.round(reactions * (0.03 + 0.05 * noise('shares')));
  const saves = Math.round(reactions * 0.04 * noise('saves'));

  const values: Record<DemoMetric, number> = {
    followers,
    posts,
    reach,
    impressions,
    engagements: reactions + comments + shares + saves,
    reactions,
    comments,
    shares,
    link_clicks: Math.round(reach * (0.005 + 0.007 * noise('link-clicks'))),
    profile_visits: Math.round(reach * (0.01 + 0.02 * noise('profile-visits'))),
    video_views: Math.round(impressions * (0.08 + 0.07 * noise('video-views'))),
  };
  return demoMetrics.map((metric) => ({ metric, at: day, value: values[metric] }));
}

/** The demo generator as a metric source; `latencyMs` simulates a platform's response time per request. */
export function demoSource(latencyMs: number): MetricSource {
  return {
    // Generated, so any window in one call and any day back.
    limits: () => ({ maxWindowDays: 3660, lookbackDays: 3660 }),
    async fetch(account, window) {
      if (latencyMs > 0) await sleep(latencyMs);
      const points: PointValue[] = [];
      for (let day = window.from; day <= window.to; day = addDays(day, 1)) points.push(...demoDay(account.platform, account.handle, day));
      return { points };
    },
  };
}

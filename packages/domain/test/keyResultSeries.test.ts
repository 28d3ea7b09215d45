import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, computeDerivedKpi, findMetric, keyResultSeries, type SeriesPoint } from '../src/index.ts';

const metric = (id: string) => findMetric(id)!;

describe('keyResultSeries', () => {
  it('CUMULATIVE: the daily values as they are, in day order, gaps kept as gaps', () => {
    const followers = [{ at: '2026-01-03', value: 120 }, { at: '2026-01-01', value: 100 }, { at: '2026-01-05', value: 130 }];
    expect(keyResultSeries(metric('followers'), { followers }, { startsOn: '2026-01-02' })).toEqual([
      { at: '2026-01-01', value: 100 }, { at: '2026-01-03', value: 120 }, { at: '2026-01-05', value: 130 },
    ]);
  });

  it('FLOW: a running sum from the start, ignoring what came before it', () => {
    const linkClicks = [
      { at: '2025-12-31', value: 1000 }, { at: '2026-01-01', value: 5 }, { at: '2026-01-02', value: 7 }, { at: '2026-01-04', value: 3 },
    ];
    expect(keyResultSeries(metric('link_clicks'), { link_clicks: linkClicks }, { startsOn: '2026-01-01' })).toEqual([
      { at: '2026-01-01', value: 5 }, { at: '2026-01-02', value: 12 }, { at: '2026-01-04', value: 15 },
    ]);
  });

  it('drops values that are not finite and keeps the last value of a day given twice', () => {
    const clicks = [{ at: '2026-01-01', value: Number.NaN }, { at: '2026-01-02', value: 4 }, { at: '2026-01-02', value: 6 }, { at: '2026-01-03', value: Infinity }];
    expect(keyResultSeries(metric('link_clicks'), { link_clicks: clicks }, { startsOn: '2026-01-01' })).toEqual([{ at: '2026-01-02', value: 6 }]);
  });

  it('DERIVED: the KPI over the trailing window from window sums, not the mean of daily ratios', () => {
    const series = keyResultSeries(metric('engagement_rate_by_reach'), {
      engagements: [{ at: '2026-01-01', value: 1 }, { at: '2026-01-02', value: 99 }],
      reach: [{ at: '2026-01-01', value: 100 }, { at: '2026-01-02', value: 900 }],
    }, { startsOn: '2026-01-01' });
    // Σ 100 ÷ Σ 1000 = 10 %, where the mean of daily ratios would be (1 % + 11 %) ÷ 2 = 6 %.
    expect(series).toEqual([{ at: '2026-01-01', value: 1 }, { at: '2026-01-02', value: 10 }]);
  });

  it('DERIVED: the window slides, and days whose KPI has no value are left out', () => {
    const days = (values: number[]) => values.map((value, i) => ({ at: addDays('2026-01-01', i), value }));
    const series = keyResultSeries(metric('click_through_rate'), {
      link_clicks: days([10, 10, 10, 40]),
      impressions: days([0, 100, 100, 100]),
    }, { startsOn: '2026-01-01', windowDays: 2 });
    // Day 1 has no impressions (no value); then windows of two days: 20/100, 20/200, 50/200.
    expect(series).toEqual([
      { at: '2026-01-02', value: 20 }, { at: '2026-01-03', value: 10 }, { at: '2026-01-04', value: 25 },
    ]);
  });

  it('DERIVED from a level: growth over the window opens with the close of the day before it', () => {
    const followers = Array.from({ length: 10 }, (_, i) => ({ at: addDays('2026-01-01', i), value: 1000 + 10 * i }));
    const growth = keyResultSeries(metric('net_follower_growth'), { followers }, { startsOn: '2026-01-01', windowDays: 7 });
    // From day 8 on a whole week is visible: 7 days × 10 = 70. Before, the first known level opens the window.
    expect(growth.at(-1)).toEqual({ at: '2026-01-10', value: 70 });
    expect(growth[0]).toEqual({ at: '2026-01-01', value: 0 });
    expect(growth[3]).toEqual({ at: '2026-01-04', value: 30 });
    const rate = keyResultSeries(metric('audience_growth_rate'), { followers }, { startsOn: '2026-01-01', windowDays: 7 });
    expect(rate.at(-1)!.value).toBeCloseTo((70 / 1020) * 100, 10);
  });

  it('DERIVED per-follower rates divide by the level at the window end', () => {
    const series = keyResultSeries(metric('engagement_rate_by_followers'), {
      engagements: [{ at: '2026-01-01', value: 30 }, { at: '2026-01-02', value: 20 }],
      followers: [{ at: '2026-01-01', value: 900 }, { at: '2026-01-02', value: 1000 }],
    }, { startsOn: '2026-01-01' });
    expect(series.at(-1)).toEqual({ at: '2026-01-02', value: 5 });
  });

  it('DERIVED equals computeDerivedKpi of the window sums for any data (property)', () => {
    const day = fc.integer({ min: 0, max: 40 }).map((i) => addDays('2026-01-01', i));
    const points = fc.uniqueArray(fc.record({ at: day, value: fc.integer({ min: 0, max: 1000 }) }), { selector: (p) => p.at, maxLength: 30 });
    fc.assert(fc.property(points, points, fc.integer({ min: 1, max: 14 }), (engagements, impressions, windowDays) => {
      const series = keyResultSeries(metric('engagement_rate_by_impressions'), { engagements, impressions }, { startsOn: '2026-01-01', windowDays });
      for (const p of series) {
        const from = addDays(p.at, -(windowDays - 1));
        const sum = (xs: SeriesPoint[]) => {
          const inWindow = xs.filter((x) => x.at >= from && x.at <= p.at);
          return inWindow.length ? inWindow.reduce((s, x) => s + x.value, 0) : undefined;
        };
        expect(p.value).toBeCloseTo(computeDerivedKpi('engagement_rate_by_impressions', { engagements: sum(engagements), impressions: sum(impressions) })!, 9);
        expect(Number.isFinite(p.value)).toBe(true);
      }
      for (let i = 1; i < series.length; i++) expect(series[i]!.at > series[i - 1]!.at).toBe(true);
    }));
  });

  it('gives the same series for points in any order as for them in day order (property)', () => {
    const day = fc.integer({ min: 0, max: 40 }).map((i) => addDays('2026-01-01', i));
    const points = fc.uniqueArray(fc.record({ at: day, value: fc.integer({ min: 0, max: 1000 }) }), { selector: (p) => p.at, maxLength: 30 });
    const inOrder = (xs: SeriesPoint[]) => [...xs].sort((a, b) => (a.at < b.at ? -1 : 1));
    fc.assert(fc.property(points, points, points, (engagements, reach, followers) => {
      for (const id of ['engagement_rate_by_reach', 'audience_growth_rate', 'followers']) {
        const shuffled = keyResultSeries(metric(id), { engagements, reach, followers }, { startsOn: '2026-01-10' });
        const sorted = keyResultSeries(metric(id), { engagements: inOrder(engagements), reach: inOrder(reach), followers: inOrder(followers) }, { startsOn: '2026-01-10' });
        expect(shuffled).toEqual(sorted);
      }
    }));
  });
});

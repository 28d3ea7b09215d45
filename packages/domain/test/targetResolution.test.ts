import { describe, expect, it } from 'vitest';
import {
  addDays, defaultThresholds, evaluateKeyResult, findMetric, progressOf, referenceBaseline, referenceWindow, resolveKeyResultTarget,
  type KeyResultSpec, type SeriesPoint,
} from '../src/index.ts';

const dates = { startsOn: '2026-01-01', deadline: '2026-03-31' }; // 90 days, deadline included
const days = (from: string, count: number, value: (i: number) => number): SeriesPoint[] => Array.from({ length: count }, (_, i) => ({ at: addDays(from, i), value: value(i) }));

describe('referenceBaseline', () => {
  it('reads a count over the same length of time just before the start', () => {
    const clicks = findMetric('link_clicks')!;
    expect(referenceWindow(clicks, dates)).toEqual({ from: '2025-10-03', to: '2025-12-31' });
    const reference = referenceBaseline(clicks, { link_clicks: days('2025-09-01', 122, () => 10) }, dates);
    expect(reference).toEqual({ value: 900, basis: { kind: 'PREVIOUS_PERIOD_TOTAL', from: '2025-10-03', to: '2025-12-31', coveredDays: 90 } });
  });

  it('scales a count up when history covers only part of that period, and says how much', () => {
    // 30 days of history at 10 a day: 300 over a third of the 90 days, 900 for the whole.
    const reference = referenceBaseline(findMetric('link_clicks')!, { link_clicks: days('2025-12-02', 30, () => 10) }, dates);
    expect(reference).toMatchObject({ value: 900, basis: { coveredDays: 30 } });
  });

  it('reads a level on the start day or the last before it, and a KPI over its trailing 28 days before the start', () => {
    const level = referenceBaseline(findMetric('followers')!, { followers: days('2025-12-01', 40, (i) => 1000 + i) }, dates);
    expect(level).toEqual({ value: 1031, basis: { kind: 'LEVEL_AT_START', from: '2026-01-01', to: '2026-01-01', coveredDays: null } });
    // Reach per post: Σ reach ÷ Σ posts over 2025-12-04 – 2025-12-31, whatever comes after.
    const raw = { reach: days('2025-11-01', 70, (i) => (i < 61 ? 1000 : 99_999)), posts: days('2025-11-01', 70, () => 2) };
    expect(referenceBaseline(findMetric('reach_per_post')!, raw, dates)).toEqual({ value: 500, basis: { kind: 'KPI_BEFORE_START', from: '2025-12-04', to: '2025-12-31', coveredDays: null } });
  });

  it('is null when the window has no data: nothing is guessed', () => {
    expect(referenceBaseline(findMetric('link_clicks')!, { link_clicks: days('2026-01-01', 10, () => 5) }, dates)).toBeNull();
    expect(referenceBaseline(findMetric('engagement_rate_by_reach')!, {}, dates)).toBeNull();
  });
});

describe('resolveKeyResultTarget', () => {
  const clicks = findMetric('link_clicks')!;
  const reference = { value: 900, basis: { kind: 'PREVIOUS_PERIOD_TOTAL' as const, from: '2025-10-03', to: '2025-12-31', coveredDays: 90 } };

  it('keeps what is given, else resolves from the reference, and settles it', () => {
    expect(resolveKeyResultTarget(clicks, { targetChangePercent: 15 }, { reference })).toMatchObject({ baseline: 900, target: 1035, settled: true });
    expect(resolveKeyResultTarget(clicks, { baseline: 500, targetChangePercent: 10 }, { reference })).toMatchObject({ baseline: 500, target: 550, basis: { kind: 'GIVEN' }, settled: true });
    expect(resolveKeyResultTarget(clicks, { target: 2000 }, { reference })).toMatchObject({ baseline: 900, target: 2000 });
  });

  it('without history, a count with an absolute target counts from 0 and a level takes its first value after the start — both unsettled', () => {
    expect(resolveKeyResultTarget(clicks, { target: 500 }, { reference: null })).toEqual({ baseline: 0, target: 500, basis: { kind: 'NO_REFERENCE', from: null, to: null, coveredDays: null }, settled: false });
    expect(resolveKeyResultTarget(clicks, { targetChangePercent: 15 }, { reference: null })).toMatchObject({ baseline: null, target: null, settled: false });
    expect(resolveKeyResultTarget(findMetric('followers')!, { targetChangePercent: 10 }, { reference: null, firstAfterStart: { at: '2026-01-09', value: 2000 } }))
      .toMatchObject({ baseline: 2000, target: 2200, basis: { kind: 'FIRST_LEVEL_AFTER_START', from: '2026-01-09' }, settled: false });
  });
});

describe('counts against their previous period', () => {
  const spec = (direction: KeyResultSpec['direction'], baseline: number, target: number): KeyResultSpec => ({ direction, baseline, target, ...dates, flow: true });
  const at = (day: string) => new Date(`${day}T20:00:00Z`);
  const running = (perDay: number, count: number) => days(dates.startsOn, count, (i) => perDay * (i + 1));

  it('is on the path exactly when the count keeps the target\'s pace: progress equals the share of the period run', () => {
    const s = spec('INCREASE', 900, 1035);
    // 11.5 a day is 1,035 over the 90 days.
    for (const share of [10, 45, 80]) expect(progressOf(s, 11.5 * share, share / 90)).toBeCloseTo(share / 90, 9);
    // At the previous period's pace, no progress at all.
    expect(progressOf(s, 10 * 45, 45 / 90)).toBeCloseTo(0, 9);
  });

  it('reaches a DECREASE target (fewer cases than before) only once the deadline day counts', () => {
    const fewer = spec('DECREASE', 900, 720); // −20 % support cases
    // 8 a day: well under, on the way; on the deadline day, achieved; a day later still achieved.
    expect(evaluateKeyResult(fewer, running(8, 45), at('2026-02-14'), defaultThresholds).status).toBe('ON_TRACK');
    expect(evaluateKeyResult(fewer, running(8, 90), at('2026-03-31'), defaultThresholds).status).toBe('ACHIEVED');
    // 10 a day, the old pace: off track; past the deadline above the target, missed.
    expect(evaluateKeyResult(fewer, running(10, 45), at('2026-02-14'), defaultThresholds).status).toBe('OFF_TRACK');
    expect(evaluateKeyResult(fewer, running(10, 90), at('2026-04-02'), defaultThresholds).status).toBe('MISSED');
  });

  it('holds a MAINTAIN band on the share of the period', () => {
    const hold = { ...spec('MAINTAIN', 900, 900), maintainTolerance: 45 };
    expect(evaluateKeyResult(hold, running(10, 45), at('2026-02-14'), defaultThresholds).status).toBe('ON_TRACK');
    expect(evaluateKeyResult(hold, running(13, 45), at('2026-02-14'), defaultThresholds).status).toBe('OFF_TRACK');
    expect(evaluateKeyResult(hold, running(10, 90), at('2026-03-31'), defaultThresholds).status).toBe('ACHIEVED');
  });

  it('with no baseline (nothing counted before) is the count against the target, as before', () => {
    const plain = spec('INCREASE', 0, 900);
    expect(evaluateKeyResult(plain, running(10, 45), at('2026-02-14'), defaultThresholds).progress).toBeCloseTo(0.5, 9);
    expect(evaluateKeyResult(plain, running(10, 90), at('2026-03-31'), defaultThresholds).status).toBe('ACHIEVED');
  });
});

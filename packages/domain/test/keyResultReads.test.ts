import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays, compactKeyResultSeries, defaultThresholds, evaluateKeyResult, findMetric, keyResultReads, keyResultSeries, referenceBaseline, referenceWindow,
  resolveKeyResultTarget, type DayRange, type KeyResultSpec, type SeriesPoint,
} from '../src/index.ts';

const startsOn = '2026-01-01';
const deadline = '2026-12-31';
const windowDays = 28;

/** What SQL answers: the daily totals inside the ranges, and a count's sum (and last day) over `flowSince`. */
function answer(raw: Record<string, SeriesPoint[]>, metrics: readonly string[], daily: readonly DayRange[], flowSince?: DayRange) {
  const inRange = (at: string, r: DayRange) => at >= r.from && at <= r.to;
  const read = Object.fromEntries(metrics.map((m) => [m, (raw[m] ?? []).filter((p) => daily.some((r) => inRange(p.at, r)))]));
  const before = flowSince ? (raw[metrics[0]!] ?? []).filter((p) => inRange(p.at, flowSince)) : [];
  const flow = before.length > 0 ? { total: before.reduce((s, p) => s + p.value, 0), lastDay: before.at(-1)!.at } : null;
  return { daily: read, flowSince: flow };
}

/** Days with data (some missing), each metric a random walk; levels stay positive. */
const history = fc
  .record({
    firstOffset: fc.integer({ min: -40, max: 60 }),
    length: fc.integer({ min: 1, max: 300 }),
    gaps: fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 40 }),
    seeds: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 4, maxLength: 4 }),
  })
  .map(({ firstOffset, length, gaps, seeds }) => {
    const skip = new Set(gaps);
    const days = Array.from({ length }, (_, i) => i).filter((i) => !skip.has(i)).map((i) => addDays(startsOn, firstOffset + i));
    const walk = (seed: number, base: number) => days.map((at, i) => ({ at, value: base + ((seed * (i + 7)) % 97) + i * (seed % 5) }));
    return {
      followers: walk(seeds[0]!, 5000),
      engagements: walk(seeds[1]!, 10),
      reach: walk(seeds[2]!, 400),
      link_clicks: walk(seeds[3]!, 0),
    } as Record<string, SeriesPoint[]>;
  });

describe('compact key result reads', () => {
  it('resolve and evaluate exactly as the whole history does', () => {
    const given = fc.record({ changePercent: fc.option(fc.integer({ min: -50, max: 200 }), { nil: undefined }), direction: fc.constantFrom('INCREASE' as const, 'DECREASE' as const) });
    const metricIds = fc.constantFrom('followers', 'link_clicks', 'engagement_rate_by_reach', 'engagement_rate_by_followers');
    fc.assert(fc.property(history, metricIds, fc.integer({ min: 0, max: 380 }), given, (raw, metricId, todayOffset, { changePercent, direction }) => {
      const definition = findMetric(metricId)!;
      const dates = { startsOn, deadline };
      const today = addDays(startsOn, todayOffset);
      const to = today < deadline ? today : deadline;
      const metrics = definition.kind === 'DERIVED' ? definition.inputs : [definition.id];
      const lookBack = addDays(startsOn, -windowDays);
      const whole = Object.fromEntries(metrics.map((m) => [m, raw[m]!.filter((p) => p.at >= lookBack && p.at <= to)]));
      const days = metrics.flatMap((m) => whole[m]!.map((p) => p.at)).sort();
      if (days.length === 0) return;

      const full = keyResultSeries(definition, whole, { startsOn, windowDays });
      const reads = keyResultReads(definition, { startsOn, dataDays: { first: days[0]!, last: days.at(-1)! }, forecastWindowDays: 28, windowDays });
      const read = answer(whole, reads.metrics, reads.daily, reads.flowSince);
      const compact = compactKeyResultSeries(definition, reads, read, { startsOn, windowDays });

      // Every value read compactly is the value the whole history gives that day.
      const fullByDay = new Map(full.map((p) => [p.at, p.value]));
      for (const p of compact) expect(p.value).toBeCloseTo(fullByDay.get(p.at) ?? Number.NaN, 9);

      // The baseline and target resolve alike: from the head the evaluation read (a count: one read of the
      // period before the start), against the whole history.
      const target = changePercent === undefined ? { target: 1000 } : { targetChangePercent: changePercent };
      const firstAfter = (series: SeriesPoint[]) => series.find((p) => p.at >= startsOn) ?? null;
      const referenceRead = definition.kind === 'FLOW' ? answer(raw, metrics, [referenceWindow(definition, dates)]).daily : read.daily;
      const fromCompact = resolveKeyResultTarget(definition, target, { reference: referenceBaseline(definition, referenceRead, dates), firstAfterStart: firstAfter(compact) });
      const fromWhole = resolveKeyResultTarget(definition, target, { reference: referenceBaseline(definition, raw, dates), firstAfterStart: firstAfter(full) });
      expect(fromCompact).toEqual(fromWhole);
      if (fromWhole.baseline === null || fromWhole.target === null) return;

      const spec: KeyResultSpec = { direction, baseline: fromWhole.baseline, target: fromWhole.target, startsOn, deadline, flow: definition.kind === 'FLOW' };
      const now = new Date(`${today}T12:00:00Z`);
      const a = evaluateKeyResult(spec, full, now, defaultThresholds);
      const b = evaluateKeyResult(spec, compact, now, defaultThresholds);
      expect(b).toEqual(a);
    }), { numRuns: 400 });
  });

  it('reads a short tail and one SQL sum for a long-running count, not every day since the start', () => {
    const reads = keyResultReads(findMetric('link_clicks')!, { startsOn, dataDays: { first: '2026-01-01', last: '2026-12-01' }, forecastWindowDays: 28, windowDays });
    expect(reads).toEqual({ metrics: ['link_clicks'], daily: [{ from: '2026-10-27', to: '2026-12-01' }], flowSince: { from: '2026-01-01', to: '2026-10-26' } });
    const kpi = keyResultReads(findMetric('engagement_rate_by_reach')!, { startsOn, dataDays: { first: '2025-12-10', last: '2026-12-01' }, forecastWindowDays: 28, windowDays });
    expect(kpi.daily).toEqual([{ from: '2025-12-10', to: '2026-01-01' }, { from: '2026-09-30', to: '2026-12-01' }]);
  });
});

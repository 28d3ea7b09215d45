import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays, defaultThresholds, evaluateKeyResult, expectedProgressOn, paceCurves, forecastLinear, objectiveStatus, objectiveStatuses, okrScore, progressOf, realism,
  resolveTarget, statusSeverity, withThresholdOverrides, type KeyResultSpec, type ObjectiveStatus,
} from '../src/index.ts';

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
const spec = (direction: KeyResultSpec['direction'], baseline: number, target: number): KeyResultSpec =>
  ({ direction, baseline, target, startsOn: '2026-01-01', deadline: '2026-04-01' });

describe('evaluation invariants', () => {
  it('progress never falls as the value rises for INCREASE, never rises for DECREASE', () => {
    fc.assert(fc.property(finite, finite, finite, finite, (b, t, v1, v2) => {
      const [lo, hi] = v1 <= v2 ? [v1, v2] : [v2, v1];
      const up = spec('INCREASE', Math.min(b, t), Math.max(b, t));
      const down = spec('DECREASE', Math.max(b, t), Math.min(b, t));
      expect(progressOf(up, hi)).toBeGreaterThanOrEqual(progressOf(up, lo));
      expect(progressOf(down, hi)).toBeLessThanOrEqual(progressOf(down, lo));
    }));
  });

  it('is ACHIEVED exactly when the target is reached, and every output is finite', () => {
    fc.assert(fc.property(finite, finite, finite, fc.integer({ min: 0, max: 120 }), fc.constantFrom('INCREASE' as const, 'DECREASE' as const), (b, t, v, day, direction) => {
      const s = spec(direction, b, t);
      const now = new Date(Date.parse('2026-01-01T12:00:00Z') + day * 86_400_000);
      const result = evaluateKeyResult(s, [{ at: '2026-01-01', value: v }], now, defaultThresholds);
      const reached = direction === 'INCREASE' ? v >= t : v <= t;
      expect(result.status === 'ACHIEVED').toBe(reached);
      for (const x of [result.progress ?? 0, result.expectedProgress, result.score, result.current ?? 0]) expect(Number.isFinite(x)).toBe(true);
    }));
  });

  it('keeps every number finite and in range for any series, clock, direction and thresholds', () => {
    const point = fc.record({ at: fc.integer({ min: -60, max: 200 }).map((i) => addDays('2026-01-01', i)), value: fc.oneof(finite, fc.constant(Number.NaN)) });
    const thresholds = fc.record({
      atRiskTolerance: fc.double({ min: 0, max: 1, noNaN: true }), offTrackTolerance: fc.double({ min: 0, max: 1, noNaN: true }),
      deadlineNearDays: fc.nat(60), staleAfterDays: fc.nat(30), forecastWindowDays: fc.nat(90),
    });
    fc.assert(fc.property(
      fc.uniqueArray(point, { selector: (p) => p.at, maxLength: 60 }), finite, finite, fc.integer({ min: -30, max: 250 }),
      fc.constantFrom('INCREASE' as const, 'DECREASE' as const, 'MAINTAIN' as const), thresholds,
      (points, b, t, day, direction, th) => {
        const series = [...points].sort((x, y) => (x.at < y.at ? -1 : 1));
        const now = new Date(Date.parse('2026-01-01T06:00:00Z') + day * 86_400_000);
        const r = evaluateKeyResult(spec(direction, b, t), series, now, withThresholdOverrides(th));
        const numbers = [r.progress ?? 0, r.expectedProgress, r.score, r.current ?? 0];
        if (r.forecast) numbers.push(r.forecast.value, r.forecast.low, r.forecast.high, r.forecast.confidence);
        for (const x of numbers) expect(Number.isFinite(x)).toBe(true);
        expect(r.expectedProgress).toBeGreaterThanOrEqual(0);
        expect(r.expectedProgress).toBeLessThanOrEqual(1);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(1);
        if (r.forecast) {
          expect(r.forecast.confidence).toBeGreaterThanOrEqual(0);
          expect(r.forecast.confidence).toBeLessThanOrEqual(1);
          expect(r.forecast.low).toBeLessThanOrEqual(r.forecast.high);
        }
        if (day < 0) expect(r.status).toBe('NOT_STARTED');
      },
    ));
  });

  it('forecasts finite values with a confidence in [0, 1] on any series, flat ones included', () => {
    const value = fc.oneof(finite, fc.constant(42));
    fc.assert(fc.property(fc.uniqueArray(fc.record({ at: fc.integer({ min: 0, max: 40 }).map((i) => addDays('2026-01-01', i)), value }), { selector: (p) => p.at, maxLength: 40 }), (points) => {
      const series = [...points].sort((x, y) => (x.at < y.at ? -1 : 1));
      const f = forecastLinear(series, { asOf: '2026-02-10', deadline: '2026-06-01', windowDays: 28 });
      const inWindow = series.filter((p) => p.at > '2026-01-13').length;
      if (inWindow < 3) expect(f).toBeNull();
      else {
        expect(f).not.toBeNull();
        for (const x of [f!.value, f!.low, f!.high, f!.confidence]) expect(Number.isFinite(x)).toBe(true);
        expect(f!.confidence).toBeGreaterThanOrEqual(0);
        expect(f!.confidence).toBeLessThanOrEqual(1);
      }
    }));
  });

  it('resolves targets and realism to finite numbers or null, never NaN or Infinity', () => {
    const maybe = fc.option(finite, { nil: null });
    fc.assert(fc.property(maybe, maybe, maybe, (baseline, target, targetChangePercent) => {
      const resolved = resolveTarget({ baseline, target, targetChangePercent });
      if (resolved !== null) expect(Number.isFinite(resolved)).toBe(true);
      if (target !== null) expect(resolved).toBe(target);
    }));
    fc.assert(fc.property(finite, finite, fc.double({ min: -10, max: 200, noNaN: true }), maybe, fc.constantFrom('INCREASE' as const, 'DECREASE' as const, 'MAINTAIN' as const), (baseline, target, weeks, rate, direction) => {
      const r = realism({ direction, baseline, target, weeks, historicalWeeklyRate: rate });
      expect(Number.isFinite(r.requiredWeeklyRate)).toBe(true);
      if (r.ratio !== null) expect(Number.isFinite(r.ratio)).toBe(true);
      if (rate === null) expect(r.band).toBe('NO_HISTORY');
    }));
  });

  it("an objective's status is the worst of its key results, ACHIEVED only when all are", () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...objectiveStatuses), { minLength: 1 }), (statuses: ObjectiveStatus[]) => {
      const status = objectiveStatus(statuses);
      for (const s of statuses) expect(statusSeverity(status)).toBeGreaterThanOrEqual(statusSeverity(s));
      expect(status === 'ACHIEVED').toBe(statuses.every((s) => s === 'ACHIEVED'));
    }));
  });

  it('keeps the OKR score within [0, 1]', () => {
    fc.assert(fc.property(fc.array(fc.record({ score: finite, weight: finite })), (items) => {
      const { score } = okrScore(items);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
    }));
  });

  it('orders statuses totally by severity', () => {
    const severities = objectiveStatuses.map(statusSeverity);
    expect(new Set(severities).size).toBe(objectiveStatuses.length);
    expect(statusSeverity('MISSED')).toBeGreaterThan(statusSeverity('OFF_TRACK'));
    expect(statusSeverity('OFF_TRACK')).toBeGreaterThan(statusSeverity('AT_RISK'));
    expect(statusSeverity('AT_RISK')).toBeGreaterThan(statusSeverity('ON_TRACK'));
  });

  it('every pace curve runs from 0 to 1 and never falls back', () => {
    const share = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(fc.property(fc.constantFrom(...paceCurves), share, share, (curve, a, b) => {
      const [x, y] = a <= b ? [a, b] : [b, a];
      const ex = expectedProgressOn(curve, x);
      expect(ex).toBeGreaterThanOrEqual(0);
      expect(expectedProgressOn(curve, y)).toBeLessThanOrEqual(1 + 1e-12);
      expect(expectedProgressOn(curve, y)).toBeGreaterThanOrEqual(ex - 1e-12);
    }));
    for (const curve of paceCurves) expect([expectedProgressOn(curve, 0), expectedProgressOn(curve, 1)]).toEqual([0, 1]);
  });
});

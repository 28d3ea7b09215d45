import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultThresholds, evaluateKeyResult, okrScore, progressOf, statusSeverity, objectiveStatuses, type KeyResultSpec } from '../src/index.ts';

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
const spec = (direction: 'INCREASE' | 'DECREASE', baseline: number, target: number): KeyResultSpec =>
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
    fc.assert(fc.property(finite, finite, finite, fc.integer({ min: 0, max: 89 }), fc.constantFrom('INCREASE' as const, 'DECREASE' as const), (b, t, v, day, direction) => {
      const s = spec(direction, b, t);
      const now = new Date(Date.parse('2026-01-01T12:00:00Z') + day * 86_400_000);
      const result = evaluateKeyResult(s, [{ at: '2026-01-01', value: v }], now, defaultThresholds);
      const reached = direction === 'INCREASE' ? v >= t : v <= t;
      expect(result.status === 'ACHIEVED').toBe(reached);
      for (const x of [result.progress ?? 0, result.expectedProgress, result.score, result.current ?? 0]) expect(Number.isFinite(x)).toBe(true);
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
});

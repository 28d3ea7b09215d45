import { describe, expect, it } from 'vitest';
import { addDays, defaultPlanningSettings, defaultThresholds, forecastLinear, okrScore, resolveTarget, statusSeverity, withPlanningOverrides, withThresholdOverrides } from '../src/index.ts';

describe('okrScore', () => {
  it('grades from 0.6 GREEN by default (seed 003), 0.4 up to that YELLOW, below RED', () => {
    expect(okrScore([{ score: 0.6, weight: 1 }]).grade).toBe('GREEN');
    expect(okrScore([{ score: 0.59, weight: 1 }]).grade).toBe('YELLOW');
    expect(okrScore([{ score: 0.4, weight: 1 }]).grade).toBe('YELLOW');
    expect(okrScore([{ score: 0.39, weight: 1 }]).grade).toBe('RED');
  });

  it('takes the success bar a plan sets', () => {
    expect(okrScore([{ score: 0.65, weight: 1 }], 0.7).grade).toBe('YELLOW');
    expect(okrScore([{ score: 0.7, weight: 1 }], 0.7).grade).toBe('GREEN');
  });

  it('clamps scores, ignores weights of zero or less, and scores nothing as 0', () => {
    expect(okrScore([{ score: 1.8, weight: 1 }, { score: -2, weight: 1 }]).score).toBe(0.5);
    expect(okrScore([{ score: 1, weight: 0 }, { score: 0.2, weight: 2 }, { score: 1, weight: -1 }]).score).toBeCloseTo(0.2);
    expect(okrScore([])).toEqual({ score: 0, grade: 'RED' });
  });
});

describe('resolveTarget', () => {
  it('prefers the absolute target, else moves the baseline by the percentage, else null', () => {
    expect(resolveTarget({ baseline: 10_000, target: 12_000, targetChangePercent: 15 })).toBe(12_000);
    expect(resolveTarget({ baseline: 40, target: null, targetChangePercent: -25 })).toBe(30);
    expect(resolveTarget({ baseline: null, target: null, targetChangePercent: 15 })).toBeNull();
    expect(resolveTarget({ baseline: 100, target: undefined, targetChangePercent: undefined })).toBeNull();
  });
});

describe('thresholds', () => {
  it('has the documented defaults and overrides only usable values', () => {
    expect(defaultThresholds).toEqual({ atRiskTolerance: 0.1, offTrackTolerance: 0.25, deadlineNearDays: 14, staleAfterDays: 7, forecastWindowDays: 28, forecastMinConfidence: 0.5 });
    expect(withThresholdOverrides({ atRiskTolerance: 0.2, staleAfterDays: 3 })).toMatchObject({ atRiskTolerance: 0.2, staleAfterDays: 3, offTrackTolerance: 0.25 });
    expect(withThresholdOverrides({ atRiskTolerance: Number.NaN, offTrackTolerance: 4, deadlineNearDays: -1, staleAfterDays: '9' })).toEqual(defaultThresholds);
    expect(() => { (defaultThresholds as { atRiskTolerance: number }).atRiskTolerance = 0.5; }).toThrow(TypeError);
  });

  it('has the documented planning defaults and overrides only usable values', () => {
    expect(defaultPlanningSettings).toEqual({ okrSuccessFrom: 0.6, maxPrimaryCategories: 3 });
    expect(withPlanningOverrides({ okrSuccessFrom: 0.7, maxPrimaryCategories: 5 })).toEqual({ okrSuccessFrom: 0.7, maxPrimaryCategories: 5 });
    // Below the yellow bound a red score would count as a win; a fractional limit means nothing.
    expect(withPlanningOverrides({ okrSuccessFrom: 0.3, maxPrimaryCategories: 2.5 })).toEqual(defaultPlanningSettings);
    expect(withPlanningOverrides({ okrSuccessFrom: Number.NaN, maxPrimaryCategories: 0 })).toEqual(defaultPlanningSettings);
  });

  it('orders statuses from ACHIEVED to MISSED', () => {
    expect(statusSeverity('ACHIEVED')).toBe(0);
    expect(statusSeverity('MISSED')).toBe(6);
    expect(statusSeverity('NO_DATA')).toBeLessThan(statusSeverity('AT_RISK'));
  });
});

describe('forecast confidence', () => {
  it('is adjusted for the number of points: three noisy points earn less than their R²', () => {
    const points = [{ at: '2026-01-01', value: 10 }, { at: '2026-01-02', value: 14 }, { at: '2026-01-03', value: 15 }];
    const f = forecastLinear(points, { asOf: '2026-01-03', deadline: '2026-01-10', windowDays: 28 })!;
    // Slope 2.5, residuals −0.5, 1, −0.5: SSE 1.5 of SST 14, R² ≈ 0.89; adjusted 1 − (1.5/14) × 2/1 ≈ 0.79.
    expect(f.confidence).toBeCloseTo(1 - (1.5 / 14) * 2, 6);
    expect(f.value).toBeCloseTo(13 + 2.5 * 8, 6);
  });

  it('a flat series has slope 0 and a defined confidence', () => {
    const flat = Array.from({ length: 5 }, (_, i) => ({ at: addDays('2026-01-01', i), value: 7 }));
    expect(forecastLinear(flat, { asOf: '2026-01-05', deadline: '2026-03-01', windowDays: 28 })).toEqual({
      value: 7, low: 7, high: 7, confidence: 1, method: 'LEAST_SQUARES', asOf: '2026-01-05', trendPerDay: 0, targetInDays: null, targetInDaysEarliest: null, targetInDaysLatest: null,
    });
  });
});

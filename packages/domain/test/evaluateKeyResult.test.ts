import { describe, expect, it } from 'vitest';
import { addDays, defaultThresholds, evaluateKeyResult, type KeyResultSpec, type SeriesPoint } from '../src/index.ts';

const spec: KeyResultSpec = { direction: 'INCREASE', baseline: 1000, target: 2000, startsOn: '2026-01-01', deadline: '2026-04-11' }; // 100 days
const at = (day: string, time = '12:00:00') => new Date(`${day}T${time}Z`);
const point = (day: string, value: number): SeriesPoint => ({ at: day, value });
const evaluate = (series: SeriesPoint[], now: Date, s: KeyResultSpec = spec) => evaluateKeyResult(s, series, now, defaultThresholds);

describe('evaluateKeyResult: reading the series', () => {
  it('is NOT_STARTED before the start, and reports the value seen so far', () => {
    const result = evaluate([point('2025-12-30', 990)], at('2025-12-31'));
    expect(result).toMatchObject({ status: 'NOT_STARTED', current: 990, progress: null, expectedProgress: 0, score: 0 });
  });

  it('is NO_DATA without a point, before and after the deadline', () => {
    expect(evaluate([], at('2026-02-01'))).toMatchObject({ status: 'NO_DATA', current: null, asOf: null, progress: null, score: 0 });
    expect(evaluate([], at('2026-05-01')).status).toBe('NO_DATA');
    expect(evaluate([point('2026-02-02', 1500)], at('2026-02-01')).status).toBe('NO_DATA'); // only a future point
  });

  it("reads the latest point on or before now's UTC day, and expected progress by whole UTC days", () => {
    const series = [point('2026-01-30', 1250), point('2026-01-31', 1300), point('2026-02-01', 1310)];
    const early = evaluate(series, at('2026-01-31', '00:00:01'));
    const late = evaluate(series, at('2026-01-31', '23:59:59'));
    expect(early).toMatchObject({ current: 1300, asOf: '2026-01-31' });
    expect(late.expectedProgress).toBe(early.expectedProgress);
    expect(early.expectedProgress).toBeCloseTo(0.3, 12); // day 30 of 100
    expect(early.progress).toBeCloseTo(0.3, 12);
    expect(early.status).toBe('ON_TRACK');
  });

  it('uses the thresholds: ON_TRACK from 90 % of the expected progress, AT_RISK from 75 %, OFF_TRACK below', () => {
    const now = at('2026-02-20'); // day 50 of 100: e = 0.5
    expect(evaluate([point('2026-02-20', 1460)], now).status).toBe('ON_TRACK'); // p 0.46 ≥ 0.45
    expect(evaluate([point('2026-02-20', 1450)], now).status).toBe('ON_TRACK'); // p 0.45, at the boundary
    expect(evaluate([point('2026-02-20', 1400)], now).status).toBe('AT_RISK'); // 0.375 ≤ p 0.40 < 0.45
    expect(evaluate([point('2026-02-20', 1300)], now).status).toBe('OFF_TRACK'); // p 0.30 < 0.375
    const lenient = evaluateKeyResult(spec, [point('2026-02-20', 1300)], now, { ...defaultThresholds, atRiskTolerance: 0.3, offTrackTolerance: 0.5 });
    expect(lenient.status).toBe('AT_RISK');
  });

  it('caps the status at AT_RISK when the latest point is older than staleAfterDays', () => {
    expect(evaluate([point('2026-02-10', 1900)], at('2026-02-17')).status).toBe('ON_TRACK'); // 7 days: not yet stale
    expect(evaluate([point('2026-02-10', 1900)], at('2026-02-18')).status).toBe('AT_RISK');
    expect(evaluate([point('2026-01-02', 1000)], at('2026-03-01')).status).toBe('OFF_TRACK'); // stale never improves a status
  });
});

describe('evaluateKeyResult: deadlines and achievement', () => {
  it('declares an INCREASE target ACHIEVED as soon as it is reached, before the deadline', () => {
    const result = evaluate([point('2026-01-20', 2000)], at('2026-01-20'));
    expect(result).toMatchObject({ status: 'ACHIEVED', progress: 1, score: 1 });
  });

  it('is judged normally on the deadline day and MISSED only once it has passed', () => {
    const series = [point('2026-04-11', 1950)];
    expect(evaluate(series, at('2026-04-11', '23:00:00'))).toMatchObject({ status: 'ON_TRACK', expectedProgress: 1 }); // p 0.95 ≥ 0.9
    expect(evaluate([point('2026-04-11', 1700)], at('2026-04-11')).status).toBe('OFF_TRACK');
    expect(evaluate([point('2026-04-11', 1700)], at('2026-04-12', '00:00:00'))).toMatchObject({ status: 'MISSED', score: 0.7, forecast: null });
  });

  it('does not credit what happens after the deadline', () => {
    const result = evaluate([point('2026-04-10', 1800), point('2026-04-14', 2100)], at('2026-04-20'));
    expect(result).toMatchObject({ status: 'MISSED', current: 1800, asOf: '2026-04-10' });
  });

  it('with target = baseline there is no distance to cover: reached is progress 1, never a division by zero', () => {
    const flat: KeyResultSpec = { ...spec, target: 1000 };
    expect(evaluate([point('2026-02-01', 1000)], at('2026-02-01'), flat)).toMatchObject({ status: 'ACHIEVED', progress: 1 });
    const below = evaluate([point('2026-02-01', 999)], at('2026-02-01'), flat);
    expect(below.progress).toBe(0);
    expect(below.status).toBe('OFF_TRACK');
  });

  it('MAINTAIN: inside the band is ON_TRACK before the deadline and ACHIEVED only from the deadline day', () => {
    const maintain: KeyResultSpec = { direction: 'MAINTAIN', baseline: 40, target: 40, maintainTolerance: 2, startsOn: '2026-01-01', deadline: '2026-04-11' };
    expect(evaluate([point('2026-02-01', 41)], at('2026-02-01'), maintain)).toMatchObject({ status: 'ON_TRACK', progress: 1 });
    expect(evaluate([point('2026-02-01', 43.5)], at('2026-02-01'), maintain).status).toBe('AT_RISK'); // within twice the tolerance
    expect(evaluate([point('2026-02-01', 50)], at('2026-02-01'), maintain)).toMatchObject({ status: 'OFF_TRACK', progress: 0 });
    expect(evaluate([point('2026-04-11', 39)], at('2026-04-11'), maintain).status).toBe('ACHIEVED');
    expect(evaluate([point('2026-04-11', 45)], at('2026-04-12'), maintain).status).toBe('MISSED');
  });

  it('MAINTAIN defaults to a band of 5 % of the target', () => {
    const maintain: KeyResultSpec = { direction: 'MAINTAIN', baseline: 200, target: 200, startsOn: '2026-01-01', deadline: '2026-04-11' };
    expect(evaluate([point('2026-02-01', 209)], at('2026-02-01'), maintain).status).toBe('ON_TRACK');
    expect(evaluate([point('2026-02-01', 211)], at('2026-02-01'), maintain).status).toBe('AT_RISK');
  });
});

describe('evaluateKeyResult: forecast', () => {
  it('carries a least-squares or Holt forecast at the deadline once there are three points', () => {
    const series = Array.from({ length: 28 }, (_, i) => point(addDays('2026-01-01', i), 1000 + 10 * i));
    const result = evaluate(series, at('2026-01-28'));
    expect(result.forecast).not.toBeNull();
    expect(result.forecast!.value).toBeCloseTo(1000 + 10 * 100, 0); // 2026-04-11 is day 100 of the line
    expect(result.forecast!.confidence).toBeGreaterThan(0.99);
    expect(evaluate(series.slice(0, 2), at('2026-01-02')).forecast).toBeNull();
  });

  it('refuses an invalid clock instead of returning NaN', () => {
    expect(() => evaluate([], new Date('not a date'))).toThrow(RangeError);
  });
});

describe('evaluateKeyResult: the forecast lowers a status it is confident about', () => {
  // Ahead of pace on day 60 (p = 0.8 against e = 0.6), with the last four weeks moving by `slope` a day.
  const aheadThen = (slope: number, noise: (i: number) => number = () => 0) =>
    Array.from({ length: 61 }, (_, i) => point(addDays('2026-01-01', i), i <= 32 ? 1000 + (i * 800) / 32 : 1800 + slope * (i - 60) + noise(i)));
  const day60 = at('2026-03-02');

  it('keeps ON_TRACK when the trend reaches the target', () => {
    const result = evaluate(aheadThen(6), day60);
    expect(result.forecast?.value).toBeGreaterThan(2000);
    expect(result.status).toBe('ON_TRACK');
  });

  it('says AT_RISK when the confident projection stalls short of the target, though the pace is ahead', () => {
    const result = evaluate(aheadThen(0), day60);
    expect(result.progress).toBeCloseTo(0.8, 9);
    expect(result.forecast).toMatchObject({ value: 1800, confidence: 1 });
    expect(result.status).toBe('AT_RISK');
  });

  it('says OFF_TRACK when even the favourable edge of the interval falls well short', () => {
    const result = evaluate(aheadThen(-5), day60);
    expect(result.forecast!.high).toBeLessThan(1750);
    expect(result.status).toBe('OFF_TRACK');
  });

  it('ignores a forecast below the confidence threshold, and can be told to trust any', () => {
    const wobble = (i: number) => (i % 2 === 0 ? 60 : -60);
    const noisy = evaluate(aheadThen(0, wobble), day60);
    expect(noisy.forecast!.confidence).toBeLessThan(0.5);
    expect(noisy.status).toBe('ON_TRACK');
    const trusting = evaluateKeyResult(spec, aheadThen(0, wobble), day60, { ...defaultThresholds, forecastMinConfidence: 0 });
    expect(trusting.status).toBe('AT_RISK');
  });

  it('never lifts a status the pace set', () => {
    // Nothing for seven weeks, then 30 a day: p = 0.3 < e(1 − 0.25) = 0.45, whatever the trend promises.
    const behind = Array.from({ length: 61 }, (_, i) => point(addDays('2026-01-01', i), i < 50 ? 1000 : 1000 + (i - 50) * 30));
    const result = evaluate(behind, day60);
    expect(result.progress).toBeCloseTo(0.3, 9);
    expect(result.forecast!.value).toBeGreaterThan(1600);
    expect(result.status).toBe('OFF_TRACK');
  });
});

describe('evaluateKeyResult: pace curves', () => {
  const halfway = at('2026-02-20'); // day 50 of 100
  const reached = (value: number) => [point('2026-02-20', value)];

  it('places expected progress on the declared curve, all from 0 to 1', () => {
    expect(evaluate(reached(1500), halfway, { ...spec, pace: 'LINEAR' }).expectedProgress).toBeCloseTo(0.5, 12);
    expect(evaluate(reached(1500), halfway, { ...spec, pace: 'BACK_LOADED' }).expectedProgress).toBeCloseTo(0.25, 12);
    expect(evaluate(reached(1500), halfway, { ...spec, pace: 'FRONT_LOADED' }).expectedProgress).toBeCloseTo(0.75, 12);
    expect(evaluate(reached(1500), halfway, { ...spec, pace: 'S_CURVE' }).expectedProgress).toBeCloseTo(0.5, 12);
    for (const pace of ['LINEAR', 'FRONT_LOADED', 'BACK_LOADED', 'S_CURVE'] as const) {
      expect(evaluate(reached(1000), at('2026-01-01'), { ...spec, pace }).expectedProgress).toBe(0);
      expect(evaluate(reached(1000), at('2026-04-11'), { ...spec, pace }).expectedProgress).toBe(1);
    }
  });

  it('judges the same value by its curve: 30 % at halfway is behind a linear path, ahead of a build-up', () => {
    expect(evaluate(reached(1300), halfway, { ...spec, pace: 'LINEAR' }).status).toBe('OFF_TRACK');
    expect(evaluate(reached(1300), halfway, { ...spec, pace: 'BACK_LOADED' }).status).toBe('ON_TRACK');
    expect(evaluate(reached(1300), halfway, { ...spec, pace: 'FRONT_LOADED' }).status).toBe('OFF_TRACK');
  });
});

import { describe, expect, it } from 'vitest';
import { addDays, chooseForecast, defaultThresholds, evaluateKeyResult, forecastCalibration, minimumCalibrationBacktests, type SeriesPoint } from '../src/index.ts';

const days = (from: string, count: number, value: (i: number) => number): SeriesPoint[] => Array.from({ length: count }, (_, i) => ({ at: addDays(from, i), value: value(i) }));

/** Deterministic standard normal draws (mulberry32 + Box–Muller): the same synthetic series every run. */
function normal(seed: number): () => number {
  let s = seed;
  const uniform = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) + 1) / 4294967297;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

describe('when the target is reached', () => {
  it('says the day the projection reaches the target, with the days its interval allows', () => {
    // 10 a day from 1,000, with a little noise: 2,000 is reached about 100 days after the first day.
    const noise = normal(1);
    const series = days('2026-01-01', 40, (i) => 1000 + 10 * i + 3 * noise());
    const f = chooseForecast(series, { asOf: '2026-02-09', deadline: '2026-06-30', windowDays: 28, target: 2000, towards: 1 })!;
    expect(f.asOf).toBe('2026-02-09');
    expect(f.trendPerDay).toBeCloseTo(10, 0);
    // From ~1,390 on day 39, 610 more at 10 a day: about 61 days.
    expect(f.targetInDays!).toBeGreaterThanOrEqual(58);
    expect(f.targetInDays!).toBeLessThanOrEqual(64);
    expect(f.targetInDaysEarliest!).toBeLessThanOrEqual(f.targetInDays!);
    expect(f.targetInDaysLatest!).toBeGreaterThanOrEqual(f.targetInDays!);
  });

  it('is 0 once there, null when the trend heads away or needs more than three years', () => {
    const rising = days('2026-01-01', 30, (i) => 100 + i);
    expect(chooseForecast(rising, { asOf: '2026-01-30', deadline: '2026-03-01', windowDays: 28, target: 50, towards: 1 })!.targetInDays).toBe(0);
    const falling = days('2026-01-01', 30, (i) => 100 - i);
    expect(chooseForecast(falling, { asOf: '2026-01-30', deadline: '2026-03-01', windowDays: 28, target: 200, towards: 1 })).toMatchObject({ targetInDays: null, targetInDaysLatest: null });
    expect(chooseForecast(rising, { asOf: '2026-01-30', deadline: '2026-03-01', windowDays: 28, target: 10_000, towards: 1 })!.targetInDays).toBeNull();
    // DECREASE: the day it falls to the target.
    expect(chooseForecast(falling, { asOf: '2026-01-30', deadline: '2026-03-01', windowDays: 28, target: 60, towards: -1 })!.targetInDays).toBe(11);
  });

  it('comes with every evaluation, but not for a band to hold or a count kept under its target', () => {
    const series = days('2026-01-01', 30, (i) => 100 + 2 * i);
    const now = new Date('2026-01-30T12:00:00Z');
    expect(evaluateKeyResult({ direction: 'INCREASE', baseline: 100, target: 200, startsOn: '2026-01-01', deadline: '2026-03-31' }, series, now, defaultThresholds).forecast!.targetInDays).toBe(21);
    expect(evaluateKeyResult({ direction: 'MAINTAIN', baseline: 100, target: 150, startsOn: '2026-01-01', deadline: '2026-03-31' }, series, now, defaultThresholds).forecast!.targetInDays).toBeNull();
    expect(evaluateKeyResult({ direction: 'DECREASE', baseline: 900, target: 720, startsOn: '2026-01-01', deadline: '2026-03-31', flow: true }, series, now, defaultThresholds).forecast!.targetInDays).toBeNull();
  });
});

describe('forecastCalibration', () => {
  /** Two years of daily values of several manners: the calibrated interval must hold about as often as it says on each. */
  const shapes: Record<string, (noise: () => number) => (i: number) => number> = {
    'linear with noise': (noise) => (i) => 5000 + 12 * i + 40 * noise(),
    flat: (noise) => () => 800 + 20 * noise(),
    'weekly season on a slow trend': (noise) => (i) => 2000 + 3 * i + 150 * Math.sin((2 * Math.PI * i) / 7) + 30 * noise(),
    'growth that slows': (noise) => (i) => 1000 + 4000 * (1 - Math.exp(-i / 250)) + 25 * noise(),
    'random walk': (noise) => { let level = 5000; return () => (level += 30 * noise()); },
  };
  const pooled = (shape: (noise: () => number) => (i: number) => number, horizonDays: number) => {
    let backtests = 0, covered = 0, modelBacktests = 0, modelCovered = 0;
    for (let seed = 1; seed <= 5; seed++) {
      const c = forecastCalibration(days('2024-01-01', 730, shape(normal(seed))), { windowDays: 28, horizonDays });
      expect(c.covered).toBe(Math.round(c.coverage! * c.backtests));
      backtests += c.backtests; covered += c.covered;
      modelBacktests += c.modelBacktests; modelCovered += Math.round(c.modelCoverage! * c.modelBacktests);
    }
    return { coverage: covered / backtests, backtests, modelCoverage: modelCovered / modelBacktests };
  };

  for (const [name, shape] of Object.entries(shapes)) {
    it(`holds its stated 95 % out of sample, 7 and 28 days ahead, on ${name}`, () => {
      for (const horizon of [7, 28]) {
        const c = pooled(shape, horizon);
        expect(c.backtests).toBeGreaterThan(400);
        expect(c.coverage).toBeGreaterThanOrEqual(0.93);
        expect(c.coverage).toBeLessThanOrEqual(0.99);
      }
    });
  }

  it('holds 90 days ahead too, erring wide where growth slows (older errors, larger than the newer, still count)', () => {
    for (const name of ['linear with noise', 'flat', 'weekly season on a slow trend', 'random walk']) {
      const c = pooled(shapes[name]!, 90);
      expect(c.coverage, name).toBeGreaterThanOrEqual(0.93);
      expect(c.coverage, name).toBeLessThanOrEqual(0.99);
    }
    const slowing = pooled(shapes['growth that slows']!, 90);
    expect(slowing.modelCoverage).toBeLessThan(0.8); // the straight line overshoots a bending curve: the model's own interval misses
    expect(slowing.coverage).toBeGreaterThanOrEqual(0.95);
  });

  it("scales the model's interval where it is wrong: wider for a random walk, narrower for a weekly season", () => {
    expect(pooled(shapes['random walk']!, 28).modelCoverage).toBeLessThan(0.6);
    let level = 5000;
    const noise = normal(11);
    const walk = forecastCalibration(days('2024-01-01', 730, () => (level += 30 * noise())), { windowDays: 28, horizonDays: 28 });
    expect(walk.intervalScale).toBeGreaterThan(2.5);
    expect(pooled(shapes['weekly season on a slow trend']!, 28).modelCoverage).toBe(1);
    const weeklyNoise = normal(3);
    const weekly = forecastCalibration(days('2024-01-01', 730, shapes['weekly season on a slow trend']!(weeklyNoise)), { windowDays: 28, horizonDays: 28 });
    expect(weekly.intervalScale).toBeLessThan(0.8);
  });

  it('applies the scale to the forecast the evaluation states, around the same value', () => {
    const noise = normal(5);
    const series = days('2026-01-01', 40, (i) => 1000 + 10 * i + 3 * noise());
    const options = { asOf: '2026-02-09', deadline: '2026-03-31', windowDays: 28, target: 2000, towards: 1 as const };
    const model = chooseForecast(series, options)!;
    const scaled = chooseForecast(series, { ...options, intervalScale: 2.5 })!;
    expect(scaled.value).toBe(model.value);
    expect(scaled.high - scaled.low).toBeCloseTo(2.5 * (model.high - model.low), 6);
    expect(scaled.targetInDaysEarliest!).toBeLessThanOrEqual(model.targetInDaysEarliest!);
    const spec = { direction: 'INCREASE' as const, baseline: 1000, target: 2000, startsOn: '2026-01-01', deadline: '2026-03-31' };
    const now = new Date('2026-02-09T12:00:00Z');
    const evaluated = evaluateKeyResult({ ...spec, forecastIntervalScale: 2.5 }, series, now, defaultThresholds).forecast!;
    expect(evaluated.high - evaluated.low).toBeCloseTo(2.5 * (evaluateKeyResult(spec, series, now, defaultThresholds).forecast!.high - evaluateKeyResult(spec, series, now, defaultThresholds).forecast!.low), 6);
  });

  it('has no coverage without enough history for one backtest, and keeps the model\'s interval (scale 1) with too few', () => {
    expect(forecastCalibration(days('2026-01-01', 30, (i) => i), { windowDays: 28, horizonDays: 28 })).toMatchObject({ coverage: null, backtests: 0, modelCoverage: null, intervalScale: 1 });
    const noise = normal(2);
    const short = forecastCalibration(days('2026-01-01', 120, (i) => 100 + i + noise()), { windowDays: 28, horizonDays: 28 });
    expect(short.modelBacktests).toBeLessThan(minimumCalibrationBacktests);
    expect(short).toMatchObject({ intervalScale: 1, backtests: 0, coverage: null });
  });
});

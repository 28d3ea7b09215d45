import { describe, expect, it } from 'vitest';
import { addDays, chooseForecast, forecastHolt, forecastLinear, type SeriesPoint } from '../src/index.ts';

const days = (n: number, value: (i: number) => number, skip: (i: number) => boolean = () => false): SeriesPoint[] =>
  Array.from({ length: n }, (_, i) => i).filter((i) => !skip(i)).map((i) => ({ at: addDays('2026-01-01', i), value: value(i) }));
const options = { asOf: '2026-01-28', deadline: '2026-03-01', windowDays: 28 };

describe('least-squares forecast', () => {
  it('projects a straight line exactly, with full confidence and no spread', () => {
    const f = forecastLinear(days(28, (i) => 100 + 10 * i), options)!;
    // 2026-03-01 is day 59 of the line that starts at 100 on 2026-01-01.
    expect(f.value).toBeCloseTo(100 + 10 * 59, 6);
    expect(f.confidence).toBeCloseTo(1, 6);
    expect(f.high - f.low).toBeCloseTo(0, 6);
  });

  it('keeps a flat series flat, confidence 1', () => {
    const f = forecastLinear(days(28, () => 42), options)!;
    expect(f.value).toBeCloseTo(42);
    expect(f.confidence).toBe(1);
  });

  it('widens the interval and lowers confidence on noise, and copes with gaps', () => {
    const noisy = forecastLinear(days(28, (i) => 100 + 10 * i + (i % 2 ? 40 : -40)), options)!;
    expect(noisy.high - noisy.low).toBeGreaterThan(50);
    expect(noisy.confidence).toBeLessThan(1);
    expect(noisy.value).toBeGreaterThan(600);
    const gappy = forecastLinear(days(28, (i) => 100 + 10 * i, (i) => i % 3 === 0), options)!;
    expect(gappy.value).toBeCloseTo(690, 6);
  });

  it('gives no forecast from fewer than three points', () => {
    expect(forecastLinear(days(2, (i) => i), { ...options, asOf: '2026-01-02' })).toBeNull();
  });
});

describe('Holt and the choice by backtest', () => {
  it("follows a step change that least squares averages away", () => {
    // Flat at 100 for two weeks, then a new trend of +20 a day: the held-out last week already shows it.
    const stepped = days(28, (i) => (i < 14 ? 100 : 100 + 20 * (i - 13)));
    const holt = forecastHolt(stepped, options)!;
    const linear = forecastLinear(stepped, options)!;
    const truth = 100 + 20 * (59 - 13);
    expect(Math.abs(holt.value - truth)).toBeLessThan(Math.abs(linear.value - truth));
    expect(chooseForecast(stepped, options)?.method).toBe('HOLT');
  });

  it('keeps least squares for a straight line, and copes with weekly seasonality without NaN', () => {
    expect(chooseForecast(days(28, (i) => 100 + 10 * i), options)?.method).toBe('LEAST_SQUARES');
    const weekly = chooseForecast(days(28, (i) => 100 + 5 * i + (i % 7 === 5 || i % 7 === 6 ? -30 : 0)), options)!;
    expect(Number.isFinite(weekly.value)).toBe(true);
    expect(weekly.value).toBeGreaterThan(250);
  });
});

import { describe, expect, it } from 'vitest';
import { chartModel, type ChartInput } from '../src/chart/chartModel.ts';

const input = (overrides: Partial<ChartInput> = {}): ChartInput => ({
  startsOn: '2026-01-01', deadline: '2026-01-11', today: '2026-01-05', direction: 'INCREASE', pace: 'LINEAR',
  baseline: 100, target: 200,
  series: [{ at: '2026-01-01', value: 100 }, { at: '2026-01-03', value: 110 }, { at: '2026-01-05', value: 120 }],
  forecast: { value: 160, low: 140, high: 180, confidence: 0.8 },
  history: [{ on: '2026-01-03', status: 'ON_TRACK' }, { on: '2026-01-04', status: 'AT_RISK' }, { on: '2026-01-05', status: 'AT_RISK' }],
  ...overrides,
});

describe('the key result chart model', () => {
  it('puts every day of the period on one axis, with actual values only where there are points', () => {
    const model = chartModel(input());
    expect(model.days).toHaveLength(11);
    expect(model.x[1]! - model.x[0]!).toBe(86_400);
    expect(model.actual.slice(0, 6)).toEqual([100, null, 110, null, 120, null]);
    expect(model.todayIndex).toBe(4);
    expect(model.deadlineIndex).toBe(10);
  });

  it('draws the expected path by the pace curve from baseline to target', () => {
    expect(chartModel(input()).expected[5]).toBe(150);
    // Back-loaded: x² of the way at half time.
    expect(chartModel(input({ pace: 'BACK_LOADED' })).expected[5]).toBe(125);
    expect(chartModel(input({ pace: 'FRONT_LOADED' })).expected[5]).toBe(175);
    expect(chartModel(input({ direction: 'MAINTAIN' })).expected.every((v) => v === null)).toBe(true);
  });

  it('widens the forecast cone from the last actual value to the forecast interval at the deadline', () => {
    const model = chartModel(input());
    expect(model.coneLow[3]).toBeNull();
    expect([model.coneLow[4], model.coneMid[4], model.coneHigh[4]]).toEqual([120, 120, 120]);
    expect([model.coneLow[10], model.coneMid[10], model.coneHigh[10]]).toEqual([140, 160, 180]);
    expect(chartModel(input({ forecast: null })).coneMid.every((v) => v === null)).toBe(true);
  });

  it('bands the status history up to today, one span per run of the same status', () => {
    const model = chartModel(input());
    expect(model.statusOn.slice(0, 7)).toEqual([null, null, 'ON_TRACK', 'AT_RISK', 'AT_RISK', null, null]);
    expect(model.spans).toEqual([
      { from: '2026-01-03', to: '2026-01-03', status: 'ON_TRACK' },
      { from: '2026-01-04', to: '2026-01-05', status: 'AT_RISK' },
    ]);
  });
});

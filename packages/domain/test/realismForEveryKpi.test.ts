import { describe, expect, it } from 'vitest';
import { addDays, findMetric, flowRealism, historicalPace, kpiHistoricalChange, realism, type SeriesPoint } from '../src/index.ts';

const days = (from: string, count: number, value: (i: number) => number): SeriesPoint[] => Array.from({ length: count }, (_, i) => ({ at: addDays(from, i), value: value(i) }));
const dates = { startsOn: '2026-01-01', deadline: '2026-04-01' };

describe('a KPI judged against its own history', () => {
  it('takes the change the better quarter of past windows of the objective\'s length reached', () => {
    // A KPI climbing 1 a day: every 90-day window moved +90.
    const climbing = kpiHistoricalChange(days('2025-07-01', 184, (i) => 100 + i), { startsOn: dates.startsOn, periodDays: 90, towards: 1 });
    expect(climbing).toMatchObject({ windows: 94 });
    expect(climbing.change).toBeCloseTo(90, 9);
    // Ranked the other way for a KPI that should fall: its best quarter of moves down.
    const falling = kpiHistoricalChange(days('2025-07-01', 184, (i) => 500 - (i % 2 === 0 ? 2 * i : i)), { startsOn: dates.startsOn, periodDays: 90, towards: -1 });
    expect(falling.change!).toBeLessThan(0);
  });

  it('scales a shorter history up to the objective\'s length', () => {
    // 30 days climbing 1 a day: windows of 29 days, scaled to 90.
    const short = kpiHistoricalChange(days('2025-12-02', 30, (i) => 100 + i), { startsOn: dates.startsOn, periodDays: 90, towards: 1 });
    expect(short.change).toBeCloseTo(90, 9);
    expect(kpiHistoricalChange([{ at: '2025-12-31', value: 5 }], { startsOn: dates.startsOn, periodDays: 90, towards: 1 })).toMatchObject({ change: null, windows: 0 });
  });

  it('reads engagement rate and reach per post from their inputs, so NO_HISTORY means the inputs have none', () => {
    const raw = { engagements: days('2025-07-01', 184, (i) => 50 + i / 10), reach: days('2025-07-01', 184, () => 1000) };
    const pace = historicalPace(findMetric('engagement_rate_by_reach')!, raw, { ...dates, towards: 1 });
    expect(pace).toMatchObject({ basis: 'KPI_CHANGES' });
    expect(pace.weeklyRate!).toBeGreaterThan(0);
    expect(historicalPace(findMetric('reach_per_post')!, {}, { ...dates, towards: 1 })).toMatchObject({ weeklyRate: null, windows: 0 });
    const r = realism({ direction: 'INCREASE', baseline: 5, target: 5 + pace.change!, weeks: 90 / 7, historicalWeeklyRate: pace.weeklyRate, basis: pace.basis });
    expect(r).toMatchObject({ band: 'REALISTIC', basis: 'KPI_CHANGES' });
    expect(r.ratio).toBeCloseTo(1, 9);
  });
});

describe('a count judged by its weekly volume', () => {
  it('compares the period\'s total a week with the volume shown: seed 002\'s bands', () => {
    const band = (target: number) => flowRealism({ direction: 'INCREASE', target, weeks: 13, historicalWeeklyRate: 100 }).band;
    expect(band(1300 * 1.5)).toBe('REALISTIC');
    expect(band(1300 * 2.5)).toBe('AMBITIOUS');
    expect(band(1300 * 5)).toBe('UNREALISTIC');
    expect(flowRealism({ direction: 'INCREASE', target: 1000, weeks: 13, historicalWeeklyRate: 100 })).toMatchObject({ band: 'REALISTIC', basis: 'FLOW_VOLUME' });
  });

  it('for fewer of something, how many times lower the volume must get', () => {
    const fewer = (target: number) => flowRealism({ direction: 'DECREASE', target, weeks: 10, historicalWeeklyRate: 100 });
    expect(fewer(800)).toMatchObject({ band: 'REALISTIC', ratio: 1.25 });
    expect(fewer(400)).toMatchObject({ band: 'AMBITIOUS', ratio: 2.5 });
    expect(fewer(200).band).toBe('UNREALISTIC');
    expect(fewer(0)).toMatchObject({ band: 'UNREALISTIC', ratio: null });
    expect(fewer(1200)).toMatchObject({ band: 'REALISTIC' });
    expect(flowRealism({ direction: 'DECREASE', target: 800, weeks: 10, historicalWeeklyRate: null }).band).toBe('NO_HISTORY');
  });
});

import { describe, expect, it } from 'vitest';
import {
  defaultThresholds, evaluateKeyResult, keyResultSeries, findMetric, computeDerivedKpi, resolveTarget, smartReport,
  realism, objectiveStatus, okrScore, decideAlerts, type SmartContext, type KeyResultSpec, type SeriesPoint,
} from '../src/index.ts';

const daily = (from: string, days: number, value: (i: number) => number): SeriesPoint[] =>
  Array.from({ length: days }, (_, i) => ({ at: new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10), value: value(i) }));

describe('seed examples', () => {
  it('a +15% followers target over a three-month window resolves against the baseline and tracks the linear path', () => {
    const target = resolveTarget({ baseline: 10_000, target: null, targetChangePercent: 15 });
    expect(target).toBeCloseTo(11_500);
    const spec: KeyResultSpec = { direction: 'INCREASE', baseline: 10_000, target: target!, startsOn: '2026-01-01', deadline: '2026-04-01' };
    // Half-way (day 45 of 90): on the path with +750, off it with +200.
    const onPath = evaluateKeyResult(spec, daily('2026-01-01', 46, (i) => 10_000 + (i * 1500) / 90), new Date('2026-02-15T00:00:00Z'), defaultThresholds);
    expect(onPath.status).toBe('ON_TRACK');
    expect(onPath.expectedProgress).toBeCloseTo(0.5, 2);
    expect(onPath.progress).toBeCloseTo(0.5, 2);
    const behind = evaluateKeyResult(spec, daily('2026-01-01', 46, (i) => 10_000 + (i * 200) / 45), new Date('2026-02-15T00:00:00Z'), defaultThresholds);
    expect(behind.status).toBe('OFF_TRACK');
    // +650 half-way is 43 % of the way against 50 % expected: inside the at-risk buffer (37.5–45 %).
    const slipping = evaluateKeyResult(spec, daily('2026-01-01', 46, (i) => 10_000 + (i * 650) / 45), new Date('2026-02-15T00:00:00Z'), defaultThresholds);
    expect(slipping.status).toBe('AT_RISK');
  });

  it('a key result past its deadline below target is MISSED', () => {
    const spec: KeyResultSpec = { direction: 'INCREASE', baseline: 100, target: 200, startsOn: '2026-01-01', deadline: '2026-03-01' };
    const result = evaluateKeyResult(spec, daily('2026-01-01', 60, () => 150), new Date('2026-03-02T12:00:00Z'), defaultThresholds);
    expect(result.status).toBe('MISSED');
    expect(result.score).toBeCloseTo(0.5);
  });

  it('a DECREASE target such as cost per acquisition: progress grows as the cost falls, ACHIEVED at or below target', () => {
    const spec: KeyResultSpec = { direction: 'DECREASE', baseline: 40, target: 25, startsOn: '2026-01-01', deadline: '2026-04-01' };
    const halfway = evaluateKeyResult(spec, [{ at: '2026-02-15', value: 32.5 }], new Date('2026-02-15T00:00:00Z'), defaultThresholds);
    expect(halfway.progress).toBeCloseTo(0.5);
    expect(halfway.status).toBe('ON_TRACK');
    const done = evaluateKeyResult(spec, [{ at: '2026-03-01', value: 24 }], new Date('2026-03-01T10:00:00Z'), defaultThresholds);
    expect(done.status).toBe('ACHIEVED');
    expect(findMetric('cost_per_acquisition')?.goodDirection).toBe('DECREASE');
  });

  it('seed 002: with ~100 new followers a week, 125 and 150 a week are realistic; 500 and 1,000 are not', () => {
    const weeks = 13;
    const band = (perWeek: number, direction = 'INCREASE' as const) =>
      realism({ direction, baseline: 5000, target: 5000 + perWeek * weeks, weeks, historicalWeeklyRate: 100 }).band;
    expect(band(125)).toBe('REALISTIC');
    expect(band(150)).toBe('REALISTIC');
    expect(band(500)).toBe('UNREALISTIC');
    expect(band(1000)).toBe('UNREALISTIC');
    expect(band(250)).toBe('AMBITIOUS');
  });

  it('the SMART report fails an unrealistic SMART target, warns for the same OKR, warns without history', () => {
    const draft = (framework: 'SMART' | 'OKR', perWeek: number) => ({
      goalId: 'g', title: 'Followers', category: 'AUDIENCE_GROWTH' as const, framework, startsOn: '2026-01-01', deadline: '2026-04-02',
      keyResults: [{ metric: 'followers', platform: 'INSTAGRAM' as const, direction: 'INCREASE' as const, baseline: 5000, target: 5000 + perWeek * 13 }],
    });
    const context = (rate: number | null): SmartContext => ({
      goalExists: true, plan: { startsOn: '2026-01-01', endsOn: '2026-12-31' },
      keyResults: [{ measurable: true, historicalBaseline: 5000, historicalWeeklyRate: rate, historyWeeks: 12 }],
    });
    expect(smartReport(draft('SMART', 150), context(100)).attainable.verdict).toBe('PASS');
    const unrealistic = smartReport(draft('SMART', 1000), context(100));
    expect(unrealistic.attainable.verdict).toBe('FAIL');
    expect(unrealistic.attainable.message).toMatch(/set the target to about 6,950 or extend the deadline/);
    expect(unrealistic.passed).toBe(false);
    expect(smartReport(draft('OKR', 1000), context(100)).attainable.verdict).toBe('WARN');
    expect(smartReport(draft('SMART', 150), context(null)).attainable.verdict).toBe('WARN');
    expect(smartReport(draft('SMART', 150), context(100)).passed).toBe(true);
  });
});

describe('KPIs', () => {
  it('a zero denominator gives no value, never 0 or Infinity', () => {
    expect(computeDerivedKpi('engagement_rate_by_reach', { engagements: 10, reach: 0 })).toBeNull();
    expect(computeDerivedKpi('cost_per_follower', { spend: 100, followers_start: 10, followers_end: 10 })).toBeNull();
    expect(computeDerivedKpi('engagement_rate_by_reach', { engagements: 50, reach: 1000 })).toBe(5);
  });

  it('a derived KPI is computed from window sums, not averaged daily ratios', () => {
    const definition = findMetric('engagement_rate_by_reach')!;
    const series = keyResultSeries(definition, {
      engagements: [{ at: '2026-01-01', value: 1 }, { at: '2026-01-02', value: 99 }],
      reach: [{ at: '2026-01-01', value: 100 }, { at: '2026-01-02', value: 900 }],
    }, { startsOn: '2026-01-01' });
    // Σ 100 ÷ Σ 1000 = 10 %, where the mean of daily ratios would be (1 % + 11 %) ÷ 2 = 6 %.
    expect(series.at(-1)).toEqual({ at: '2026-01-02', value: 10 });
  });
});

describe('objective status, OKR score and alerts', () => {
  it('the worst key result decides; ACHIEVED only when all are', () => {
    expect(objectiveStatus(['ON_TRACK', 'OFF_TRACK', 'AT_RISK'])).toBe('OFF_TRACK');
    expect(objectiveStatus(['ACHIEVED', 'ACHIEVED'])).toBe('ACHIEVED');
    expect(objectiveStatus(['ACHIEVED', 'ON_TRACK'])).toBe('ON_TRACK');
    expect(objectiveStatus([])).toBe('NO_DATA');
  });

  it('weights key results and grades the score', () => {
    expect(okrScore([{ score: 1, weight: 3 }, { score: 0, weight: 1 }])).toEqual({ score: 0.75, grade: 'GREEN' });
    expect(okrScore([{ score: 0.5, weight: 1 }]).grade).toBe('YELLOW');
    expect(okrScore([{ score: 0.2, weight: 1 }]).grade).toBe('RED');
  });

  it('raises OFF_TRACK with a stable dedup key and resolves it once back on track', () => {
    const base = { keyResultId: 'kr1', label: 'Followers', previous: null, driftSince: null, deadline: '2026-06-01', now: new Date('2026-03-04T10:00:00Z'), thresholds: defaultThresholds };
    const evaluation = { status: 'OFF_TRACK' as const, current: 1, asOf: '2026-03-04', progress: 0.1, expectedProgress: 0.5, forecast: null, score: 0.1 };
    const first = decideAlerts({ ...base, evaluation });
    const retry = decideAlerts({ ...base, evaluation, now: new Date('2026-03-04T11:00:00Z') });
    expect(first.raise.map((a) => a.kind)).toEqual(['OFF_TRACK']);
    expect(retry.raise[0]!.dedupKey).toBe(first.raise[0]!.dedupKey);
    const back = decideAlerts({ ...base, evaluation: { ...evaluation, status: 'ON_TRACK' } });
    expect(back.raise).toEqual([]);
    expect(back.resolveKinds).toContain('OFF_TRACK');
  });
});

describe('SMART report details', () => {
  it('warns when a target is already met by the baseline', () => {
    const report = smartReport({
      goalId: 'g', title: 'Engagement', category: 'ENGAGEMENT', framework: 'SMART', startsOn: '2026-01-01', deadline: '2026-04-01',
      keyResults: [{ metric: 'followers', platform: 'INSTAGRAM', direction: 'INCREASE', baseline: 5000, target: 4500 }],
    }, { goalExists: true, plan: null, keyResults: [{ measurable: true, historicalBaseline: 5000, historicalWeeklyRate: 100, historyWeeks: 12 }] });
    expect(report.attainable.verdict).toBe('WARN');
    expect(report.attainable.message).toMatch(/already met by the baseline/);
  });
});

describe('status wording', () => {
  it('words the same status against the bar of each framework', async () => {
    const { statusWording } = await import('../src/index.ts');
    expect(statusWording('OKR', 'MISSED', { score: 0.72, grade: 'GREEN' })).toMatch(/success by OKR standards \(60% or more\)/);
    expect(statusWording('OKR', 'MISSED', { score: 0.5, grade: 'YELLOW' })).toMatch(/below the 60%/);
    expect(statusWording('OKR', 'MISSED', { score: 0.65, grade: 'YELLOW' }, 0.7)).toMatch(/Closed at 65%, below the 70%/);
    expect(statusWording('SMART', 'MISSED', { score: 0.72, grade: 'GREEN' })).toMatch(/without reaching the target/);
  });
});

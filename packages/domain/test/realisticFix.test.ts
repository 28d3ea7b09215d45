import { describe, expect, it } from 'vitest';
import { realism, realisticFix, smartReport } from '../src/index.ts';

describe('realisticFix: the target and the deadline that would make a key result realistic', () => {
  // Seed 002: ~100 followers a week of history, 500 a week asked over thirteen weeks.
  const ask = { direction: 'INCREASE' as const, baseline: 5000, target: 5000 + 500 * 13, historicalWeeklyRate: 100, weeks: 13, startsOn: '2026-01-01' };

  it('gives 1.5× the historical pace as the target, and the day that pace reaches the asked target', () => {
    const fix = realisticFix(ask);
    expect(fix!.target).toBe(6950);
    // 6,500 more at 150 a week: 43.33 weeks, 304 days after the start.
    expect(fix!.deadline).toBe('2026-11-01');
    // Both fixes are realistic by the rule itself.
    expect(realism({ ...ask, target: fix!.target }).band).toBe('REALISTIC');
    expect(realism({ ...ask, weeks: 304 / 7 }).band).toBe('REALISTIC');
  });

  it('names the same numbers as the SMART report’s sentence', () => {
    const report = smartReport(
      { goalId: 'g', title: 'Grow', category: 'AUDIENCE_GROWTH', framework: 'SMART', startsOn: '2026-01-01', deadline: '2026-04-02',
        keyResults: [{ metric: 'followers', platform: 'INSTAGRAM', direction: 'INCREASE', baseline: 5000, target: ask.target }] },
      { goalExists: true, plan: null, keyResults: [{ measurable: true, historicalBaseline: 5000, historicalWeeklyRate: 100, historyWeeks: 12 }] },
    );
    expect(report.attainable.message).toContain('set the target to about 6,950 or extend the deadline to about 2026-11-01');
  });

  it('works downwards, and gives nothing when the history moves the wrong way', () => {
    expect(realisticFix({ direction: 'DECREASE', baseline: 100, target: 40, historicalWeeklyRate: -2, weeks: 10 }))
      .toEqual({ target: 70, deadline: null });
    expect(realisticFix({ ...ask, historicalWeeklyRate: -5 })).toBeNull();
    expect(realisticFix({ ...ask, historicalWeeklyRate: 0 })).toBeNull();
  });

  it('is what the SMART report advises: one implementation for the API and the dashboard', () => {
    for (const [rate, target, direction] of [[100, 11500, 'INCREASE'], [37.5, 5400, 'INCREASE'], [-20, 4500, 'DECREASE'], [-3.3, 4990, 'DECREASE']] as const) {
      const report = smartReport(
        { goalId: 'g', title: 'Grow', category: 'AUDIENCE_GROWTH', framework: 'SMART', startsOn: '2026-01-01', deadline: '2026-04-02',
          keyResults: [{ metric: 'followers', platform: 'INSTAGRAM', direction, baseline: 5000, target }] },
        { goalExists: true, plan: null, keyResults: [{ measurable: true, historicalBaseline: 5000, historicalWeeklyRate: rate, historyWeeks: 12 }] },
      );
      const fix = realisticFix({ direction, baseline: 5000, target, historicalWeeklyRate: rate, weeks: 13, startsOn: '2026-01-01' })!;
      expect(report.keyResults[0]).toMatchObject({ targetAtRealisticPace: Math.round(fix.target), deadlineForTarget: fix.deadline });
    }
  });

  it('has no deadline for a target that is not beyond the baseline', () => {
    expect(realisticFix({ ...ask, target: ask.baseline })!.deadline).toBeNull();
    expect(realisticFix({ ...ask, target: ask.baseline - 100 })!.deadline).toBeNull();
  });
});

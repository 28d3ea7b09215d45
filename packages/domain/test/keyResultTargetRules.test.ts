import { describe, expect, it } from 'vitest';
import { isSupportedDay, keyResultTargetIssues, validatePoint } from '../src/index.ts';

describe('key result targets agree with their direction', () => {
  it('refuses a DECREASE whose target is above its baseline, and an INCREASE aiming below it', () => {
    expect(keyResultTargetIssues({ metric: 'cost_per_lead', direction: 'DECREASE', baseline: 10, target: 20 })).toEqual([
      expect.objectContaining({ field: 'target', rule: 'direction' }),
    ]);
    expect(keyResultTargetIssues({ metric: 'net_follower_growth', direction: 'INCREASE', baseline: 5, target: -1e12 })).toEqual([
      expect.objectContaining({ field: 'target', rule: 'direction' }),
    ]);
    expect(keyResultTargetIssues({ metric: 'followers', direction: 'INCREASE', baseline: 100, target: 100 })).toEqual([
      expect.objectContaining({ rule: 'direction' }),
    ]);
  });

  it('accepts targets on the side of their direction, and any baseline for MAINTAIN (a band)', () => {
    expect(keyResultTargetIssues({ metric: 'cost_per_lead', direction: 'DECREASE', baseline: 20, target: 10 })).toEqual([]);
    expect(keyResultTargetIssues({ metric: 'followers', direction: 'INCREASE', baseline: 100, target: 150 })).toEqual([]);
    expect(keyResultTargetIssues({ metric: 'followers', direction: 'INCREASE', target: 150 })).toEqual([]);
    expect(keyResultTargetIssues({ metric: 'csat', direction: 'MAINTAIN', baseline: 90, target: 80 })).toEqual([]);
    expect(keyResultTargetIssues({ metric: 'csat', direction: 'MAINTAIN', baseline: 70, target: 80 })).toEqual([]);
  });

  it('reads a percentage by its sign, or against the baseline when there is one (a negative score rises by falling in percent)', () => {
    expect(keyResultTargetIssues({ metric: 'followers', direction: 'INCREASE', targetChangePercent: -10 })[0]).toMatchObject({ field: 'targetChangePercent', rule: 'direction' });
    expect(keyResultTargetIssues({ metric: 'bounce_rate', direction: 'DECREASE', targetChangePercent: -10 })).toEqual([]);
    expect(keyResultTargetIssues({ metric: 'nps', direction: 'INCREASE', baseline: -20, targetChangePercent: -50 })).toEqual([]);
    expect(keyResultTargetIssues({ metric: 'nps', direction: 'INCREASE', baseline: -20, targetChangePercent: 50 })[0]).toMatchObject({ rule: 'direction' });
  });

  it("keeps a raw metric's numbers in its range: no negative follower count, no CSAT above 100", () => {
    expect(keyResultTargetIssues({ metric: 'followers', direction: 'INCREASE', target: -1e12 })).toEqual([
      expect.objectContaining({ field: 'target', rule: 'range' }),
    ]);
    expect(keyResultTargetIssues({ metric: 'csat', direction: 'INCREASE', baseline: 50, target: 120 })[0]).toMatchObject({ field: 'target', rule: 'range' });
    expect(keyResultTargetIssues({ metric: 'engagement_rate_by_reach', direction: 'INCREASE', baseline: 90, target: 140 })).toEqual([]);
  });
});

describe('supported days', () => {
  it('keeps days from 1970 to 2200, in the point rules too', () => {
    expect(isSupportedDay('1970-01-01')).toBe(true);
    expect(isSupportedDay('2200-12-31')).toBe(true);
    expect(isSupportedDay('1969-12-31')).toBe(false);
    expect(isSupportedDay('2201-01-01')).toBe(false);
    expect(validatePoint({ metric: 'followers', at: '0000-01-01', value: 1 }, '2026-11-20')).toEqual([
      expect.objectContaining({ field: 'at', rule: 'date-range' }),
    ]);
  });
});

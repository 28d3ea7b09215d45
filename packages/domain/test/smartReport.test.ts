import { describe, expect, it } from 'vitest';
import { realism, smartReport, type KeyResultDraft, type ObjectiveDraft, type SmartContext } from '../src/index.ts';

const followersKr: KeyResultDraft = { metric: 'followers', platform: 'INSTAGRAM', direction: 'INCREASE', baseline: 5000, target: 5000 + 150 * 13 };
// 2026-01-01 → 2026-04-02 is 91 days: thirteen weeks, "three months".
const draft = (overrides: Partial<ObjectiveDraft> = {}): ObjectiveDraft => ({
  goalId: 'goal-1', title: 'Grow the Instagram audience', category: 'AUDIENCE_GROWTH', framework: 'SMART',
  startsOn: '2026-01-01', deadline: '2026-04-02', keyResults: [followersKr], ...overrides,
});
const history = (historicalWeeklyRate: number | null, historicalBaseline: number | null = 5000) =>
  ({ measurable: true, historicalBaseline, historicalWeeklyRate, historyWeeks: 12 });
const context = (overrides: Partial<SmartContext> = {}): SmartContext => ({
  goalExists: true, plan: { startsOn: '2026-01-01', endsOn: '2026-12-31' }, keyResults: [history(100)], ...overrides,
});

describe('seed 002 realism', () => {
  const perWeek = (rate: number, framework: 'SMART' | 'OKR') =>
    smartReport(draft({ framework, keyResults: [{ ...followersKr, target: 5000 + rate * 13 }] }), context()).attainable.verdict;

  it('with ~100 new followers a week of history, 125 and 150 a week over three months are realistic (PASS)', () => {
    expect(perWeek(125, 'SMART')).toBe('PASS');
    expect(perWeek(150, 'SMART')).toBe('PASS');
    expect(perWeek(125, 'OKR')).toBe('PASS');
  });

  it('500 and 1,000 a week are not grounded: FAIL for SMART, WARN for OKR', () => {
    for (const rate of [500, 1000]) {
      expect(perWeek(rate, 'SMART'), `${rate}/week SMART`).toBe('FAIL');
      expect(perWeek(rate, 'OKR'), `${rate}/week OKR`).toBe('WARN');
    }
    const report = smartReport(draft({ keyResults: [{ ...followersKr, target: 5000 + 500 * 13 }] }), context());
    expect(report.passed).toBe(false);
    expect(report.attainable.message).toMatch(/^Key result 1 \(followers\) needs \+500 a week against \+100 a week .*\(5\.0×\): unrealistic/);
  });

  it('between 1.5× and 3× is ambitious: a warning for both frameworks', () => {
    expect(perWeek(250, 'SMART')).toBe('WARN');
    expect(smartReport(draft({ keyResults: [{ ...followersKr, target: 5000 + 250 * 13 }] }), context()).attainable.message).toMatch(/ambitious/);
  });

  it('realism exposes the rates, the ratio and the band', () => {
    expect(realism({ direction: 'INCREASE', baseline: 5000, target: 5000 + 150 * 13, weeks: 13, historicalWeeklyRate: 100 }))
      .toEqual({ requiredWeeklyRate: 150, historicalWeeklyRate: 100, ratio: 1.5, band: 'REALISTIC', basis: 'LEVEL_TREND' });
    expect(realism({ direction: 'INCREASE', baseline: 5000, target: 18_000, weeks: 13, historicalWeeklyRate: 100 }).band).toBe('UNREALISTIC');
    expect(realism({ direction: 'INCREASE', baseline: 5000, target: 6000, weeks: 13, historicalWeeklyRate: null }))
      .toMatchObject({ ratio: null, band: 'NO_HISTORY' });
    expect(realism({ direction: 'INCREASE', baseline: 5000, target: 6000, weeks: 13, historicalWeeklyRate: -20 }))
      .toMatchObject({ ratio: null, band: 'UNREALISTIC' });
    const zeroLength = realism({ direction: 'INCREASE', baseline: 5000, target: 6000, weeks: 0, historicalWeeklyRate: 100 });
    expect(Number.isFinite(zeroLength.requiredWeeklyRate)).toBe(true);
    expect(zeroLength.band).toBe('UNREALISTIC');
  });
});

describe('smartReport: attainable', () => {
  it('without history it warns, never passes', () => {
    const report = smartReport(draft(), context({ keyResults: [history(null)] }));
    expect(report.attainable.verdict).toBe('WARN');
    expect(report.attainable.message).toMatch(/Key result 1 \(followers\) has no history/);
    expect(smartReport(draft(), context({ keyResults: [] })).attainable.verdict).toBe('WARN');
  });

  it('takes the baseline from the audit and resolves a relative target', () => {
    const relative = { metric: 'followers', platform: 'INSTAGRAM' as const, direction: 'INCREASE' as const, targetChangePercent: 15 };
    // +15 % of 10,000 over 13 weeks = 115 a week against 100: realistic.
    expect(smartReport(draft({ keyResults: [relative] }), context({ keyResults: [history(100, 10_000)] })).attainable.verdict).toBe('PASS');
    // +15 % of 40,000 = 6,000 over 13 weeks = 462 a week: unrealistic.
    expect(smartReport(draft({ keyResults: [relative] }), context({ keyResults: [history(100, 40_000)] })).attainable.verdict).toBe('FAIL');
  });

  it('compares magnitudes of decline for DECREASE', () => {
    const cpa = (target: number): KeyResultDraft => ({ metric: 'cost_per_acquisition', platform: 'FACEBOOK', direction: 'DECREASE', baseline: 40, target });
    const base = { category: 'SALES_VIA_SOCIAL' as const };
    // History: cost falls 1 a week. 13 weeks: down to 27 needs 1/week (PASS); down to 1 needs 3/week (AMBITIOUS); to −20 is 4.6× (FAIL).
    expect(smartReport(draft({ ...base, keyResults: [cpa(27)] }), context({ keyResults: [history(-1, 40)] })).attainable.verdict).toBe('PASS');
    expect(smartReport(draft({ ...base, keyResults: [cpa(1)] }), context({ keyResults: [history(-1, 40)] })).attainable.verdict).toBe('WARN');
    expect(smartReport(draft({ ...base, keyResults: [cpa(-20)] }), context({ keyResults: [history(-1, 40)] })).attainable.verdict).toBe('FAIL');
    // A cost that has been rising gives no support for cutting it.
    expect(smartReport(draft({ ...base, keyResults: [cpa(35)] }), context({ keyResults: [history(0.5, 40)] })).attainable.verdict).toBe('FAIL');
  });

  it('MAINTAIN passes when the history holds the band, and warns when it drifts out of it', () => {
    const hold: KeyResultDraft = { metric: 'csat', platform: 'X', direction: 'MAINTAIN', baseline: 90, target: 90, maintainTolerance: 3 };
    const care = { category: 'CUSTOMER_CARE' as const };
    expect(smartReport(draft({ ...care, keyResults: [hold] }), context({ keyResults: [history(0.1, 90)] })).attainable.verdict).toBe('PASS');
    const drifting = smartReport(draft({ ...care, keyResults: [hold] }), context({ keyResults: [history(-0.5, 90)] }));
    expect(drifting.attainable.verdict).toBe('WARN');
    expect(drifting.attainable.message).toMatch(/outside the band 87–93/);
  });

  it('warns when the baseline already meets the target', () => {
    const report = smartReport(draft({ keyResults: [{ ...followersKr, target: 4500 }] }), context());
    expect(report.attainable.verdict).toBe('WARN');
    expect(report.attainable.message).toMatch(/already met by the baseline/);
  });
});

describe('smartReport: the other letters', () => {
  it('passes a complete, grounded objective', () => {
    const report = smartReport(draft(), context());
    const { keyResults, ...letters } = report;
    expect(Object.fromEntries(Object.entries(letters).map(([k, v]) => [k, typeof v === 'boolean' ? v : v.verdict]))).toEqual({
      specific: 'PASS', measurable: 'PASS', attainable: 'PASS', realistic: 'PASS', relevant: 'PASS', timeBound: 'PASS', passed: true,
    });
    expect(keyResults).toHaveLength(1);
    expect(report.specific).toMatchObject({ code: 'SPECIFIC_OK', findings: [] });
  });

  it('Specific fails a draft with no key results, and names what a key result lacks', () => {
    const empty = smartReport(draft({ keyResults: [] }), context({ keyResults: [] }));
    expect(empty.specific.verdict).toBe('FAIL');
    expect(empty.passed).toBe(false);
    const vague = smartReport(draft({ keyResults: [followersKr, { metric: 'reach', direction: 'INCREASE' }] }), context({ keyResults: [history(100), history(100)] }));
    expect(vague.specific.verdict).toBe('FAIL');
    expect(vague.specific.message).toMatch(/^Key result 2 \(reach\) is missing a scope .* an explicit number/);
  });

  it('Measurable fails a metric outside the catalog, naming it, and warns on one no source delivers', () => {
    const unknown = smartReport(draft({ keyResults: [{ ...followersKr, metric: 'vibes' }] }), context());
    expect(unknown.measurable.verdict).toBe('FAIL');
    expect(unknown.measurable.message).toMatch(/Key result 1 \(vibes\): "vibes" is not in the metric catalog/);
    const unconnected = smartReport(draft(), context({ keyResults: [{ ...history(100), measurable: false }] }));
    expect(unconnected.measurable.verdict).toBe('WARN');
    expect(unconnected.measurable.message).toMatch(/no connected source/);
  });

  it('Relevant fails without a business goal and warns on a KPI not recommended for the category', () => {
    expect(smartReport(draft({ goalId: undefined }), context()).relevant.verdict).toBe('FAIL');
    expect(smartReport(draft(), context({ goalExists: false })).relevant.verdict).toBe('FAIL');
    const offCategory = smartReport(draft({ category: 'CUSTOMER_CARE' }), context());
    expect(offCategory.relevant.verdict).toBe('WARN');
    expect(offCategory.relevant.message).toMatch(/Key result 1 \(followers\) is not a KPI recommended for CUSTOMER_CARE/);
    expect(offCategory.passed).toBe(true);
  });

  it('Time-bound fails without dates, with a deadline not after the start, or outside the plan period', () => {
    expect(smartReport(draft({ deadline: undefined }), context()).timeBound.verdict).toBe('FAIL');
    expect(smartReport(draft({ deadline: '2026-01-01' }), context()).timeBound.verdict).toBe('FAIL');
    expect(smartReport(draft({ deadline: '2026-02-30' }), context()).timeBound.verdict).toBe('FAIL');
    const outside = smartReport(draft({ deadline: '2027-01-15' }), context());
    expect(outside.timeBound.verdict).toBe('FAIL');
    expect(outside.timeBound.message).toMatch(/outside the plan period 2026-01-01 – 2026-12-31/);
    expect(smartReport(draft({ deadline: '2027-01-15' }), context({ plan: null })).timeBound.verdict).toBe('PASS');
  });

  it('every verdict carries a sentence', () => {
    for (const report of [smartReport(draft(), context()), smartReport({}, { goalExists: false, plan: null, keyResults: [] })]) {
      for (const letter of [report.specific, report.measurable, report.attainable, report.realistic, report.relevant, report.timeBound]) {
        expect(letter.message).toMatch(/^[A-Z].{10,}\.$/);
        expect(letter.code).toMatch(/^[A-Z][A-Z_]+$/);
        for (const f of letter.findings) expect(f.message).toMatch(/^[A-Z].{10,}\.$/);
      }
    }
  });
});

describe('platform metric deprecations in the SMART check', () => {
  const impressionsKr: KeyResultDraft = { metric: 'impressions', platform: 'FACEBOOK', direction: 'INCREASE', baseline: 1000, target: 1200 };
  const ctrKr: KeyResultDraft = { metric: 'click_through_rate', platform: 'FACEBOOK', direction: 'INCREASE', baseline: 1, target: 1.2 };
  const onFacebook = { ...history(100), scopePlatforms: ['FACEBOOK' as const] };

  it('warns when a platform in scope stops reporting the metric, or a KPI input, before the deadline', () => {
    for (const kr of [impressionsKr, ctrKr]) {
      const report = smartReport(draft({ startsOn: '2026-05-01', deadline: '2026-07-31', keyResults: [kr] }), context({ keyResults: [onFacebook] }));
      expect(report.measurable.verdict).toBe('WARN');
      expect(report.measurable.message).toMatch(/FACEBOOK stops reporting page_impressions \(read as impressions\) from 2026-06-15.*views/);
    }
  });

  it('passes when the deadline comes before the deprecation, or the scope is another platform', () => {
    expect(smartReport(draft({ keyResults: [impressionsKr] }), context({ keyResults: [onFacebook] })).measurable.verdict).toBe('PASS');
    const onInstagram = { ...history(100), scopePlatforms: ['INSTAGRAM' as const] };
    expect(smartReport(draft({ deadline: '2026-09-30', keyResults: [{ ...impressionsKr, platform: 'INSTAGRAM' }] }), context({ keyResults: [onInstagram] })).measurable.verdict).toBe('PASS');
  });
});

describe('a target against its direction, read from history while it is typed', () => {
  const resolved = (settled: boolean, kind: 'LEVEL_AT_START' | 'FIRST_LEVEL_AFTER_START', target: number | null = null) =>
    ({ ...history(100, 11_000), resolution: { baseline: 11_000, target, basis: { kind, from: '2025-12-31', to: '2025-12-31', coveredDays: null }, settled } });
  const typed = (target: number) => ({ ...followersKr, baseline: undefined, target });

  it('is a Specific FAIL with its code and params for each partial number below the baseline, not a refusal', () => {
    for (const target of [1, 11, 115, 1150]) {
      const report = smartReport(draft({ keyResults: [typed(target)] }), context({ keyResults: [resolved(true, 'LEVEL_AT_START')] }));
      expect(report.specific).toMatchObject({
        verdict: 'FAIL', code: 'TARGET_AGAINST_DIRECTION',
        params: { direction: 'INCREASE', baseline: 11_000, target, basis: 'LEVEL_AT_START', field: 'target' },
        findings: [{ verdict: 'FAIL', code: 'TARGET_AGAINST_DIRECTION', keyResult: 0 }],
      });
      expect(report.passed).toBe(false);
      expect(report.keyResults[0]).toMatchObject({ baseline: 11_000, target });
    }
    expect(smartReport(draft({ keyResults: [typed(11_500)] }), context({ keyResults: [resolved(true, 'LEVEL_AT_START')] })).specific.verdict).toBe('PASS');
  });

  it('says nothing against a stand-in baseline or a given one (the input rules judge a given pair)', () => {
    expect(smartReport(draft({ keyResults: [typed(115)] }), context({ keyResults: [resolved(false, 'FIRST_LEVEL_AFTER_START')] })).specific.verdict).toBe('PASS');
    expect(smartReport(draft({ keyResults: [{ ...followersKr, baseline: 100, target: 115 }] }), context({ keyResults: [resolved(true, 'LEVEL_AT_START')] })).specific.verdict).toBe('PASS');
  });

  it('covers a relative target and DECREASE too', () => {
    const down = smartReport(draft({ keyResults: [{ ...followersKr, direction: 'DECREASE', baseline: undefined, target: undefined, targetChangePercent: 5 }] }), context({ keyResults: [resolved(true, 'LEVEL_AT_START', 11_550)] }));
    expect(down.specific).toMatchObject({ verdict: 'FAIL', code: 'TARGET_AGAINST_DIRECTION', params: { direction: 'DECREASE', field: 'targetChangePercent' } });
  });
});

import { describe, expect, it } from 'vitest';
import { smartReport, type KeyResultDraft, type ObjectiveDraft, type SmartContext, type SmartKeyResultContext } from '../src/index.ts';

const history = (overrides: Partial<SmartKeyResultContext> = {}): SmartKeyResultContext =>
  ({ measurable: true, historicalBaseline: null, historicalWeeklyRate: null, historyWeeks: 12, ...overrides });
const draft = (keyResults: KeyResultDraft[], overrides: Partial<ObjectiveDraft> = {}): ObjectiveDraft => ({
  goalId: 'g', title: 'Sell through social', category: 'SALES_VIA_SOCIAL', framework: 'SMART', startsOn: '2026-01-01', deadline: '2026-04-01', keyResults, ...overrides,
});
const context = (keyResults: SmartKeyResultContext[], overrides: Partial<SmartContext> = {}): SmartContext =>
  ({ goalExists: true, plan: { startsOn: '2026-01-01', endsOn: '2026-12-31' }, today: '2025-12-20', keyResults, ...overrides });

describe('Realistic: the budget against the spend cost targets imply', () => {
  // A cost per acquisition of 20 over the 130 conversions the objective aims at: 2,600 of spend.
  const cpa: KeyResultDraft = { metric: 'cost_per_acquisition', platform: 'FACEBOOK', direction: 'DECREASE', baseline: 25, target: 20 };
  const conversions: KeyResultDraft = { metric: 'conversions', platform: 'WEBSITE', direction: 'INCREASE', baseline: 100, target: 130 };
  const contexts = [history({ costVolumePerWeek: 8, historicalWeeklyRate: -0.5 }), history({ historicalWeeklyRate: 10 })];

  it('warns without a budget and names the one the targets imply', () => {
    const report = smartReport(draft([cpa, conversions]), context(contexts));
    expect(report.realistic.findings[0]).toMatchObject({
      verdict: 'WARN', code: 'BUDGET_MISSING', params: { impliedSpend: 2600 }, suggestions: [{ code: 'BUDGET_FOR_COST_TARGETS', field: 'budget', value: 2600 }],
    });
    expect(report.realistic.message).toMatch(/cost_per_acquisition\) at 20 a conversions over 130 of them implies 2,600/);
  });

  it('warns when the budget falls short, and passes when it covers them', () => {
    const short = smartReport(draft([cpa, conversions]), context(contexts, { budget: { amount: 1000, currency: 'EUR' } }));
    expect(short.realistic.findings[0]).toMatchObject({ code: 'BUDGET_SHORT', params: { budget: 1000, currency: 'EUR', impliedSpend: 2600 } });
    const enough = smartReport(draft([cpa, conversions]), context(contexts, { budget: { amount: 3000, currency: 'EUR' } }));
    expect(enough.realistic).toMatchObject({ verdict: 'PASS', code: 'REALISTIC_OK' });
    expect(enough.realistic.message).toMatch(/a budget of 3,000 EUR covering the 2,600 EUR the cost targets imply/);
  });

  it('without a volume target, reads the volume from history: 8 conversions a week for the 90 days', () => {
    const alone = smartReport(draft([cpa]), context([contexts[0]!], { budget: { amount: 1000, currency: 'EUR' } }));
    expect(alone.realistic.findings[0]!.params.impliedSpend).toBeCloseTo(20 * 8 * (90 / 7), 6);
  });
});

describe('Realistic: the time left', () => {
  const followers: KeyResultDraft = { metric: 'followers', platform: 'INSTAGRAM', direction: 'INCREASE', baseline: 5000, target: 6300 };
  const grounded = history({ historicalBaseline: 5000, historicalWeeklyRate: 100 });

  it('fails an objective whose deadline has passed', () => {
    const report = smartReport(draft([followers], { category: 'AUDIENCE_GROWTH' }), context([grounded], { today: '2026-04-02' }));
    expect(report.realistic).toMatchObject({ verdict: 'FAIL', code: 'DEADLINE_PASSED' });
    expect(report.passed).toBe(false);
  });

  it('judges what is left from today\'s value over the weeks that remain, and says the deadline that would do', () => {
    // Half-way with only +100 of 1,300: 1,200 in 45 days is 187 a week against 100.
    const late = smartReport(draft([followers], { category: 'AUDIENCE_GROWTH' }), context([{ ...grounded, current: 5100 }], { today: '2026-02-15' }));
    expect(late.realistic.findings[0]).toMatchObject({ verdict: 'WARN', code: 'TIME_LEFT_AMBITIOUS', keyResult: 0 });
    expect(late.realistic.findings[0]!.suggestions[0]).toMatchObject({ code: 'DEADLINE_FOR_TARGET', field: 'deadline', value: '2026-04-12' }); // 1,200 at 150 a week: 8 weeks
    // On its way: nothing to say.
    const onWay = smartReport(draft([followers], { category: 'AUDIENCE_GROWTH' }), context([{ ...grounded, current: 5700 }], { today: '2026-02-15' }));
    expect(onWay.realistic.verdict).toBe('PASS');
    expect(onWay.realistic.message).toMatch(/6\.43 weeks left/);
  });
});

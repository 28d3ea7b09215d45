import { describe, expect, it } from 'vitest';
import {
  addDays, defaultThresholds, evaluateKeyResult, findMetric, isPrimaryCategory, keyResultHistoryContext, keyResultHistoryRange, keyResultSeries,
  okrScore, primaryObjectiveTypes, smartReport, statusWording,
  type KeyResultDraft, type KeyResultSources, type ObjectiveCategory, type ObjectiveDraft, type SeriesPoint, type SmartContext,
} from '../src/index.ts';

/** Daily points for the `days` days before `until` (exclusive), value by day index (0 = the earliest). */
const before = (until: string, days: number, value: (i: number) => number): SeriesPoint[] =>
  Array.from({ length: days }, (_, i) => ({ at: addDays(until, i - days), value: value(i) }));

/** A deterministic pseudo-random sequence in [0, 1) (mulberry32): the same history every run. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sources = (overrides: Partial<KeyResultSources> = {}): KeyResultSources =>
  ({ accounts: 1, connectorPlatforms: [], openSources: ['MANUAL'], metricsWithData: [], ...overrides });

/** The SMART context of a draft whose key results all read `raw` (one account), as the gateway builds it. */
function contextOf(draft: ObjectiveDraft, raw: Record<string, SeriesPoint[]>, extras: Partial<SmartContext> & { today: string; sources?: KeyResultSources }): SmartContext {
  return {
    goalExists: true,
    plan: { startsOn: '2026-01-01', endsOn: '2026-12-31' },
    budget: null,
    plannedContentItems: null,
    ...extras,
    keyResults: (draft.keyResults ?? []).map((kr) => {
      const definition = findMetric(kr.metric!)!;
      const range = keyResultHistoryRange(definition, { startsOn: draft.startsOn!, deadline: draft.deadline! }, extras.today);
      const inRange = Object.fromEntries(Object.entries(raw).map(([m, points]) => [m, points.filter((p) => p.at >= range.from && p.at <= range.to)]));
      return keyResultHistoryContext({
        definition, draft: kr, dates: { startsOn: draft.startsOn!, deadline: draft.deadline! }, today: extras.today, raw: inRange,
        sources: extras.sources ?? sources(), scopePlatforms: ['FACEBOOK'],
      });
    }),
  };
}

describe('seed 002: the coffee shop — "+15% fans, +15% link clicks, an average reach of 1,000 per post, within 3 months"', () => {
  const startsOn = '2026-01-01';
  const deadline = '2026-04-01'; // 91 days with the deadline: thirteen weeks
  // 180 days of a Facebook page before the start: 20 link clicks, 900 reach and one post a day, +10 fans a day.
  const raw = {
    followers: before(startsOn, 180, (i) => 5010 + 10 * i),
    link_clicks: before(startsOn, 180, () => 20),
    reach: before(startsOn, 180, () => 900),
    posts: before(startsOn, 180, () => 1),
  };
  const keyResults: KeyResultDraft[] = [
    { metric: 'followers', platform: 'FACEBOOK', direction: 'INCREASE', targetChangePercent: 15 },
    { metric: 'link_clicks', platform: 'FACEBOOK', direction: 'INCREASE', targetChangePercent: 15 },
    { metric: 'reach_per_post', platform: 'FACEBOOK', direction: 'INCREASE', target: 1000 },
  ];
  const draft = (framework: 'SMART' | 'OKR' = 'SMART'): ObjectiveDraft => ({
    goalId: 'visibility', title: 'Brand awareness within five kilometres of the café', category: 'AWARENESS', framework, startsOn, deadline, keyResults,
  });
  // "Boost the new café posts with $15 each": one planned post a day, $15 each.
  const boosted = { today: '2025-12-20', budget: { amount: 15 * 91, currency: 'USD' }, plannedContentItems: 91 };

  it('resolves each target the way a marketer means it, before anything is saved', () => {
    const report = smartReport(draft(), contextOf(draft(), raw, boosted));
    const [fans, clicks, reachPerPost] = report.keyResults;
    // Fans: the level at the start, +15 %.
    expect(fans).toMatchObject({ baseline: 6800, basis: { kind: 'LEVEL_AT_START', from: '2025-12-31' } });
    expect(fans!.target).toBeCloseTo(7820);
    // Link clicks: the 91 days before the start counted 1,820; +15 % is 2,093 over the three months — not 0.
    expect(clicks).toMatchObject({ baseline: 1820, basis: { kind: 'PREVIOUS_PERIOD_TOTAL', from: '2025-10-02', to: '2025-12-31', coveredDays: 91 } });
    expect(clicks!.target).toBeCloseTo(2093);
    // Reach per post: the KPI over the 28 days before the start.
    expect(reachPerPost).toMatchObject({ baseline: 900, target: 1000, basis: { kind: 'KPI_BEFORE_START', from: '2025-12-04', to: '2025-12-31' } });
  });

  it('"+15% link clicks" is not achieved on day one: it is judged against the share of the previous period run so far', () => {
    const clicks = { direction: 'INCREASE' as const, baseline: 1820, target: 2093, startsOn, deadline, flow: true };
    const dayOne = evaluateKeyResult(clicks, [{ at: startsOn, value: 20 }], new Date('2026-01-01T18:00:00Z'), defaultThresholds);
    expect(dayOne.status).not.toBe('ACHIEVED');
    expect(dayOne.progress).toBeCloseTo(0, 6);
    // At the old pace (20 a day) for 45 days: no progress on the +15 %, off track.
    const oldPace = keyResultSeries(findMetric('link_clicks')!, { link_clicks: before('2026-02-15', 45, () => 20) }, { startsOn });
    expect(evaluateKeyResult(clicks, oldPace, new Date('2026-02-14T18:00:00Z'), defaultThresholds)).toMatchObject({ status: 'OFF_TRACK' });
    // At 23 a day (+15 %): on the path, progress equal to the share of the period.
    const newPace = keyResultSeries(findMetric('link_clicks')!, { link_clicks: before('2026-02-15', 45, () => 23) }, { startsOn });
    const onPath = evaluateKeyResult(clicks, newPace, new Date('2026-02-14T18:00:00Z'), defaultThresholds);
    expect(onPath.status).toBe('ON_TRACK');
    expect(onPath.progress).toBeCloseTo(45 / 91, 6);
    // The whole period at 23 a day reaches the target on the deadline.
    const done = keyResultSeries(findMetric('link_clicks')!, { link_clicks: before('2026-04-02', 91, () => 23) }, { startsOn });
    expect(evaluateKeyResult(clicks, done, new Date('2026-04-01T18:00:00Z'), defaultThresholds).status).toBe('ACHIEVED');
  });

  it('judges fans and clicks by their rates and reach per post by its own history: realistic, realistic, and not grounded by a history that stood still', () => {
    const report = smartReport(draft(), contextOf(draft(), raw, boosted));
    const [fans, clicks, reachPerPost] = report.keyResults;
    // 1,020 fans from the start to the deadline (90 days) = 79 a week against the 70 a week shown.
    expect(fans!.realism).toMatchObject({ basis: 'LEVEL_TREND', band: 'REALISTIC' });
    expect(fans!.realism!.ratio).toBeCloseTo(1020 / (90 / 7) / 70, 2);
    // 2,093 clicks over 13 weeks = 161 a week against 140.
    expect(clicks!.realism).toMatchObject({ basis: 'FLOW_VOLUME', band: 'REALISTIC' });
    expect(clicks!.realism!.ratio).toBeCloseTo(1.15, 6);
    // Reach per post has 180 days of history: no NO_HISTORY; it never moved in any 13-week window.
    expect(reachPerPost!.realism).toMatchObject({ basis: 'KPI_CHANGES', band: 'UNREALISTIC', ratio: null });
    expect(report.attainable.findings.map((f) => [f.keyResult, f.code])).toEqual([[2, 'UNREALISTIC']]);
    expect(report.attainable.message).toMatch(/Key result 3 \(reach_per_post\) needs \+100 over the period against 0, the change the better quarter of \d+ past 90-day windows reached while the history does not move that way: unrealistic for a SMART objective; the history has stood still, so plan what will move it/);
    expect(smartReport(draft('OKR'), contextOf(draft('OKR'), raw, boosted)).attainable.verdict).toBe('WARN');
  });

  it('a café whose reach per post has been climbing finds 1,000 ambitious, and the $15-a-post boost makes the plan realistic', () => {
    const next = random(2);
    const climbing = {
      ...raw,
      // Reach per post up ~50 a quarter, with the ups and downs of real posts.
      reach: before(startsOn, 180, (i) => Math.round((800 + (50 / 91) * i) * (1 + 0.3 * (next() - 0.5)))),
    };
    const report = smartReport(draft(), contextOf(draft(), climbing, boosted));
    expect(report.keyResults[2]!.realism).toMatchObject({ basis: 'KPI_CHANGES', band: 'AMBITIOUS' });
    expect(report.attainable.verdict).toBe('WARN');
    expect(report.realistic).toMatchObject({ verdict: 'PASS', code: 'REALISTIC_OK' });
    expect(report.realistic.message).toMatch(/91 content items planned for the per-post target, 15 USD of budget each/);
    expect(report.passed).toBe(true);
    // Advice as data: the target at the historical pace and at 1.5× it, and the deadline that makes 1,000 realistic.
    const advice = report.keyResults[2]!;
    expect(advice.targetAtHistoricalPace!).toBeGreaterThan(advice.baseline!);
    expect(advice.targetAtRealisticPace! - advice.baseline!).toBeCloseTo(1.5 * (advice.targetAtHistoricalPace! - advice.baseline!), 1);
    expect(advice.deadlineForTarget! > deadline).toBe(true);
    expect(report.attainable.findings[0]!.suggestions.map((s) => [s.code, s.field])).toEqual([['TARGET_AT_REALISTIC_PACE', 'target'], ['DEADLINE_FOR_TARGET', 'deadline']]);
  });

  it('Realistic asks for the content a per-post target is read over, and says how many', () => {
    const unplanned = smartReport(draft(), contextOf(draft(), raw, { ...boosted, plannedContentItems: 0 }));
    expect(unplanned.realistic.verdict).toBe('WARN');
    expect(unplanned.realistic.findings[0]).toMatchObject({
      code: 'NO_CONTENT_PLANNED', keyResult: 2, suggestions: [{ code: 'CONTENT_FOR_PER_POST_TARGET', field: 'plannedContentItems', value: 91 }],
    });
    expect(unplanned.realistic.findings[0]!.message).toMatch(/the history's 7 posts a week make about 91 in the period/);
    expect(smartReport(draft(), contextOf(draft(), raw, { ...boosted, plannedContentItems: 30 })).realistic.findings[0]).toMatchObject({ code: 'CONTENT_SHORT', params: { planned: 30, needed: 91 } });
  });

  it('Measurable knows the Facebook connector fetches neither link clicks nor posts, and says which sources would', () => {
    const connector = sources({ connectorPlatforms: ['FACEBOOK'], openSources: [] });
    const report = smartReport(draft(), contextOf(draft(), raw, { ...boosted, sources: connector }));
    expect(report.measurable.verdict).toBe('WARN');
    expect(report.measurable.findings.map((f) => [f.keyResult, f.code, f.params.missing, f.params.deliveredBy])).toEqual([
      [1, 'METRIC_NOT_DELIVERED', 'link_clicks', 'LINKEDIN,PINTEREST'],
      [2, 'METRIC_NOT_DELIVERED', 'posts', 'X,TIKTOK'],
    ]);
    expect(report.measurable.findings[0]!.message).toMatch(/the meta-page connector does not fetch link_clicks .*connect an account of LINKEDIN \(linkedin\) or PINTEREST \(pinterest\)/);
    // Imported history counts as a source: the same account with link clicks and posts imported is measurable.
    const imported = sources({ connectorPlatforms: ['FACEBOOK'], openSources: [], metricsWithData: ['link_clicks', 'posts', 'reach', 'followers'] });
    expect(smartReport(draft(), contextOf(draft(), raw, { ...boosted, sources: imported })).measurable.verdict).toBe('PASS');
  });
});

describe('seed 002: ~100 followers a week', () => {
  const startsOn = '2026-04-01';
  const deadline = '2026-07-01'; // 91 days: thirteen weeks
  const raw = { followers: before(startsOn, 84, (i) => 5000 + Math.round((100 / 7) * i)) };
  const perWeek = (rate: number, framework: 'SMART' | 'OKR' = 'SMART') => {
    const draft: ObjectiveDraft = {
      goalId: 'customers', title: 'Grow the Instagram audience', category: 'AUDIENCE_GROWTH', framework, startsOn, deadline,
      keyResults: [{ metric: 'followers', accountId: 'ig', direction: 'INCREASE', target: 6186 + rate * 13 }],
    };
    return smartReport(draft, contextOf(draft, raw, { today: '2026-03-31', plan: { startsOn: '2026-01-01', endsOn: '2026-12-31' } }));
  };

  it('125 and 150 a week are realistic, 500 and 1,000 are not rooted in reality', () => {
    expect(perWeek(125).attainable.verdict).toBe('PASS');
    expect(perWeek(150).attainable.verdict).toBe('PASS');
    for (const rate of [500, 1000]) {
      expect(perWeek(rate).attainable).toMatchObject({ verdict: 'FAIL', code: 'UNREALISTIC' });
      expect(perWeek(rate, 'OKR').attainable.verdict).toBe('WARN');
    }
    expect(perWeek(125).keyResults[0]!.realism!.historicalWeeklyRate).toBeCloseTo(100, 0);
  });

  it('offers the target at the historical pace, at 1.5× it, the deadline that makes 1,000 a week realistic, and for OKR the stretch at 0.7', () => {
    const okr = perWeek(1000, 'OKR');
    const advice = okr.keyResults[0]!;
    const rate = advice.realism!.historicalWeeklyRate!;
    expect(advice.targetAtHistoricalPace).toBeCloseTo(6186 + rate * 13, -1);
    expect(advice.targetAtRealisticPace).toBeCloseTo(6186 + 1.5 * rate * 13, -1);
    // 13,000 more at 150 a week: about 87 weeks.
    expect(advice.deadlineForTarget).toBe(addDays(startsOn, Math.ceil((13_000 / (1.5 * rate)) * 7)));
    // Reaching 0.7 of the stretch at the historical pace: the stretch is the pace's gain ÷ 0.7.
    expect(advice.stretchTarget! - 6186).toBeCloseTo((rate * 13) / 0.7, -1);
    expect(okr.attainable.findings[0]!.suggestions.map((s) => s.code)).toEqual(['TARGET_AT_REALISTIC_PACE', 'DEADLINE_FOR_TARGET', 'OKR_STRETCH_TARGET']);
    expect(perWeek(1000).keyResults[0]!.stretchTarget).toBeNull(); // SMART targets are meant to be hit in full
  });
});

describe('seed 003: reaching 60 or 70 percent of an OKR is already a win', () => {
  it('counts 0.6 as success by default and 0.7 where the plan says so, and words the grade', () => {
    const at60 = okrScore([{ score: 0.6, weight: 1 }]);
    expect(at60.grade).toBe('GREEN');
    expect(statusWording('OKR', 'MISSED', at60)).toBe('Closed at 60%: a success by OKR standards (60% or more).');
    const strict = okrScore([{ score: 0.6, weight: 1 }], 0.7);
    expect(strict.grade).toBe('YELLOW');
    expect(statusWording('OKR', 'MISSED', strict, 0.7)).toBe('Closed at 60%, below the 70% that counts as success.');
    const at70 = okrScore([{ score: 0.7, weight: 1 }], 0.7);
    expect(statusWording('OKR', 'AT_RISK', at70, 0.7)).toBe('Behind pace, yet already a success (score 70%, from 70%).');
    expect(statusWording('OKR', 'AT_RISK', okrScore([{ score: 0.5, weight: 1 }]))).toBe('Behind pace (score 50%): 60% is still within reach if the trend improves.');
  });
});

describe('seed 001: focus — the more primary objectives, the harder each is to reach and to analyse', () => {
  const draft = (category: ObjectiveCategory): ObjectiveDraft => ({
    goalId: 'g', title: 'One more', category, framework: 'SMART', startsOn: '2026-01-01', deadline: '2026-04-01',
    keyResults: [{ metric: 'followers', platform: 'INSTAGRAM', direction: 'INCREASE', baseline: 1000, target: 1100 }],
  });
  const context = (otherCategories: ObjectiveCategory[], maxPrimaryCategories = 3): SmartContext => ({
    goalExists: true,
    plan: { startsOn: '2026-01-01', endsOn: '2026-12-31', otherCategories, settings: { okrSuccessFrom: 0.6, maxPrimaryCategories } },
    keyResults: [{ measurable: true, historicalBaseline: 1000, historicalWeeklyRate: 10, historyWeeks: 12 }],
  });
  const six: ObjectiveCategory[] = ['SALES_VIA_SOCIAL', 'SOCIAL_COMMERCE', 'REPUTATION', 'CUSTOMER_CARE', 'WEB_TRAFFIC'];

  it('warns every objective of a plan with six primary categories on its Relevant letter, saying why', () => {
    const report = smartReport(draft('AWARENESS'), context(six));
    const focus = report.relevant.findings.find((f) => f.code === 'TOO_MANY_PRIMARY_CATEGORIES')!;
    expect(focus).toMatchObject({ verdict: 'WARN', keyResult: null, params: { count: 6, max: 3 } });
    expect(focus.message).toMatch(/^The plan pursues 6 primary categories \(SALES_VIA_SOCIAL, SOCIAL_COMMERCE, REPUTATION, CUSTOMER_CARE, WEB_TRAFFIC, AWARENESS\), more than the 3 it is set to focus on: the more primary objectives a plan pursues, the harder each is to reach and to analyse/);
    expect(report.passed).toBe(true);
  });

  it('stays quiet at the limit, counts no supporting category, and takes the plan\'s own limit', () => {
    expect(smartReport(draft('AWARENESS'), context(['SALES_VIA_SOCIAL', 'WEB_TRAFFIC'])).relevant.findings.map((f) => f.code)).not.toContain('TOO_MANY_PRIMARY_CATEGORIES');
    // Engagement and audience growth support primary objectives rather than being ones.
    expect(smartReport(draft('ENGAGEMENT'), context(['SALES_VIA_SOCIAL', 'WEB_TRAFFIC', 'AWARENESS', 'AUDIENCE_GROWTH'])).relevant.findings.map((f) => f.code)).not.toContain('TOO_MANY_PRIMARY_CATEGORIES');
    expect(smartReport(draft('AWARENESS'), context(six, 6)).relevant.findings).toEqual([]);
  });
});

describe('seed 001: the five primary objective types with their KPIs', () => {
  it('maps each type to its categories, primary ones, whose recommended KPIs hold the KPIs the seed names', () => {
    expect(primaryObjectiveTypes.map((t) => t.id)).toEqual(['SELL_THROUGH_SOCIAL', 'SELL_ON_SOCIAL', 'BRAND_IMAGE', 'COMMUNICATION_CHANNEL', 'WEB_VISITS']);
    for (const type of primaryObjectiveTypes) {
      for (const category of type.categories) expect(isPrimaryCategory(category), category).toBe(true);
      // Its main category (lead generation feeds the first type's "captación" with its own KPIs: leads, cost per lead).
      for (const category of type.categories.slice(0, 1)) {
        const report = smartReport({
          goalId: 'g', title: type.seed, category, framework: 'SMART', startsOn: '2026-01-01', deadline: '2026-04-01',
          keyResults: type.kpis.map((metric) => ({ metric, platform: 'WEBSITE' as const, direction: findMetric(metric)!.goodDirection, baseline: 10, target: findMetric(metric)!.goodDirection === 'DECREASE' ? 9 : 11 })),
        }, { goalExists: true, plan: null, keyResults: type.kpis.map(() => ({ measurable: true, historicalBaseline: null, historicalWeeklyRate: null, historyWeeks: 0 })) });
        expect(report.relevant, `${type.id} / ${category}`).toMatchObject({ verdict: 'PASS', code: 'RELEVANT_OK' });
        expect(report.measurable.verdict, `${type.id} / ${category}`).toBe('PASS');
      }
    }
    expect(isPrimaryCategory('ENGAGEMENT')).toBe(false);
    expect(isPrimaryCategory('AUDIENCE_GROWTH')).toBe(false);
  });

  it('names the KPIs of each type as the seed does', () => {
    const kpis = Object.fromEntries(primaryObjectiveTypes.map((t) => [t.id, t.kpis]));
    expect(kpis.SELL_THROUGH_SOCIAL).toEqual(expect.arrayContaining(['revenue', 'social_conversion_rate', 'cost_per_acquisition'])); // sales volume, % conversion, cost of acquisition
    expect(kpis.SELL_ON_SOCIAL).toEqual(expect.arrayContaining(['revenue', 'conversion_rate', 'cost_per_acquisition']));
    expect(kpis.BRAND_IMAGE).toEqual(expect.arrayContaining(['cost_per_follower', 'sentiment'])); // cost per user, reputation and perception
    expect(kpis.COMMUNICATION_CHANNEL).toEqual(['resolution_rate', 'csat', 'cost_per_resolved_case']); // % resolution, % satisfaction, cost per user
    expect(kpis.WEB_VISITS).toEqual(['click_through_rate', 'sessions', 'bounce_rate', 'link_clicks']); // direction, landing, bounce, clicks
  });
});

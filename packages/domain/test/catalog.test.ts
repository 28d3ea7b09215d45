import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  computeDerivedKpi, findMetric, metricCatalog, objectiveCategories, platformGuidance, recommendedKpis, isRecommendedKpi,
} from '../src/index.ts';

// DESIGN.md §3 and KPIS.md, copied by hand so that a rename in the catalog fails here.
const rawIds = [
  'followers', 'impressions', 'reach', 'engagements', 'reactions', 'comments', 'shares', 'posts', 'mentions', 'brand_mentions',
  'competitor_mentions', 'link_clicks', 'video_views', 'profile_visits', 'sessions', 'bounces', 'conversions', 'leads',
  'email_signups', 'revenue', 'spend', 'support_cases_opened', 'support_cases_resolved', 'first_response_time', 'csat', 'nps', 'sentiment',
];
const kpiIds = [
  'engagement_rate_by_reach', 'engagement_rate_by_impressions', 'engagement_rate_by_followers', 'engagement_rate_daily_avg',
  'conversation_rate_per_post', 'amplification_rate_per_post', 'applause_rate_per_post', 'amplification_rate_by_followers',
  'applause_rate_by_followers', 'conversation_rate_by_followers', 'virality_rate', 'audience_growth_rate', 'net_follower_growth',
  'share_of_voice', 'click_through_rate', 'conversion_rate', 'social_conversion_rate', 'bounce_rate', 'reach_per_post',
  'cost_per_click', 'cpm', 'cost_per_acquisition', 'cost_per_follower', 'cost_per_engagement', 'cost_per_lead', 'social_roi',
  'resolution_rate',
];

describe('metric catalog', () => {
  it('holds every raw metric of DESIGN.md §3 and every derived KPI of KPIS.md under its catalog id', () => {
    for (const id of rawIds) expect(findMetric(id)?.kind, id).not.toBe('DERIVED');
    for (const id of kpiIds) expect(findMetric(id)?.kind, id).toBe('DERIVED');
    // KPIS.md lists nps, csat and first_response_time with formulas; they arrive as raw levels, formula stated.
    for (const id of ['nps', 'csat', 'first_response_time']) expect(findMetric(id)?.formula, id).toBeTruthy();
    expect(findMetric('followers')?.kind).toBe('CUMULATIVE');
    expect(findMetric('link_clicks')?.kind).toBe('FLOW');
    expect(findMetric('no_such_metric')).toBeUndefined();
  });

  it('has unique snake_case ids, a label, a description and a formula for every KPI, whose inputs are raw metrics', () => {
    expect(new Set(metricCatalog.map((m) => m.id)).size).toBe(metricCatalog.length);
    for (const m of metricCatalog) {
      expect(m.id).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(m.label.length, m.id).toBeGreaterThan(0);
      expect(m.description.length, m.id).toBeGreaterThan(10);
      if (m.kind === 'DERIVED') {
        expect(m.formula, m.id).toBeTruthy();
        expect(m.inputs.length, m.id).toBeGreaterThan(0);
        for (const input of m.inputs) expect(findMetric(input)?.kind, `${m.id} ← ${input}`).not.toBe('DERIVED');
      } else {
        expect(m.inputs).toEqual([]);
      }
    }
  });

  it('states which way is good: costs, bounces and response time go down', () => {
    for (const id of ['cost_per_acquisition', 'cost_per_follower', 'cpm', 'bounce_rate', 'first_response_time']) expect(findMetric(id)?.goodDirection, id).toBe('DECREASE');
    for (const id of ['followers', 'engagement_rate_by_reach', 'resolution_rate', 'social_roi']) expect(findMetric(id)?.goodDirection, id).toBe('INCREASE');
  });

  it('says a derived KPI can come from a platform only when that platform supplies every input', () => {
    expect(findMetric('engagement_rate_by_reach')?.platforms).toContain('INSTAGRAM');
    expect(findMetric('share_of_voice')?.platforms).toEqual([]); // listening data
    expect(findMetric('bounce_rate')?.platforms).toEqual(['WEBSITE']);
  });
});

describe('computeDerivedKpi', () => {
  it('computes ratios of window sums, in percent where KPIS.md says ×100', () => {
    expect(computeDerivedKpi('engagement_rate_by_reach', { engagements: 50, reach: 1000 })).toBe(5);
    expect(computeDerivedKpi('reach_per_post', { reach: 12_000, posts: 12 })).toBe(1000);
    expect(computeDerivedKpi('cpm', { spend: 30, impressions: 10_000 })).toBeCloseTo(3);
    expect(computeDerivedKpi('share_of_voice', { brand_mentions: 30, competitor_mentions: 90 })).toBe(25);
    expect(computeDerivedKpi('social_roi', { revenue: 300, spend: 100 })).toBe(200);
    expect(computeDerivedKpi('audience_growth_rate', { followers_start: 10_000, followers_end: 10_500 })).toBe(5);
    expect(computeDerivedKpi('net_follower_growth', { followers_start: 10_000, followers_end: 9_900 })).toBe(-100);
    expect(computeDerivedKpi('engagement_rate_by_followers', { engagements: 200, followers_start: 1, followers_end: 10_000 })).toBe(2);
    expect(computeDerivedKpi('engagement_rate_daily_avg', { engagements: 280, followers_end: 1000 }, { windowDays: 28 })).toBe(1);
    expect(computeDerivedKpi('engagement_rate_daily_avg', { engagements: 70, followers_end: 1000 }, { windowDays: 7 })).toBe(1);
    expect(computeDerivedKpi('cost_per_follower', { spend: 100, followers_start: 1000, followers_end: 1050 })).toBe(2);
  });

  it('a derived KPI with a zero denominator is null, never 0 or Infinity', () => {
    expect(computeDerivedKpi('engagement_rate_by_reach', { engagements: 10, reach: 0 })).toBeNull();
    expect(computeDerivedKpi('cost_per_acquisition', { spend: 500, conversions: 0 })).toBeNull();
    expect(computeDerivedKpi('share_of_voice', { brand_mentions: 0, competitor_mentions: 0 })).toBeNull();
    expect(computeDerivedKpi('audience_growth_rate', { followers_start: 0, followers_end: 10 })).toBeNull();
    expect(computeDerivedKpi('social_roi', { revenue: 100, spend: 0 })).toBeNull();
  });

  it('cost per follower has no value when the audience did not grow', () => {
    expect(computeDerivedKpi('cost_per_follower', { spend: 100, followers_start: 10, followers_end: 10 })).toBeNull();
    expect(computeDerivedKpi('cost_per_follower', { spend: 100, followers_start: 10, followers_end: 5 })).toBeNull();
  });

  it('a missing input is no value, not zero; an unknown id is no value', () => {
    expect(computeDerivedKpi('engagement_rate_by_reach', { reach: 1000 })).toBeNull();
    expect(computeDerivedKpi('share_of_voice', { brand_mentions: 10 })).toBeNull();
    expect(computeDerivedKpi('net_follower_growth', { followers_end: 10 })).toBeNull();
    expect(computeDerivedKpi('followers', { followers_end: 10 })).toBeNull();
  });

  it('never returns NaN or Infinity, whatever the aggregates', () => {
    const value = fc.option(fc.double(), { nil: undefined });
    const derived = metricCatalog.filter((m) => m.kind === 'DERIVED');
    fc.assert(fc.property(fc.constantFrom(...derived), fc.dictionary(fc.constantFrom(
      'engagements', 'reach', 'impressions', 'comments', 'shares', 'reactions', 'posts', 'followers_start', 'followers_end',
      'brand_mentions', 'competitor_mentions', 'link_clicks', 'conversions', 'sessions', 'bounces', 'spend', 'leads', 'revenue',
      'support_cases_opened', 'support_cases_resolved',
    ), value), fc.integer({ min: -5, max: 60 }), (definition, aggregates, windowDays) => {
      const result = computeDerivedKpi(definition.id, aggregates, { windowDays });
      if (result !== null) expect(Number.isFinite(result)).toBe(true);
    }));
  });
});

describe('KPI recommendations and platform guidance', () => {
  it('recommends catalog KPIs for every category, as KPIS.md lists them', () => {
    for (const category of objectiveCategories) expect(recommendedKpis(category).length, category).toBeGreaterThan(2);
    expect(recommendedKpis('CUSTOMER_CARE').map((m) => m.id)).toEqual(['resolution_rate', 'csat', 'first_response_time', 'support_cases_resolved', 'cost_per_resolved_case']);
    expect(recommendedKpis('SALES_VIA_SOCIAL').map((m) => m.id)).toContain('cost_per_acquisition');
    expect(isRecommendedKpi('AWARENESS', 'reach_per_post')).toBe(true);
    expect(isRecommendedKpi('AWARENESS', 'cost_per_lead')).toBe(false);
  });

  it('offers the seed 002 platform strengths as recommendations per category', () => {
    expect(platformGuidance('CUSTOMER_CARE').map((g) => g.platform)).toContain('X');
    expect(platformGuidance('LEAD_GENERATION').map((g) => g.platform)).toEqual(expect.arrayContaining(['LINKEDIN', 'FACEBOOK']));
    expect(platformGuidance('WEB_TRAFFIC').map((g) => g.platform)).toContain('PINTEREST');
    expect(platformGuidance('SOCIAL_COMMERCE').map((g) => g.platform)).toContain('INSTAGRAM');
    for (const category of objectiveCategories) for (const g of platformGuidance(category)) expect(g.note.length).toBeGreaterThan(10);
  });
});

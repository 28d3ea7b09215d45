/**
 * What a derived KPI reads about one window, keyed by raw metric id:
 * - a FLOW input under its own id, as the SUM over the window (`engagements`, `reach`, `spend`);
 * - a CUMULATIVE input as two levels: `<id>_start`, the level the window opens with (the close of the
 *   day before it), and `<id>_end`, the level at the window's last day (`followers_start`,
 *   `followers_end`). Per-follower rates divide by `followers_end`; growth is `_end − _start`.
 * A key that is absent (undefined) means "no data", which is not the same as 0.
 */
export type WindowAggregates = Record<string, number | undefined>;

export interface DerivedKpiContext {
  /** Days the window covers, for per-day KPIs (`engagement_rate_daily_avg`). Default 28. */
  windowDays?: number | undefined;
}

const finiteOrNull = (x: number | undefined): number | null => (x !== undefined && Number.isFinite(x) ? x : null);

const ratio = (numerator: number | undefined, denominator: number | undefined, scale = 1): number | null => {
  if (numerator === undefined || denominator === undefined || denominator === 0) return null;
  return finiteOrNull((numerator / denominator) * scale);
};

const total = (x: number | undefined, y: number | undefined): number | undefined =>
  x !== undefined && y !== undefined ? x + y : undefined;

const difference = (end: number | undefined, start: number | undefined): number | undefined =>
  end !== undefined && start !== undefined ? end - start : undefined;

/**
 * A derived KPI (KPIS.md) over one window from the window's aggregates — ratios of sums, never
 * averages of daily ratios. null when it has no value: a zero or missing denominator, a missing input,
 * an unknown id, or `cost_per_follower` without growth. Never 0-for-nothing, Infinity or NaN.
 */
export function computeDerivedKpi(id: string, a: WindowAggregates, context: DerivedKpiContext = {}): number | null {
  const windowDays = context.windowDays ?? 28;
  const growth = difference(a.followers_end, a.followers_start);
  switch (id) {
    case 'engagement_rate_by_reach': return ratio(a.engagements, a.reach, 100);
    case 'engagement_rate_by_impressions': return ratio(a.engagements, a.impressions, 100);
    case 'engagement_rate_by_followers': return ratio(a.engagements, a.followers_end, 100);
    case 'engagement_rate_daily_avg': return windowDays > 0 ? ratio(a.engagements, a.followers_end === undefined ? undefined : windowDays * a.followers_end, 100) : null;
    case 'conversation_rate_per_post': return ratio(a.comments, a.posts);
    case 'amplification_rate_per_post': return ratio(a.shares, a.posts);
    case 'applause_rate_per_post': return ratio(a.reactions, a.posts);
    case 'amplification_rate_by_followers': return ratio(a.shares, a.followers_end, 100);
    case 'applause_rate_by_followers': return ratio(a.reactions, a.followers_end, 100);
    case 'conversation_rate_by_followers': return ratio(a.comments, a.followers_end, 100);
    case 'virality_rate': return ratio(a.shares, a.impressions, 100);
    case 'audience_growth_rate': return ratio(growth, a.followers_start, 100);
    case 'net_follower_growth': return finiteOrNull(growth);
    case 'share_of_voice': return ratio(a.brand_mentions, total(a.brand_mentions, a.competitor_mentions), 100);
    case 'click_through_rate': return ratio(a.link_clicks, a.impressions, 100);
    case 'conversion_rate': return ratio(a.conversions, a.link_clicks, 100);
    case 'social_conversion_rate': return ratio(a.conversions, a.sessions, 100);
    case 'bounce_rate': return ratio(a.bounces, a.sessions, 100);
    case 'reach_per_post': return ratio(a.reach, a.posts);
    case 'cost_per_click': return ratio(a.spend, a.link_clicks);
    case 'cpm': return ratio(a.spend, a.impressions, 1000);
    case 'cost_per_acquisition': return ratio(a.spend, a.conversions);
    // Losing followers while spending has no cost per follower (KPIS.md): "no value", not a negative cost.
    case 'cost_per_follower': return growth !== undefined && growth > 0 ? ratio(a.spend, growth) : null;
    case 'cost_per_engagement': return ratio(a.spend, a.engagements);
    case 'cost_per_lead': return ratio(a.spend, a.leads);
    case 'cost_per_resolved_case': return ratio(a.spend, a.support_cases_resolved);
    case 'social_roi': return ratio(difference(a.revenue, a.spend), a.spend, 100);
    case 'resolution_rate': return ratio(a.support_cases_resolved, a.support_cases_opened, 100);
    default: return null;
  }
}

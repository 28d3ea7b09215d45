/**
 * Window aggregates a derived KPI reads: for FLOW inputs the sum over the window (`engagements`), for
 * CUMULATIVE inputs the level at the window's end and start (`followers_end`, `followers_start`).
 */
export type WindowAggregates = Record<string, number | undefined>;

const ratio = (numerator: number | undefined, denominator: number | undefined, scale = 1): number | null => {
  if (numerator === undefined || denominator === undefined || denominator === 0) return null;
  const value = (numerator / denominator) * scale;
  return Number.isFinite(value) ? value : null;
};

/** A derived KPI over one window; null when it has no value (zero or missing denominator), never 0 or Infinity. */
export function computeDerivedKpi(id: string, a: WindowAggregates, windowDays = 28): number | null {
  const growth = a.followers_end !== undefined && a.followers_start !== undefined ? a.followers_end - a.followers_start : undefined;
  switch (id) {
    case 'engagement_rate_by_reach': return ratio(a.engagements, a.reach, 100);
    case 'engagement_rate_by_impressions': return ratio(a.engagements, a.impressions, 100);
    case 'engagement_rate_by_followers': return ratio(a.engagements, a.followers_end, 100);
    case 'engagement_rate_daily_avg': return ratio(a.engagements, a.followers_end === undefined ? undefined : windowDays * a.followers_end, 100);
    case 'conversation_rate_per_post': return ratio(a.comments, a.posts);
    case 'amplification_rate_per_post': return ratio(a.shares, a.posts);
    case 'applause_rate_per_post': return ratio(a.reactions, a.posts);
    case 'amplification_rate_by_followers': return ratio(a.shares, a.followers_end, 100);
    case 'applause_rate_by_followers': return ratio(a.reactions, a.followers_end, 100);
    case 'conversation_rate_by_followers': return ratio(a.comments, a.followers_end, 100);
    case 'virality_rate': return ratio(a.shares, a.impressions, 100);
    case 'audience_growth_rate': return ratio(growth, a.followers_start, 100);
    case 'net_follower_growth': return growth ?? null;
    case 'share_of_voice':
      return ratio(a.brand_mentions, a.brand_mentions === undefined || a.competitor_mentions === undefined ? undefined : a.brand_mentions + a.competitor_mentions, 100);
    case 'click_through_rate': return ratio(a.link_clicks, a.impressions, 100);
    case 'conversion_rate': return ratio(a.conversions, a.link_clicks, 100);
    case 'social_conversion_rate': return ratio(a.conversions, a.sessions, 100);
    case 'bounce_rate': return ratio(a.bounces, a.sessions, 100);
    case 'reach_per_post': return ratio(a.reach, a.posts);
    case 'cost_per_click': return ratio(a.spend, a.link_clicks);
    case 'cpm': return ratio(a.spend, a.impressions, 1000);
    case 'cost_per_acquisition': return ratio(a.spend, a.conversions);
    case 'cost_per_follower': return growth !== undefined && growth > 0 ? ratio(a.spend, growth) : null;
    case 'cost_per_engagement': return ratio(a.spend, a.engagements);
    case 'cost_per_lead': return ratio(a.spend, a.leads);
    case 'cost_per_resolved_case': return ratio(a.spend, a.support_cases_resolved);
    case 'social_roi': return a.revenue === undefined ? null : ratio(a.revenue - (a.spend ?? 0), a.spend, 100);
    case 'resolution_rate': return ratio(a.support_cases_resolved, a.support_cases_opened, 100);
    default: return null;
  }
}

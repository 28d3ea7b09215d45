import type { MetricDefinition } from '../contract.ts';
import type { ObjectiveCategory, Platform } from '../vocabulary.ts';
import { findMetric } from './metricCatalog.ts';

/** Recommended KPIs per objective category (KPIS.md, from the seeds). */
const recommended: Record<ObjectiveCategory, readonly string[]> = {
  // Seed 001: a brand-image objective sets "a cost of acquisition per user" beside reputation and perception.
  AWARENESS: ['followers', 'impressions', 'reach', 'reach_per_post', 'mentions', 'share_of_voice', 'link_clicks', 'virality_rate', 'amplification_rate_per_post', 'amplification_rate_by_followers', 'cost_per_follower'],
  REPUTATION: ['csat', 'nps', 'sentiment', 'share_of_voice', 'applause_rate_per_post', 'applause_rate_by_followers', 'amplification_rate_per_post', 'amplification_rate_by_followers', 'cost_per_follower'],
  ENGAGEMENT: ['engagement_rate_by_reach', 'engagement_rate_by_impressions', 'engagement_rate_by_followers', 'engagement_rate_daily_avg', 'conversation_rate_per_post', 'conversation_rate_by_followers', 'applause_rate_per_post', 'applause_rate_by_followers', 'amplification_rate_per_post', 'amplification_rate_by_followers', 'click_through_rate', 'bounce_rate', 'nps'],
  AUDIENCE_GROWTH: ['followers', 'net_follower_growth', 'audience_growth_rate', 'mentions', 'share_of_voice', 'engagement_rate_by_reach', 'engagement_rate_by_impressions', 'engagement_rate_by_followers', 'engagement_rate_daily_avg'],
  WEB_TRAFFIC: ['sessions', 'link_clicks', 'click_through_rate', 'bounce_rate', 'conversions', 'email_signups'],
  LEAD_GENERATION: ['leads', 'conversion_rate', 'cost_per_lead', 'email_signups'],
  SALES_VIA_SOCIAL: ['revenue', 'conversions', 'social_conversion_rate', 'cost_per_acquisition', 'social_roi'],
  SOCIAL_COMMERCE: ['revenue', 'conversions', 'conversion_rate', 'cost_per_acquisition'],
  CUSTOMER_CARE: ['resolution_rate', 'csat', 'first_response_time', 'support_cases_resolved', 'cost_per_resolved_case'],
};

/** The catalog entries recommended for a category, in the table's order. */
export function recommendedKpis(category: ObjectiveCategory): MetricDefinition[] {
  return recommended[category].map((id) => findMetric(id)).filter((m): m is MetricDefinition => m !== undefined);
}

export function isRecommendedKpi(category: ObjectiveCategory, metricId: string): boolean {
  return recommended[category].includes(metricId);
}

export interface PlatformGuidance { platform: Platform; note: string }

/** What each network is strongest at (seed 002): offered when a category and platform are chosen, never enforced. */
const strengths: { platform: Platform; categories: readonly ObjectiveCategory[]; note: string }[] = [
  { platform: 'FACEBOOK', categories: ['AWARENESS', 'AUDIENCE_GROWTH', 'LEAD_GENERATION', 'SALES_VIA_SOCIAL'], note: 'Facebook: the most precise paid targeting; boost posts and run ads at a chosen audience.' },
  { platform: 'X', categories: ['CUSTOMER_CARE', 'ENGAGEMENT', 'REPUTATION'], note: 'X: real-time conversation and customer service.' },
  { platform: 'LINKEDIN', categories: ['LEAD_GENERATION', 'AWARENESS', 'WEB_TRAFFIC'], note: 'LinkedIn: B2B audiences, professional reach and leads.' },
  { platform: 'INSTAGRAM', categories: ['AWARENESS', 'ENGAGEMENT', 'AUDIENCE_GROWTH', 'SOCIAL_COMMERCE'], note: 'Instagram: visual products; show them in use.' },
  { platform: 'PINTEREST', categories: ['WEB_TRAFFIC', 'SALES_VIA_SOCIAL', 'SOCIAL_COMMERCE'], note: 'Pinterest: people researching products before buying; drives sales and website traffic.' },
];

/** The platforms suited to a category, with why: recommendations only, never a rule. */
export function platformGuidance(category: ObjectiveCategory): PlatformGuidance[] {
  return strengths.filter((s) => s.categories.includes(category)).map(({ platform, note }) => ({ platform, note }));
}

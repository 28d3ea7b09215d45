import type { MetricDefinition, MetricKind, MetricUnit } from '../contract.ts';
import type { Direction, Platform } from '../vocabulary.ts';

const social: Platform[] = ['FACEBOOK', 'INSTAGRAM', 'X', 'LINKEDIN', 'YOUTUBE', 'PINTEREST', 'TIKTOK'];
const web: Platform[] = ['WEBSITE'];

function raw(id: string, label: string, kind: MetricKind, unit: MetricUnit, platforms: Platform[], description: string, goodDirection: Direction = 'INCREASE'): MetricDefinition {
  return { id, label, description, unit, kind, goodDirection, platforms, inputs: [] };
}
function kpi(id: string, label: string, unit: MetricUnit, inputs: string[], formula: string, description: string, goodDirection: Direction = 'INCREASE'): MetricDefinition {
  return { id, label, description, unit, kind: 'DERIVED', goodDirection, platforms: [], inputs, formula };
}

/** Raw metrics and derived KPIs (KPIS.md). Derived KPIs are computed from windowed sums, never averaged ratios. */
export const metricCatalog: readonly MetricDefinition[] = [
  raw('followers', 'Followers', 'CUMULATIVE', 'COUNT', social, 'Audience size at the end of the day.'),
  raw('impressions', 'Impressions', 'FLOW', 'COUNT', social, 'Times content was shown.'),
  raw('reach', 'Reach', 'FLOW', 'COUNT', social, 'Unique people who saw content.'),
  raw('engagements', 'Engagements', 'FLOW', 'COUNT', social, 'Reactions, comments, shares, saves and clicks.'),
  raw('reactions', 'Reactions / likes', 'FLOW', 'COUNT', social, 'Likes and reactions (applause).'),
  raw('comments', 'Comments', 'FLOW', 'COUNT', social, 'Comments and replies (conversation).'),
  raw('shares', 'Shares', 'FLOW', 'COUNT', social, 'Shares, retweets, reposts (amplification).'),
  raw('posts', 'Posts published', 'FLOW', 'COUNT', social, 'Content items published.'),
  raw('mentions', 'Mentions', 'FLOW', 'COUNT', social, 'Mentions of the account.'),
  raw('brand_mentions', 'Brand mentions', 'FLOW', 'COUNT', [], 'Mentions of the brand (listening data).'),
  raw('competitor_mentions', 'Competitor mentions', 'FLOW', 'COUNT', [], 'Mentions of competitors in the category (listening data).'),
  raw('link_clicks', 'Link clicks', 'FLOW', 'COUNT', social, 'Clicks on links to the website.'),
  raw('video_views', 'Video views', 'FLOW', 'COUNT', social, 'Video views.'),
  raw('profile_visits', 'Profile visits', 'FLOW', 'COUNT', social, 'Visits to the profile.'),
  raw('sessions', 'Sessions from social', 'FLOW', 'COUNT', web, 'Web sessions that came from social networks.'),
  raw('bounces', 'Bounced sessions', 'FLOW', 'COUNT', web, 'Sessions that left after one page.', 'DECREASE'),
  raw('conversions', 'Conversions', 'FLOW', 'COUNT', web, 'Conversions attributed to social.'),
  raw('leads', 'Leads', 'FLOW', 'COUNT', web, 'Leads captured.'),
  raw('email_signups', 'Email sign-ups', 'FLOW', 'COUNT', web, 'Newsletter or list sign-ups.'),
  raw('revenue', 'Revenue', 'FLOW', 'CURRENCY', web, 'Revenue attributed to social (or completed in-network for social commerce).'),
  raw('spend', 'Spend', 'FLOW', 'CURRENCY', [], 'Money spent (boosted posts, ads).', 'DECREASE'),
  raw('support_cases_opened', 'Support cases opened', 'FLOW', 'COUNT', [], 'Customer care cases opened on social.', 'DECREASE'),
  raw('support_cases_resolved', 'Support cases resolved', 'FLOW', 'COUNT', [], 'Customer care cases resolved.'),
  raw('first_response_time', 'First response time', 'CUMULATIVE', 'MINUTES', [], 'Median minutes to a first reply, per day.', 'DECREASE'),
  raw('csat', 'CSAT', 'CUMULATIVE', 'PERCENT', [], 'Satisfied responses (4–5 of 5) ÷ responses ×100, per day.'),
  raw('nps', 'NPS', 'CUMULATIVE', 'SCORE', [], '(promoters 9–10 − detractors 0–6) ÷ respondents ×100, −100..100.'),
  raw('sentiment', 'Sentiment', 'CUMULATIVE', 'SCORE', [], 'Net sentiment of mentions, −100..100.'),
  kpi('engagement_rate_by_reach', 'Engagement rate (by reach)', 'PERCENT', ['engagements', 'reach'], 'engagements ÷ reach ×100', "Hootsuite's engagement-rate guide."),
  kpi('engagement_rate_by_impressions', 'Engagement rate (by impressions)', 'PERCENT', ['engagements', 'impressions'], 'engagements ÷ impressions ×100', 'Buffer and Later use Σ engagements ÷ Σ impressions.'),
  kpi('engagement_rate_by_followers', 'Engagement rate (by followers)', 'PERCENT', ['engagements', 'followers'], 'engagements ÷ followers at window end ×100', 'Per-follower variant.'),
  kpi('engagement_rate_daily_avg', 'Average daily engagement rate', 'PERCENT', ['engagements', 'followers'], 'engagements over X days ÷ (X × followers) ×100', "Hootsuite's average daily engagement rate."),
  kpi('conversation_rate_per_post', 'Conversation rate (per post)', 'RATIO', ['comments', 'posts'], 'comments ÷ posts', "Kaushik's conversation rate."),
  kpi('amplification_rate_per_post', 'Amplification rate (per post)', 'RATIO', ['shares', 'posts'], 'shares ÷ posts', "Kaushik's amplification rate."),
  kpi('applause_rate_per_post', 'Applause rate (per post)', 'RATIO', ['reactions', 'posts'], 'reactions ÷ posts', "Kaushik's applause rate."),
  kpi('amplification_rate_by_followers', 'Amplification rate (by followers)', 'PERCENT', ['shares', 'followers'], 'shares ÷ followers ×100', 'Per-follower variant.'),
  kpi('applause_rate_by_followers', 'Applause rate (by followers)', 'PERCENT', ['reactions', 'followers'], 'reactions ÷ followers ×100', 'Per-follower variant.'),
  kpi('conversation_rate_by_followers', 'Conversation rate (by followers)', 'PERCENT', ['comments', 'followers'], 'comments ÷ followers ×100', 'Per-follower variant.'),
  kpi('virality_rate', 'Virality rate', 'PERCENT', ['shares', 'impressions'], 'shares ÷ impressions ×100', ''),
  kpi('audience_growth_rate', 'Audience growth rate', 'PERCENT', ['followers'], '(followers_end − followers_start) ÷ followers_start ×100', 'Start-of-window audience as denominator.'),
  kpi('net_follower_growth', 'Net follower growth', 'COUNT', ['followers'], 'followers_end − followers_start', 'Per window.'),
  kpi('share_of_voice', 'Share of voice', 'PERCENT', ['brand_mentions', 'competitor_mentions'], 'brand mentions ÷ (brand + competitor mentions) ×100', 'Needs listening data.'),
  kpi('click_through_rate', 'Click-through rate', 'PERCENT', ['link_clicks', 'impressions'], 'link clicks ÷ impressions ×100', 'By impressions.'),
  kpi('conversion_rate', 'Conversion rate', 'PERCENT', ['conversions', 'link_clicks'], 'conversions ÷ link clicks ×100', 'By link clicks.'),
  kpi('social_conversion_rate', 'Social conversion rate', 'PERCENT', ['conversions', 'sessions'], 'conversions from social ÷ sessions from social ×100', 'Web analytics source.'),
  kpi('bounce_rate', 'Bounce rate', 'PERCENT', ['bounces', 'sessions'], 'bounced sessions ÷ sessions ×100', '', 'DECREASE'),
  kpi('reach_per_post', 'Reach per post', 'RATIO', ['reach', 'posts'], 'reach ÷ posts', 'Seed 002: "average reach of 1,000 people per post".'),
  kpi('cost_per_click', 'Cost per click', 'CURRENCY', ['spend', 'link_clicks'], 'spend ÷ link clicks', '', 'DECREASE'),
  kpi('cpm', 'CPM', 'CURRENCY', ['spend', 'impressions'], 'spend ÷ (impressions ÷ 1000)', '', 'DECREASE'),
  kpi('cost_per_acquisition', 'Cost per acquisition', 'CURRENCY', ['spend', 'conversions'], 'spend ÷ conversions', '', 'DECREASE'),
  kpi('cost_per_follower', 'Cost per follower', 'CURRENCY', ['spend', 'followers'], 'spend ÷ net new followers', 'No value when growth ≤ 0.', 'DECREASE'),
  kpi('cost_per_engagement', 'Cost per engagement', 'CURRENCY', ['spend', 'engagements'], 'spend ÷ engagements', '', 'DECREASE'),
  kpi('cost_per_lead', 'Cost per lead', 'CURRENCY', ['spend', 'leads'], 'spend ÷ leads', '', 'DECREASE'),
  kpi('cost_per_resolved_case', 'Cost per resolved case', 'CURRENCY', ['spend', 'support_cases_resolved'], 'spend ÷ cases resolved', '', 'DECREASE'),
  kpi('social_roi', 'Social ROI', 'PERCENT', ['revenue', 'spend'], '(revenue − spend) ÷ spend ×100', ''),
  kpi('resolution_rate', 'Resolution rate', 'PERCENT', ['support_cases_resolved', 'support_cases_opened'], 'cases resolved ÷ cases opened ×100', 'Seed 001\'s "% de resolución".'),
].map((m) => (m.description ? m : { ...m, description: m.formula ?? m.label }));

const byId = new Map(metricCatalog.map((m) => [m.id, m]));

export function findMetric(id: string): MetricDefinition | undefined {
  return byId.get(id);
}

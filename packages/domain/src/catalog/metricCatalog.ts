import type { MetricDefinition, MetricKind, MetricUnit } from '../contract.ts';
import type { Direction, Platform } from '../vocabulary.ts';
import { platformsFetching } from './connectorMetrics.ts';

interface RawSpec {
  id: string; label: string; kind: MetricKind; unit: MetricUnit; description: string;
  goodDirection?: Direction; formula?: string;
}
interface KpiSpec {
  id: string; label: string; unit: MetricUnit; inputs: string[]; formula: string; description: string; goodDirection?: Direction;
}

// What a platform can supply is what its connector fetches (`connectorMetrics`), nothing more.
const raw = (m: RawSpec): MetricDefinition => ({
  id: m.id, label: m.label, description: m.description, unit: m.unit, kind: m.kind,
  goodDirection: m.goodDirection ?? 'INCREASE', platforms: platformsFetching(m.id), inputs: [],
  ...(m.formula ? { formula: m.formula } : {}),
});

const rawMetrics: MetricDefinition[] = [
  raw({ id: 'followers', label: 'Followers', kind: 'CUMULATIVE', unit: 'COUNT', description: 'Audience size (followers, fans, subscribers) at the end of the day.' }),
  raw({ id: 'impressions', label: 'Impressions', kind: 'FLOW', unit: 'COUNT', description: 'Times content was shown, counting repeats.' }),
  raw({ id: 'reach', label: 'Reach', kind: 'FLOW', unit: 'COUNT', description: 'People who saw content, as the platform reports them per day.' }),
  raw({ id: 'engagements', label: 'Engagements', kind: 'FLOW', unit: 'COUNT', description: 'Interactions with content: reactions, comments, shares, saves and clicks.' }),
  raw({ id: 'reactions', label: 'Reactions / likes', kind: 'FLOW', unit: 'COUNT', description: 'Likes and reactions: the applause a post gets.' }),
  raw({ id: 'comments', label: 'Comments', kind: 'FLOW', unit: 'COUNT', description: 'Comments and replies: the conversation a post starts.' }),
  raw({ id: 'shares', label: 'Shares', kind: 'FLOW', unit: 'COUNT', description: 'Shares, reposts and retweets: how far the audience amplifies a post.' }),
  raw({ id: 'posts', label: 'Posts published', kind: 'FLOW', unit: 'COUNT', description: 'Content items published; the denominator of per-post rates.' }),
  raw({ id: 'mentions', label: 'Mentions', kind: 'FLOW', unit: 'COUNT', description: 'Mentions and tags of the account on the network.' }),
  raw({ id: 'brand_mentions', label: 'Brand mentions', kind: 'FLOW', unit: 'COUNT', description: 'Mentions of the brand anywhere, from a social listening tool.' }),
  raw({ id: 'competitor_mentions', label: 'Competitor (category) mentions', kind: 'FLOW', unit: 'COUNT', description: 'Mentions of competitors in the same category, from a social listening tool.' }),
  raw({ id: 'link_clicks', label: 'Link clicks', kind: 'FLOW', unit: 'COUNT', description: 'Clicks on links that lead out of the network, usually to the website.' }),
  raw({ id: 'video_views', label: 'Video views', kind: 'FLOW', unit: 'COUNT', description: 'Video views as the platform counts them.' }),
  raw({ id: 'profile_visits', label: 'Profile visits', kind: 'FLOW', unit: 'COUNT', description: 'Visits to the account’s profile or page.' }),
  raw({ id: 'sessions', label: 'Sessions from social', kind: 'FLOW', unit: 'COUNT', description: 'Website sessions whose source is a social network (web analytics).' }),
  raw({ id: 'bounces', label: 'Bounced sessions', kind: 'FLOW', unit: 'COUNT', description: 'Sessions from social that left after one page.', goodDirection: 'DECREASE' }),
  raw({ id: 'conversions', label: 'Conversions', kind: 'FLOW', unit: 'COUNT', description: 'Purchases or goal completions attributed to social (or completed in-network for social commerce).' }),
  raw({ id: 'leads', label: 'Leads', kind: 'FLOW', unit: 'COUNT', description: 'Contacts captured through lead forms or landing pages.' }),
  raw({ id: 'email_signups', label: 'Email sign-ups', kind: 'FLOW', unit: 'COUNT', description: 'Newsletter or mailing-list sign-ups from social.' }),
  raw({ id: 'revenue', label: 'Revenue', kind: 'FLOW', unit: 'CURRENCY', description: 'Revenue attributed to social, or taken in-network for social commerce.' }),
  // No ads connector yet: spend on boosted posts and campaigns is pushed, imported or entered by hand.
  raw({ id: 'spend', label: 'Spend', kind: 'FLOW', unit: 'CURRENCY', description: 'Money spent on boosted posts and ads: the numerator of every cost KPI.', goodDirection: 'DECREASE' }),
  raw({ id: 'support_cases_opened', label: 'Support cases opened', kind: 'FLOW', unit: 'COUNT', description: 'Customer-care cases opened through social channels (social CRM or help desk).', goodDirection: 'DECREASE' }),
  raw({ id: 'support_cases_resolved', label: 'Support cases resolved', kind: 'FLOW', unit: 'COUNT', description: 'Customer-care cases from social channels resolved.' }),
  // Levels per day rather than counts: a day's median or score is read as it is, never summed.
  raw({ id: 'first_response_time', label: 'First response time', kind: 'CUMULATIVE', unit: 'MINUTES', description: 'Median minutes from a customer’s message to the first reply, per day.', formula: 'median minutes to first reply', goodDirection: 'DECREASE' }),
  raw({ id: 'csat', label: 'CSAT', kind: 'CUMULATIVE', unit: 'PERCENT', description: 'Customer satisfaction: share of survey responses rating 4 or 5 out of 5 (common practice).', formula: 'satisfied responses (4–5 of 5) ÷ responses ×100' }),
  raw({ id: 'nps', label: 'NPS', kind: 'CUMULATIVE', unit: 'SCORE', description: 'Net Promoter Score from survey responses, −100..100.', formula: '(promoters 9–10 − detractors 0–6) ÷ respondents ×100' }),
  raw({ id: 'sentiment', label: 'Sentiment', kind: 'CUMULATIVE', unit: 'SCORE', description: 'Net sentiment of mentions from a listening tool, −100 (all negative) to 100 (all positive).', formula: '(positive − negative mentions) ÷ mentions ×100' }),
];

const kpiSpecs: KpiSpec[] = [
  { id: 'engagement_rate_by_reach', label: 'Engagement rate (by reach)', unit: 'PERCENT', inputs: ['engagements', 'reach'], formula: 'engagements ÷ reach ×100', description: 'Share of the people reached who interacted (Hootsuite).' },
  { id: 'engagement_rate_by_impressions', label: 'Engagement rate (by impressions)', unit: 'PERCENT', inputs: ['engagements', 'impressions'], formula: 'engagements ÷ impressions ×100', description: 'Interactions per impression; Buffer and Later use Σ engagements ÷ Σ impressions at channel level.' },
  { id: 'engagement_rate_by_followers', label: 'Engagement rate (by followers)', unit: 'PERCENT', inputs: ['engagements', 'followers'], formula: 'engagements ÷ followers at window end ×100', description: 'Interactions relative to the audience size at the end of the window.' },
  { id: 'engagement_rate_daily_avg', label: 'Average daily engagement rate', unit: 'PERCENT', inputs: ['engagements', 'followers'], formula: 'engagements over X days ÷ (X × followers) ×100', description: 'Hootsuite’s average daily engagement rate: how much of the audience interacts on a typical day.' },
  { id: 'conversation_rate_per_post', label: 'Conversation rate (per post)', unit: 'RATIO', inputs: ['comments', 'posts'], formula: 'comments ÷ posts', description: 'Comments per post (Kaushik’s conversation rate).' },
  { id: 'amplification_rate_per_post', label: 'Amplification rate (per post)', unit: 'RATIO', inputs: ['shares', 'posts'], formula: 'shares ÷ posts', description: 'Shares per post (Kaushik’s amplification rate).' },
  { id: 'applause_rate_per_post', label: 'Applause rate (per post)', unit: 'RATIO', inputs: ['reactions', 'posts'], formula: 'reactions ÷ posts', description: 'Reactions per post (Kaushik’s applause rate).' },
  { id: 'amplification_rate_by_followers', label: 'Amplification rate (by followers)', unit: 'PERCENT', inputs: ['shares', 'followers'], formula: 'shares ÷ followers ×100', description: 'Shares relative to the audience size (per-follower variant).' },
  { id: 'applause_rate_by_followers', label: 'Applause rate (by followers)', unit: 'PERCENT', inputs: ['reactions', 'followers'], formula: 'reactions ÷ followers ×100', description: 'Reactions relative to the audience size (per-follower variant).' },
  { id: 'conversation_rate_by_followers', label: 'Conversation rate (by followers)', unit: 'PERCENT', inputs: ['comments', 'followers'], formula: 'comments ÷ followers ×100', description: 'Comments relative to the audience size (per-follower variant).' },
  { id: 'virality_rate', label: 'Virality rate', unit: 'PERCENT', inputs: ['shares', 'impressions'], formula: 'shares ÷ impressions ×100', description: 'Shares per impression: how often being seen turns into being passed on.' },
  { id: 'audience_growth_rate', label: 'Audience growth rate', unit: 'PERCENT', inputs: ['followers'], formula: '(followers_end − followers_start) ÷ followers_start ×100', description: 'Growth of the audience over the window, relative to the audience it started with.' },
  { id: 'net_follower_growth', label: 'Net follower growth', unit: 'COUNT', inputs: ['followers'], formula: 'followers_end − followers_start', description: 'Followers gained minus followers lost over the window.' },
  { id: 'share_of_voice', label: 'Share of voice', unit: 'PERCENT', inputs: ['brand_mentions', 'competitor_mentions'], formula: 'brand mentions ÷ (brand + competitor mentions) ×100', description: 'The brand’s share of the category’s conversation (needs listening data).' },
  { id: 'click_through_rate', label: 'Click-through rate', unit: 'PERCENT', inputs: ['link_clicks', 'impressions'], formula: 'link clicks ÷ impressions ×100', description: 'Link clicks per impression (the by-impressions variant).' },
  { id: 'conversion_rate', label: 'Conversion rate', unit: 'PERCENT', inputs: ['conversions', 'link_clicks'], formula: 'conversions ÷ link clicks ×100', description: 'Conversions per link click (the by-clicks variant).' },
  { id: 'social_conversion_rate', label: 'Social conversion rate', unit: 'PERCENT', inputs: ['conversions', 'sessions'], formula: 'conversions attributed to social ÷ sessions from social ×100', description: 'Conversions per website session from social (web analytics).' },
  { id: 'bounce_rate', label: 'Bounce rate', unit: 'PERCENT', inputs: ['bounces', 'sessions'], formula: 'bounced sessions ÷ sessions ×100', description: 'Share of sessions from social that leave after one page.', goodDirection: 'DECREASE' },
  { id: 'reach_per_post', label: 'Reach per post', unit: 'RATIO', inputs: ['reach', 'posts'], formula: 'reach ÷ posts', description: 'Average reach per post (seed 002: "an average reach of 1,000 people per post").' },
  { id: 'cost_per_click', label: 'Cost per click', unit: 'CURRENCY', inputs: ['spend', 'link_clicks'], formula: 'spend ÷ link clicks', description: 'What a link click costs.', goodDirection: 'DECREASE' },
  { id: 'cpm', label: 'CPM', unit: 'CURRENCY', inputs: ['spend', 'impressions'], formula: 'spend ÷ (impressions ÷ 1000)', description: 'What a thousand impressions cost.', goodDirection: 'DECREASE' },
  { id: 'cost_per_acquisition', label: 'Cost per acquisition', unit: 'CURRENCY', inputs: ['spend', 'conversions'], formula: 'spend ÷ conversions', description: 'What a conversion costs.', goodDirection: 'DECREASE' },
  { id: 'cost_per_follower', label: 'Cost per follower', unit: 'CURRENCY', inputs: ['spend', 'followers'], formula: 'spend ÷ net new followers', description: 'What a net new follower costs; no value when the audience did not grow.', goodDirection: 'DECREASE' },
  { id: 'cost_per_engagement', label: 'Cost per engagement', unit: 'CURRENCY', inputs: ['spend', 'engagements'], formula: 'spend ÷ engagements', description: 'What an interaction costs.', goodDirection: 'DECREASE' },
  { id: 'cost_per_lead', label: 'Cost per lead', unit: 'CURRENCY', inputs: ['spend', 'leads'], formula: 'spend ÷ leads', description: 'What a lead costs.', goodDirection: 'DECREASE' },
  { id: 'cost_per_resolved_case', label: 'Cost per resolved case', unit: 'CURRENCY', inputs: ['spend', 'support_cases_resolved'], formula: 'spend ÷ cases resolved', description: 'What resolving a customer-care case on social costs.', goodDirection: 'DECREASE' },
  { id: 'social_roi', label: 'Social ROI', unit: 'PERCENT', inputs: ['revenue', 'spend'], formula: '(revenue − spend) ÷ spend ×100', description: 'Return on what was spent on social.' },
  { id: 'resolution_rate', label: 'Resolution rate', unit: 'PERCENT', inputs: ['support_cases_resolved', 'support_cases_opened'], formula: 'cases resolved ÷ cases opened ×100', description: 'Share of customer-care cases resolved (seed 001’s "% de resolución").' },
];

const rawById = new Map(rawMetrics.map((m) => [m.id, m]));

/** A KPI computed within one scope needs every input from the same source: the platforms common to all of them. */
function platformsSupplyingAll(inputs: readonly string[]): Platform[] {
  const lists = inputs.map((id) => rawById.get(id)?.platforms ?? []);
  return (lists[0] ?? []).filter((p) => lists.every((list) => list.includes(p)));
}

const kpi = (m: KpiSpec): MetricDefinition => ({
  id: m.id, label: m.label, description: m.description, unit: m.unit, kind: 'DERIVED',
  goodDirection: m.goodDirection ?? 'INCREASE', platforms: platformsSupplyingAll(m.inputs), inputs: m.inputs, formula: m.formula,
});

/**
 * Raw metrics (DESIGN.md §3) and derived KPIs (KPIS.md, with its catalog ids). Derived KPIs are
 * computed from windowed sums of their inputs by `computeDerivedKpi`, never by averaging daily ratios.
 */
export const metricCatalog: readonly MetricDefinition[] = [...rawMetrics, ...kpiSpecs.map(kpi)];

const byId = new Map(metricCatalog.map((m) => [m.id, m]));

export function findMetric(id: string): MetricDefinition | undefined {
  return byId.get(id);
}

/** The closed vocabularies of DESIGN.md §5, shared by the database, the API and the rules. */

export const businessGoalKinds = [
  'REVENUE', 'MARKET_SHARE', 'CUSTOMER_BASE', 'BRAND_VISIBILITY', 'PRODUCT_LAUNCH',
  'CUSTOMER_FEEDBACK', 'LOYALTY', 'COST_REDUCTION', 'OTHER',
] as const;
export type BusinessGoalKind = (typeof businessGoalKinds)[number];

export const objectiveCategories = [
  'AWARENESS', 'REPUTATION', 'ENGAGEMENT', 'AUDIENCE_GROWTH', 'WEB_TRAFFIC',
  'LEAD_GENERATION', 'SALES_VIA_SOCIAL', 'SOCIAL_COMMERCE', 'CUSTOMER_CARE',
] as const;
export type ObjectiveCategory = (typeof objectiveCategories)[number];

export const frameworks = ['SMART', 'OKR'] as const;
export type Framework = (typeof frameworks)[number];

export const directions = ['INCREASE', 'DECREASE', 'MAINTAIN'] as const;
export type Direction = (typeof directions)[number];

/**
 * The path expected progress follows from start to deadline: LINEAR by default; FRONT_LOADED for a
 * launch that front-loads results, BACK_LOADED for a build-up (a campaign peaking late), S_CURVE for slow,
 * fast, slow (DESIGN.md §2: "a key result may declare another curve").
 */
export const paceCurves = ['LINEAR', 'FRONT_LOADED', 'BACK_LOADED', 'S_CURVE'] as const;
export type PaceCurve = (typeof paceCurves)[number];

export const accountSources = ['CONNECTOR', 'PUSH', 'MANUAL', 'DEMO'] as const;
export type AccountSource = (typeof accountSources)[number];

export const accountStatuses = ['ACTIVE', 'NEEDS_REAUTH', 'ERROR', 'DISCONNECTED'] as const;
export type AccountStatus = (typeof accountStatuses)[number];

export const platforms = [
  'FACEBOOK', 'INSTAGRAM', 'X', 'LINKEDIN', 'YOUTUBE', 'PINTEREST', 'TIKTOK', 'WEBSITE', 'OTHER',
] as const;
export type Platform = (typeof platforms)[number];

/** Ordered from least to most severe, so statuses compare by index (see `statusSeverity`). */
export const objectiveStatuses = [
  'ACHIEVED', 'ON_TRACK', 'NOT_STARTED', 'NO_DATA', 'AT_RISK', 'OFF_TRACK', 'MISSED',
] as const;
export type ObjectiveStatus = (typeof objectiveStatuses)[number];

export const verdicts = ['PASS', 'WARN', 'FAIL'] as const;
export type Verdict = (typeof verdicts)[number];

export const planStatuses = ['ACTIVE', 'ARCHIVED'] as const;
export type PlanStatus = (typeof planStatuses)[number];

export const alertKinds = ['AT_RISK', 'OFF_TRACK', 'ACHIEVED', 'MISSED', 'DEADLINE_NEAR', 'ACCOUNT_NEEDS_REAUTH', 'CHANNEL_DISABLED'] as const;
export type AlertKind = (typeof alertKinds)[number];

export const alertSeverities = ['INFO', 'WARNING', 'CRITICAL'] as const;
export type AlertSeverity = (typeof alertSeverities)[number];

export const alertStates = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'] as const;
export type AlertState = (typeof alertStates)[number];

/** A calendar day, `YYYY-MM-DD`, in UTC. Metrics are bucketed by day. */
export type IsoDate = string;

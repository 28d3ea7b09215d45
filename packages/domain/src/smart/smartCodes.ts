/**
 * Every code a SMART report can carry, so that clients (and the API's catalogs) can word each one in
 * their own language: the findings of the six letters, and each letter's pass.
 */
export const smartFindingCodes = [
  // Specific
  'NO_KEY_RESULTS', 'KEY_RESULT_INCOMPLETE', 'TARGET_AGAINST_DIRECTION',
  // Measurable
  'NO_METRIC', 'UNKNOWN_METRIC', 'NO_ACCOUNT_IN_SCOPE', 'METRIC_NOT_DELIVERED', 'NO_SOURCE', 'METRIC_RETIRED', 'PLATFORM_RETIRES_METRIC',
  // Attainable
  'NO_PERIOD', 'NO_HISTORY', 'MAINTAIN_DRIFTS', 'MAINTAIN_OUTSIDE_BAND', 'TARGET_NOT_BEYOND_PREVIOUS_PERIOD', 'TARGET_ALREADY_MET', 'UNREALISTIC', 'AMBITIOUS',
  // Realistic
  'DEADLINE_PASSED', 'TIME_LEFT_UNREALISTIC', 'TIME_LEFT_AMBITIOUS', 'BUDGET_MISSING', 'BUDGET_SHORT', 'NO_CONTENT_PLANNED', 'CONTENT_SHORT',
  // Relevant
  'NO_GOAL', 'GOAL_NOT_FOUND', 'NO_CATEGORY', 'KPI_NOT_RECOMMENDED', 'TOO_MANY_PRIMARY_CATEGORIES',
  // Time-bound
  'DATES_MISSING', 'DATES_INVALID', 'DEADLINE_NOT_AFTER_START', 'OUTSIDE_PLAN_PERIOD',
] as const;
export type SmartFindingCode = (typeof smartFindingCodes)[number];

export const smartPassCodes = ['SPECIFIC_OK', 'MEASURABLE_OK', 'ATTAINABLE_OK', 'REALISTIC_OK', 'RELEVANT_OK', 'TIME_BOUND_OK'] as const;
export type SmartPassCode = (typeof smartPassCodes)[number];

export type SmartMessageCode = SmartFindingCode | SmartPassCode;

import type { BaselineBasis, SmartMessageCode, SmartParams, SmartSuggestion, Verdict } from '@goalpost/domain';

/** What a SMART finding (or a letter's pass) is worded from: its code and params, and the key result it is about. */
export interface SmartMessage {
  code: SmartMessageCode;
  verdict: Verdict;
  params: SmartParams;
  /** Position of the key result in the draft (0-based); null for the objective. */
  keyResult: number | null;
  /** That key result's metric, as the report resolved it. */
  metric: string | null;
  /** Where that key result's baseline came from (a count's previous period: its days). */
  basis: BaselineBasis | null;
  suggestions: readonly SmartSuggestion[];
}

/** One language's words for every code a SMART report can carry: the compiler refuses a catalog that misses one. */
export type SmartWords = Readonly<Record<SmartMessageCode, (message: SmartMessage) => string>>;

/**
 * The shapes that cross the boundary between the rules (this package) and the apps.
 * Plain data only: the apps read rows, build these, call the rules and store what comes back.
 */
import type {
  AccountSource, Direction, Framework, IsoDate, ObjectiveCategory, ObjectiveStatus, PaceCurve, Platform, Verdict,
  AlertKind, AlertSeverity,
} from './vocabulary.ts';
import type { BaselineBasis } from './planning/targetReference.ts';
import type { TargetResolution } from './planning/resolveKeyResultTarget.ts';
import type { PlanningSettings } from './planning/planningSettings.ts';
import type { Realism, RealismBasis } from './smart/realism.ts';

/** One daily value of a metric (already summed over the key result's scope). */
export interface SeriesPoint { at: IsoDate; value: number }

/** How a metric behaves over time, which decides how a window is aggregated. */
export type MetricKind =
  | 'CUMULATIVE' // a level read at a moment: followers. Window value = latest value.
  | 'FLOW'       // a count per day: link clicks. Window value = sum.
  | 'DERIVED';   // a KPI computed from windowed sums of its inputs: engagement rate.

export type MetricUnit = 'COUNT' | 'PERCENT' | 'CURRENCY' | 'MINUTES' | 'RATIO' | 'SCORE';

export interface MetricDefinition {
  id: string;
  label: string;
  description: string;
  unit: MetricUnit;
  kind: MetricKind;
  /** The direction in which a change counts as an improvement. */
  goodDirection: Direction;
  /** Platforms whose connectors fetch it — for a KPI, every input (`connectorMetrics`); empty: push, import or entry only. */
  platforms: readonly Platform[];
  /** For DERIVED: the raw metric ids read to compute it. */
  inputs: readonly string[];
  /** For DERIVED: the formula as text, for people (KPIS.md). */
  formula?: string;
  /** Marked when a platform has retired the metric; key results on it are flagged. */
  deprecated?: { since: IsoDate; note: string };
}

/** Thresholds between ON_TRACK / AT_RISK / OFF_TRACK, settable per plan. */
export interface EvaluationThresholds {
  /** Below `expected × (1 − atRiskTolerance)` of the expected progress the key result is AT_RISK. Default 0.1. */
  atRiskTolerance: number;
  /** Below `expected × (1 − offTrackTolerance)` it is OFF_TRACK. Default 0.25. */
  offTrackTolerance: number;
  /** Days before the deadline when a key result that is not on track raises DEADLINE_NEAR. Default 14. */
  deadlineNearDays: number;
  /** No point newer than this many days makes the data stale (AT_RISK at best). Default 7. */
  staleAfterDays: number;
  /** Trailing days used by the forecast. Default 28. */
  forecastWindowDays: number;
  /**
   * A forecast at least this confident (0..1) can lower an ON_TRACK or AT_RISK status: to AT_RISK when
   * the projection at the deadline falls short of `1 − atRiskTolerance` of the way, to OFF_TRACK when
   * even the favourable edge of its interval falls short of `1 − offTrackTolerance`. Default 0.5.
   */
  forecastMinConfidence: number;
}

export interface KeyResultSpec {
  direction: Direction;
  baseline: number;
  target: number;
  startsOn: IsoDate;
  deadline: IsoDate;
  /** For MAINTAIN: the band is `target ± maintainTolerance`; default 5 % of |target|. */
  maintainTolerance?: number | undefined;
  /** The path expected progress follows; LINEAR when absent. */
  pace?: PaceCurve | undefined;
  /**
   * A count since the start (a FLOW metric: link clicks). Its baseline is what the same-length period
   * before the start totalled, which a count only matches by the deadline: progress is
   * (V − x·B) / (T − B) with x the share of the period V covers (on the path to T it equals x; at the
   * pace of the previous period, 0), and a DECREASE target (fewer than before) is only reached when the
   * deadline day counts. With B = 0 this is V / T.
   */
  flow?: boolean | undefined;
  /**
   * What the forecast's interval is scaled by so that its stated ~95 % holds on this key result's own
   * history (`forecastCalibration(…).intervalScale`); the model's own ±2 standard errors when absent.
   */
  forecastIntervalScale?: number | undefined;
}

export interface Forecast {
  /** Value projected at the deadline. */
  value: number;
  /** Interval around it (same units): ±2 standard errors of the fit, scaled by `KeyResultSpec.forecastIntervalScale` when given (nominally 95 %). */
  low: number;
  high: number;
  /** 0..1: how well the trend explains the recent history. */
  confidence: number;
  method: 'LEAST_SQUARES' | 'HOLT';
  /** The day the projection starts from: the latest value's. */
  asOf: IsoDate;
  /** Change per day of the projection. */
  trendPerDay: number;
  /**
   * Days after `asOf` when the projection reaches the target (0: it is there already); null when it does
   * not head there within `reachHorizonDays`, or there is no single day to reach (MAINTAIN, a count that
   * must stay under its target).
   */
  targetInDays: number | null;
  /**
   * The interval of that day: when the favourable and the unfavourable edges of the projection — lines
   * from today's fitted value to the interval's ends at the deadline — reach the target (null: that edge
   * does not within `reachHorizonDays`).
   */
  targetInDaysEarliest: number | null;
  targetInDaysLatest: number | null;
}

export interface KeyResultEvaluation {
  status: ObjectiveStatus;
  /** Latest observed value at or before `now` (null with no data). */
  current: number | null;
  /** The day the current value belongs to. */
  asOf: IsoDate | null;
  progress: number | null;
  expectedProgress: number;
  forecast: Forecast | null;
  /** Progress clamped to [0, 1]: the OKR score of this key result. */
  score: number;
}

/** A value a SMART message is built from: clients word messages in other languages from `code` and these. */
export type SmartParamValue = string | number | boolean | null;
export type SmartParams = Readonly<Record<string, SmartParamValue>>;

/** What a suggestion proposes. */
export type SmartSuggestionCode =
  | 'TARGET_AT_HISTORICAL_PACE'   // the target the history's pace reaches by the deadline
  | 'TARGET_AT_REALISTIC_PACE'    // the target at 1.5× that pace, the top of the realistic band
  | 'DEADLINE_FOR_TARGET'         // the deadline that makes the given target realistic
  | 'OKR_STRETCH_TARGET'          // OKR: the target the history's pace reaches 0.7 of
  | 'BUDGET_FOR_COST_TARGETS'     // the budget the cost targets imply
  | 'CONTENT_FOR_PER_POST_TARGET'; // the content items a per-post target is read over

/** Advice as data: a change a client can apply to the draft, beside the message that explains it. */
export interface SmartSuggestion {
  code: SmartSuggestionCode;
  /** The key result it applies to (0-based, in the draft's order); null for the objective. */
  keyResult: number | null;
  /** The input field to set. */
  field: 'target' | 'deadline' | 'budget' | 'plannedContentItems';
  /** The number to set (target, budget, content items) or the day (deadline, YYYY-MM-DD). */
  value: number | IsoDate;
}

/** One thing a SMART letter says: a stable machine `code` and its `params` beside the English `message`. */
export interface SmartFinding {
  verdict: Verdict;
  code: string;
  params: SmartParams;
  message: string;
  /** The key result it is about (0-based); null for the objective. */
  keyResult: number | null;
  suggestions: readonly SmartSuggestion[];
}

/**
 * A letter's verdict: the worst of its findings, with their messages joined — or, when nothing is wrong,
 * the letter's pass (`code` like `SPECIFIC_OK`). `findings` lists what is not a pass.
 */
export interface SmartVerdict {
  verdict: Verdict;
  message: string;
  code: string;
  params: SmartParams;
  findings: readonly SmartFinding[];
}

/** Per key result of a draft: the numbers it resolves to, how realistic they are, and the alternatives. */
export interface KeyResultAdvice {
  keyResult: number;
  metric: string | null;
  baseline: number | null;
  target: number | null;
  basis: BaselineBasis | null;
  realism: Realism | null;
  /** Weeks of history behind the realism. */
  historyWeeks: number;
  /** The target the history's pace reaches by the deadline (a count: the period's total at that volume). */
  targetAtHistoricalPace: number | null;
  /** The target at 1.5× that pace: the top of the realistic band. */
  targetAtRealisticPace: number | null;
  /** The earliest deadline at which the given target is within 1.5× of the pace. */
  deadlineForTarget: IsoDate | null;
  /** OKR: the target of which the history's pace reaches about 0.7 (seed 003's win). */
  stretchTarget: number | null;
}

export interface SmartReport {
  specific: SmartVerdict;
  measurable: SmartVerdict;
  /** From history: the pace the target needs against the pace shown. */
  attainable: SmartVerdict;
  /** From resources: the budget against the spend cost targets imply, planned content against what per-post targets need, the time left. */
  realistic: SmartVerdict;
  relevant: SmartVerdict;
  timeBound: SmartVerdict;
  /** True when no letter FAILs. */
  passed: boolean;
  /** One per key result of the draft, in its order. */
  keyResults: readonly KeyResultAdvice[];
}

export interface KeyResultDraft {
  metric?: string | undefined;
  accountId?: string | undefined;
  platform?: Platform | undefined;
  direction?: Direction | undefined;
  baseline?: number | undefined;
  target?: number | undefined;
  targetChangePercent?: number | undefined;
  weight?: number | undefined;
  /** For MAINTAIN: half-width of the band around the target; default 5 % of |target| (as in KeyResultSpec). */
  maintainTolerance?: number | undefined;
}

export interface ObjectiveDraft {
  goalId?: string | undefined;
  title?: string | undefined;
  category?: ObjectiveCategory | undefined;
  framework?: Framework | undefined;
  startsOn?: IsoDate | undefined;
  deadline?: IsoDate | undefined;
  keyResults?: readonly KeyResultDraft[] | undefined;
}

/** What can deliver a key result's metric in its scope (the Measurable letter). */
export interface KeyResultSources {
  /** Accounts in scope. */
  accounts: number;
  /** Platforms of the CONNECTOR accounts in scope: their connectors fetch what `connectorMetrics` lists. */
  connectorPlatforms: readonly Platform[];
  /** PUSH, MANUAL or DEMO accounts in scope: any metric can arrive through them. */
  openSources: readonly AccountSource[];
  /** Raw metrics that already have points in scope (imported, pushed, typed in or fetched). */
  metricsWithData: readonly string[];
}

/** What the apps looked up for one key result of a draft. */
export interface SmartKeyResultContext {
  /** Some source can deliver the metric for the scope; read only when `sources` is absent. */
  measurable: boolean;
  sources?: KeyResultSources | undefined;
  /** Baseline from history at the objective's start, when the draft gave none (superseded by `resolution`). */
  historicalBaseline: number | null;
  /** The history's pace per week before the start (see `HistoricalPace`); null: no history. */
  historicalWeeklyRate: number | null;
  /** Weeks of history backing that rate. */
  historyWeeks: number;
  /** How the pace was read; LEVEL_TREND when absent (FLOW_VOLUME for counts, KPI_CHANGES for KPIs). */
  realismBasis?: RealismBasis | undefined;
  /** KPI_CHANGES: the 75th-percentile change over windows of the objective's length, and how many were compared. */
  historicalChange?: number | null | undefined;
  windows?: number | undefined;
  /** The baseline and target as resolved from history (`resolveKeyResultTarget`). */
  resolution?: TargetResolution | undefined;
  /** The key result's value today, once its objective has started. */
  current?: number | null | undefined;
  /** Posts a week published in scope over the history window (per-post targets). */
  postsPerWeek?: number | null | undefined;
  /** For a cost KPI: the weekly volume of what it pays for (clicks, conversions, net new followers…) in the history. */
  costVolumePerWeek?: number | null | undefined;
  /** The platforms whose APIs the scope's data comes from (connected accounts): their metric deprecations apply. */
  scopePlatforms?: readonly Platform[] | undefined;
}

/** What the apps looked up for the SMART check: the rules never query anything. */
export interface SmartContext {
  /** The goal the draft names exists in this workspace. */
  goalExists: boolean;
  plan: {
    startsOn: IsoDate;
    endsOn: IsoDate;
    /** Categories of the plan's other objectives (the focus check counts primary ones). */
    otherCategories?: readonly ObjectiveCategory[] | undefined;
    settings?: PlanningSettings | undefined;
  } | null;
  /** Today (UTC), for the time left; absent: not judged. */
  today?: IsoDate | undefined;
  /** The objective's budget; null or absent: none set. */
  budget?: { amount: number; currency: string } | null | undefined;
  /** Content items planned under the objective's themes for its period; null or absent: none known. */
  plannedContentItems?: number | null | undefined;
  /** Per key result, in the draft's order. */
  keyResults: readonly SmartKeyResultContext[];
}

export interface AlertIntent {
  kind: AlertKind;
  severity: AlertSeverity;
  /** Unique per (key result, kind, period — the drift episode, or the deadline): a retried evaluation produces the same key. */
  dedupKey: string;
  message: string;
}

export interface AlertDecision {
  raise: AlertIntent[];
  /** Alert kinds whose open alerts for this key result are resolved (the key result is back on track). */
  resolveKinds: AlertKind[];
  /** The first day of the drift episode the key result is in after this evaluation (null: not drifting): store it for the next one. */
  driftSince: IsoDate | null;
}

export interface OkrScore {
  score: number;
  grade: 'GREEN' | 'YELLOW' | 'RED';
}

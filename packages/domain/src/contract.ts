/**
 * The shapes that cross the boundary between the rules (this package) and the apps.
 * Plain data only: the apps read rows, build these, call the rules and store what comes back.
 */
import type {
  Direction, Framework, IsoDate, ObjectiveCategory, ObjectiveStatus, PaceCurve, Platform, Verdict,
  AlertKind, AlertSeverity,
} from './vocabulary.ts';

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
  /** Platforms whose connectors can supply it (empty: manual, CSV or push only). */
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
}

export interface Forecast {
  /** Value projected at the deadline. */
  value: number;
  /** Interval around it (same units), from the residuals of the fit. */
  low: number;
  high: number;
  /** 0..1: how well the trend explains the recent history. */
  confidence: number;
  method: 'LEAST_SQUARES' | 'HOLT';
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

export interface SmartVerdict { verdict: Verdict; message: string }
export interface SmartReport {
  specific: SmartVerdict;
  measurable: SmartVerdict;
  attainable: SmartVerdict;
  relevant: SmartVerdict;
  timeBound: SmartVerdict;
  /** True when no letter FAILs. */
  passed: boolean;
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

/** What the apps looked up for the SMART check: the rules never query anything. */
export interface SmartContext {
  /** The goal the draft names exists in this workspace. */
  goalExists: boolean;
  plan: { startsOn: IsoDate; endsOn: IsoDate } | null;
  /** Per key result (same order as the draft): what the workspace can deliver and has seen. */
  keyResults: readonly {
    /** Some connected source (connector, push, CSV, manual, demo) can deliver the metric for the scope. */
    measurable: boolean;
    /** Baseline resolved from history at the objective's start, when the draft gave none. */
    historicalBaseline: number | null;
    /** Historical rate of change per week of the metric in scope, before the start; null: no history. */
    historicalWeeklyRate: number | null;
    /** Weeks of history backing that rate. */
    historyWeeks: number;
    /** The platforms whose APIs the scope's data comes from (connected accounts): their metric deprecations apply. */
    scopePlatforms?: readonly Platform[] | undefined;
  }[];
}

export interface AlertIntent {
  kind: AlertKind;
  severity: AlertSeverity;
  /** Unique per (key result, kind, status, period): a retried evaluation produces the same key. */
  dedupKey: string;
  message: string;
}

export interface AlertDecision {
  raise: AlertIntent[];
  /** Alert kinds whose open alerts for this key result are resolved (the key result is back on track). */
  resolveKinds: AlertKind[];
}

export interface OkrScore {
  score: number;
  grade: 'GREEN' | 'YELLOW' | 'RED';
}

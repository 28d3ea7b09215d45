import type {
  KeyResultAdvice, KeyResultDraft, MetricDefinition, ObjectiveDraft, SmartContext, SmartKeyResultContext,
} from '../contract.ts';
import type { Direction, IsoDate } from '../vocabulary.ts';
import { findMetric } from '../catalog/metricCatalog.ts';
import { resolveTarget } from '../evaluation/resolveTarget.ts';
import type { TargetResolution } from '../planning/resolveKeyResultTarget.ts';
import { periodDays } from '../planning/targetReference.ts';
import { addDays, daysBetween, isIsoDate } from '../time/calendarDays.ts';
import { flowRealism, realism, realisticUpTo, type Realism, type RealismBasis } from './realism.ts';
import { realisticFix } from './realisticFix.ts';
import { hasNumber, nameOf, suggested } from './smartFindings.ts';

/** OKR (seed 003): a stretch target is one the history's pace reaches about 0.7 of. */
export const stretchExpected = 0.7;

/** A key result of a draft with what the rules make of it, computed once and read by every letter. */
export interface AssessedKeyResult {
  index: number;
  draft: KeyResultDraft;
  name: string;
  definition: MetricDefinition | undefined;
  direction: Direction;
  context: SmartKeyResultContext | undefined;
  resolution: TargetResolution;
  basis: RealismBasis;
  /** Weeks the target has: the objective's, a count's days counted inclusively (null without valid dates). */
  weeks: number | null;
  realism: Realism | null;
  advice: KeyResultAdvice;
}

/** The objective's weeks from start to deadline, or null without valid dates. */
export function objectiveWeeks(draft: ObjectiveDraft): number | null {
  return draft.startsOn && draft.deadline && isIsoDate(draft.startsOn) && isIsoDate(draft.deadline) ? daysBetween(draft.startsOn, draft.deadline) / 7 : null;
}

const basisOf = (definition: MetricDefinition | undefined, context: SmartKeyResultContext | undefined): RealismBasis =>
  context?.realismBasis ?? (definition?.kind === 'FLOW' ? 'FLOW_VOLUME' : definition?.kind === 'DERIVED' ? 'KPI_CHANGES' : 'LEVEL_TREND');

/** What the context resolved, or — for callers that only looked up a baseline — the same rule applied to it. */
function resolutionOf(kr: KeyResultDraft, context: SmartKeyResultContext | undefined): TargetResolution {
  if (context?.resolution) {
    // The draft's own numbers win over what was resolved before they were typed.
    if (hasNumber(kr.baseline) || hasNumber(kr.target)) {
      const baseline = hasNumber(kr.baseline) ? kr.baseline : context.resolution.baseline;
      return { ...context.resolution, baseline, target: resolveTarget({ baseline, target: kr.target, targetChangePercent: kr.targetChangePercent }) };
    }
    return context.resolution;
  }
  const baseline = hasNumber(kr.baseline) ? kr.baseline : context?.historicalBaseline ?? null;
  return {
    baseline,
    target: resolveTarget({ baseline, target: kr.target, targetChangePercent: kr.targetChangePercent }),
    basis: hasNumber(kr.baseline) ? { kind: 'GIVEN', from: null, to: null, coveredDays: null } : null,
    settled: baseline !== null,
  };
}

/** Realism of a resolved target over `weeks` from `from` (the baseline, or today's value), in the key result's terms. */
export function realismFor(a: Pick<AssessedKeyResult, 'direction' | 'basis' | 'context'>, from: number, target: number, weeks: number, countSoFar = 0): Realism {
  const historicalWeeklyRate = a.context?.historicalWeeklyRate ?? null;
  if (a.basis === 'FLOW_VOLUME') return flowRealism({ direction: a.direction, target: target - countSoFar, weeks, historicalWeeklyRate });
  return realism({ direction: a.direction, baseline: from, target, weeks, historicalWeeklyRate, basis: a.basis });
}

/** The earliest deadline from `start` at which `need` (a count: the total; else the move) is within 1.5× of the pace. */
function deadlineAtRealisticPace(start: IsoDate | undefined, need: number, pace: number): IsoDate | null {
  if (!start || !(need > 0) || !(pace > 0)) return null;
  const weeks = need / (realisticUpTo * pace);
  return Number.isFinite(weeks) && weeks < 52 * 100 ? addDays(start, Math.max(1, Math.ceil(weeks * 7))) : null;
}

function adviceFor(draft: ObjectiveDraft, a: Omit<AssessedKeyResult, 'advice'>): KeyResultAdvice {
  const { baseline, target, basis } = a.resolution;
  const none: KeyResultAdvice = {
    keyResult: a.index, metric: a.draft.metric ?? null, baseline, target, basis, realism: a.realism, historyWeeks: a.context?.historyWeeks ?? 0,
    targetAtHistoricalPace: null, targetAtRealisticPace: null, deadlineForTarget: null, stretchTarget: null,
  };
  const rate = a.context?.historicalWeeklyRate ?? null;
  if (a.direction === 'MAINTAIN' || rate === null || !Number.isFinite(rate) || a.weeks === null || baseline === null) return none;
  const whole = a.definition?.unit === 'COUNT';
  const okr = draft.framework === 'OKR';
  if (a.basis === 'FLOW_VOLUME') {
    if (!(rate >= 0)) return none;
    const atPace = rate * a.weeks;
    const up = a.direction === 'INCREASE';
    // Stretching a count means beyond what the previous period gave, in the way it should move.
    const gain = up ? atPace - baseline : baseline - atPace;
    return {
      ...none,
      targetAtHistoricalPace: suggested(atPace, whole),
      targetAtRealisticPace: suggested(up ? atPace * realisticUpTo : atPace / realisticUpTo, whole),
      // A count's total over a longer period needs less a week; a relative target grows with its period.
      deadlineForTarget: up && hasNumber(a.draft.target) && target !== null ? deadlineAtRealisticPace(draft.startsOn, target, rate) : null,
      stretchTarget: okr && gain > 0 ? suggested(up ? baseline + gain / stretchExpected : baseline - gain / stretchExpected, whole) : null,
    };
  }
  const fix = realisticFix({ direction: a.direction, baseline, target: target ?? baseline, historicalWeeklyRate: rate, weeks: a.weeks, startsOn: draft.startsOn });
  if (!fix) return none;
  const move = rate * a.weeks;
  return {
    ...none,
    targetAtHistoricalPace: suggested(baseline + move, whole),
    targetAtRealisticPace: suggested(fix.target, whole),
    deadlineForTarget: target === null ? null : fix.deadline,
    stretchTarget: okr ? suggested(baseline + move / stretchExpected, whole) : null,
  };
}

/** Every key result of the draft with its resolution, its realism and its advice. */
export function assessKeyResults(draft: ObjectiveDraft, context: SmartContext): AssessedKeyResult[] {
  const objective = objectiveWeeks(draft);
  return (draft.keyResults ?? []).map((kr, index) => {
    const definition = kr.metric ? findMetric(kr.metric) : undefined;
    const krContext = context.keyResults[index];
    const direction = kr.direction ?? definition?.goodDirection ?? 'INCREASE';
    const resolution = resolutionOf(kr, krContext);
    const basis = basisOf(definition, krContext);
    // A count's period counts its deadline day, as its baseline's period does.
    const weeks = objective === null ? null : basis === 'FLOW_VOLUME' ? periodDays({ startsOn: draft.startsOn!, deadline: draft.deadline! }) / 7 : objective;
    const { baseline, target } = resolution;
    const measured = weeks !== null && weeks > 0 && baseline !== null && target !== null && direction !== 'MAINTAIN';
    const assessed = {
      index, draft: kr, name: nameOf(kr, index), definition, direction, context: krContext, resolution, basis, weeks,
      realism: measured ? realismFor({ direction, basis, context: krContext }, baseline, target, weeks) : null,
    };
    return { ...assessed, advice: adviceFor(draft, assessed) };
  });
}

import type { ObjectiveDraft, SmartFinding, SmartSuggestion, SmartVerdict } from '../contract.ts';
import { hasNumber, finding, fmt, letter, signed } from './smartFindings.ts';
import { ambitiousUpTo, realisticUpTo } from './realism.ts';
import type { AssessedKeyResult } from './assessKeyResults.ts';

/** The suggestions a target that is too far gets: the realistic target, the deadline that makes it realistic, and for OKR the stretch. */
export function paceSuggestions(draft: ObjectiveDraft, a: AssessedKeyResult): SmartSuggestion[] {
  const out: SmartSuggestion[] = [];
  const { targetAtRealisticPace, deadlineForTarget, stretchTarget } = a.advice;
  if (targetAtRealisticPace !== null) out.push({ code: 'TARGET_AT_REALISTIC_PACE', keyResult: a.index, field: 'target', value: targetAtRealisticPace });
  if (deadlineForTarget !== null) out.push({ code: 'DEADLINE_FOR_TARGET', keyResult: a.index, field: 'deadline', value: deadlineForTarget });
  if (draft.framework === 'OKR' && stretchTarget !== null) out.push({ code: 'OKR_STRETCH_TARGET', keyResult: a.index, field: 'target', value: stretchTarget });
  return out;
}

/** The concrete fix in words: the target that stays within the realistic pace, and the deadline that would make this one realistic. */
function fixWords(a: AssessedKeyResult): string {
  const { targetAtRealisticPace, deadlineForTarget } = a.advice;
  if (targetAtRealisticPace === null) {
    return a.context?.historicalWeeklyRate === 0
      ? 'the history has stood still, so plan what will move it (the budget, boosts and content Realistic weighs) or lower the target'
      : 'first reverse the trend the history shows, or lower the ambition of the target';
  }
  return `set the target to about ${fmt(targetAtRealisticPace)}${deadlineForTarget ? ` or extend the deadline to about ${deadlineForTarget}` : ''} to stay within ${realisticUpTo}× of that pace`;
}

/** How the pace compares, in the terms of how the history was read. */
function paceWords(a: AssessedKeyResult): string {
  const r = a.realism!;
  const { baseline, target } = a.resolution as { baseline: number; target: number };
  const over = `over the last ${fmt(a.context?.historyWeeks ?? 0)} weeks`;
  if (a.basis === 'FLOW_VOLUME') return `needs ${fmt(target)} in the period, ${fmt(r.requiredWeeklyRate)} a week, against ${fmt(r.historicalWeeklyRate ?? 0)} a week ${over}`;
  if (a.basis === 'KPI_CHANGES') {
    const days = Math.round((a.weeks ?? 0) * 7);
    return `needs ${signed(target - baseline)} over the period against ${signed(a.context?.historicalChange ?? 0)}, the change the better quarter of ${a.context?.windows ?? 0} past ${days}-day windows reached`;
  }
  return `needs ${signed(r.requiredWeeklyRate)} a week against ${signed(r.historicalWeeklyRate ?? 0)} a week ${over}`;
}

function maintainFinding(a: AssessedKeyResult, baseline: number, target: number, rate: number, weeks: number): SmartFinding | null {
  const tolerance = hasNumber(a.draft.maintainTolerance) ? Math.abs(a.draft.maintainTolerance) : Math.abs(target) * 0.05;
  const inBand = (v: number) => Math.abs(v - target) <= tolerance;
  const band = `${fmt(target - tolerance)}–${fmt(target + tolerance)}`;
  const over = `over the last ${fmt(a.context?.historyWeeks ?? 0)} weeks`;
  const params = { metric: a.draft.metric ?? null, baseline, target, tolerance, rate };
  if (a.basis === 'FLOW_VOLUME') {
    // A count holds its band over the period: the period's total at the history's volume.
    const projected = rate * weeks;
    return inBand(projected) ? null : finding('WARN', 'MAINTAIN_DRIFTS', `${a.name} totals ${fmt(projected)} in a period at the ${fmt(rate)} a week ${over}, outside the band ${band}; plan what will move it there or change the band.`, { ...params, projected }, a.index);
  }
  const projected = baseline + rate * weeks;
  if (inBand(baseline) && inBand(projected)) return null;
  return inBand(baseline)
    ? finding('WARN', 'MAINTAIN_DRIFTS', `${a.name} drifts ${signed(rate)} a week ${over}, which would take it to ${fmt(projected)}, outside the band ${band} by the deadline; plan what will hold it or widen the band.`, { ...params, projected }, a.index)
    : finding('WARN', 'MAINTAIN_OUTSIDE_BAND', `${a.name} starts at ${fmt(baseline)}, outside the band ${band} it should hold; move the target to where the metric is, or make it an INCREASE/DECREASE key result.`, params, a.index);
}

function alreadyMet(a: AssessedKeyResult, baseline: number, target: number): SmartFinding | null {
  const down = a.direction === 'DECREASE';
  if ((down ? baseline - target : target - baseline) > 0) return null;
  const params = { metric: a.draft.metric ?? null, baseline, target, direction: a.direction };
  const suggestion: SmartSuggestion[] = a.advice.targetAtRealisticPace !== null ? [{ code: 'TARGET_AT_REALISTIC_PACE', keyResult: a.index, field: 'target', value: a.advice.targetAtRealisticPace }] : [];
  const basis = a.resolution.basis;
  if (basis?.kind === 'PREVIOUS_PERIOD_TOTAL') {
    return finding('WARN', 'TARGET_NOT_BEYOND_PREVIOUS_PERIOD', `${a.name}: the target ${fmt(target)} is not ${down ? 'below' : 'above'} the ${fmt(baseline)} counted over the same length of time before the start (${basis.from} – ${basis.to}); set a target that moves the count ${down ? 'down' : 'up'}.`, params, a.index, suggestion);
  }
  return finding('WARN', 'TARGET_ALREADY_MET', `${a.name}: the target ${fmt(target)} is already met by the baseline ${fmt(baseline)}; set a target that moves the metric ${down ? 'down' : 'up'}.`, params, a.index, suggestion);
}

function attainableKeyResult(draft: ObjectiveDraft, a: AssessedKeyResult): SmartFinding | null {
  if (a.weeks === null || a.weeks <= 0) return finding('WARN', 'NO_PERIOD', `${a.name} cannot be judged against its history without a start and a later deadline; set both.`, {}, a.index);
  const { baseline, target } = a.resolution;
  const rate = a.context?.historicalWeeklyRate ?? null;
  if (baseline === null || target === null || rate === null || !Number.isFinite(rate)) {
    return finding('WARN', 'NO_HISTORY', `${a.name} has no history to judge its target by; audit the account (connect it and let it backfill, or import past values) before committing to the number.`, { metric: a.draft.metric ?? null }, a.index);
  }
  if (a.direction === 'MAINTAIN') return maintainFinding(a, baseline, target, rate, a.weeks);
  const met = alreadyMet(a, baseline, target);
  if (met) return met;
  const r = a.realism!;
  const times = r.ratio === null ? 'while the history does not move that way' : `(${r.ratio.toFixed(1)}×)`;
  const params = {
    metric: a.draft.metric ?? null, basis: r.basis, band: r.band, ratio: r.ratio, required: r.requiredWeeklyRate, historical: r.historicalWeeklyRate,
    baseline, target, weeks: a.weeks, historyWeeks: a.context?.historyWeeks ?? 0,
  };
  if (r.band === 'UNREALISTIC') {
    const lenient = draft.framework === 'OKR';
    return finding(lenient ? 'WARN' : 'FAIL', 'UNREALISTIC', `${a.name} ${paceWords(a)} ${times}: unrealistic${lenient ? ' even for an OKR' : ' for a SMART objective'}; ${fixWords(a)}.`, params, a.index, paceSuggestions(draft, a));
  }
  if (r.band === 'AMBITIOUS') {
    return finding('WARN', 'AMBITIOUS', `${a.name} ${paceWords(a)} ${times}: ambitious (${realisticUpTo}–${ambitiousUpTo}× the history); plan what will change to get there, or ${fixWords(a)}.`, params, a.index, paceSuggestions(draft, a));
  }
  return null;
}

/**
 * Attainable, from history (DESIGN.md §1): each target's pace against the pace its history shows before
 * the start — a level's slope, a count's weekly volume, a KPI's changes over windows of the objective's
 * length. Above 3× fails a SMART objective and warns an OKR; 1.5–3× warns; no history warns, never passes.
 */
export function attainableLetter(draft: ObjectiveDraft, assessed: readonly AssessedKeyResult[]): SmartVerdict {
  if (assessed.length === 0) return letter([finding('WARN', 'NO_KEY_RESULTS', 'There is no key result to judge against the audit yet; add one.')], { code: 'ATTAINABLE_OK', message: '' });
  return letter(assessed.map((a) => attainableKeyResult(draft, a)), {
    code: 'ATTAINABLE_OK', message: `Every target is within ${realisticUpTo}× of the pace its history shows.`, params: { realisticUpTo },
  });
}

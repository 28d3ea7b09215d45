import type { KeyResultDraft, ObjectiveDraft, SmartContext, SmartReport, SmartVerdict } from '../contract.ts';
import type { IsoDate, Verdict } from '../vocabulary.ts';
import { findMetric } from '../catalog/metricCatalog.ts';
import { deprecationsAffecting } from '../catalog/platformMetricDeprecations.ts';
import { isRecommendedKpi, recommendedKpis } from '../catalog/kpiRecommendations.ts';
import { resolveTarget } from '../evaluation/resolveTarget.ts';
import { addDays, daysBetween, isIsoDate } from '../time/calendarDays.ts';
import { ambitiousUpTo, realism, realisticUpTo } from './realism.ts';

type KeyResultContext = SmartContext['keyResults'][number];

const severity: Record<Verdict, number> = { PASS: 0, WARN: 1, FAIL: 2 };
const pass: SmartVerdict = { verdict: 'PASS', message: '' };

/** A letter's verdict over its key results: the worst one, with the sentence of each that is not a pass. */
function worstOf(verdicts: readonly SmartVerdict[], passMessage: string): SmartVerdict {
  const problems = verdicts.filter((v) => v.verdict !== 'PASS');
  if (problems.length === 0) return { verdict: 'PASS', message: passMessage };
  const verdict = problems.reduce<Verdict>((worst, v) => (severity[v.verdict] > severity[worst] ? v.verdict : worst), 'WARN');
  return { verdict, message: problems.map((v) => v.message).join(' ') };
}

const nameOf = (kr: KeyResultDraft, i: number) => `Key result ${i + 1}${kr.metric ? ` (${kr.metric})` : ''}`;
const fmt = (x: number) => (Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : String(Number(x.toFixed(2))));
const signed = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${fmt(Math.abs(x))}`;
const hasNumber = (x: number | undefined) => x !== undefined && x !== null && Number.isFinite(x);

/**
 * One verdict per SMART letter (DESIGN.md §1), each a sentence saying what is wrong and how to fix it,
 * naming the key result by position and metric. Runs on drafts (any field may be missing); pure: the
 * apps put every lookup in `context`. Attainable and Realistic share one verdict, `attainable`.
 * `passed` is true when no letter FAILs.
 */
export function smartReport(draft: ObjectiveDraft, context: SmartContext): SmartReport {
  const keyResults = draft.keyResults ?? [];
  const report = {
    specific: specific(keyResults),
    measurable: measurable(keyResults, context, draft.deadline),
    attainable: attainable(draft, keyResults, context),
    relevant: relevant(draft, keyResults, context),
    timeBound: timeBound(draft, context),
  };
  return { ...report, passed: Object.values(report).every((v) => v.verdict !== 'FAIL') };
}

function specific(keyResults: readonly KeyResultDraft[]): SmartVerdict {
  if (keyResults.length === 0) {
    return { verdict: 'FAIL', message: 'The objective has no key result: add one with a metric, a scope (an account or a platform) and a target number.' };
  }
  return worstOf(keyResults.map((kr, i) => {
    const missing = [
      !kr.metric && 'a metric',
      !kr.accountId && !kr.platform && 'a scope (an account or a platform)',
      !hasNumber(kr.target) && !hasNumber(kr.targetChangePercent) && 'an explicit number (target or targetChangePercent)',
    ].filter((x): x is string => typeof x === 'string');
    return missing.length ? { verdict: 'FAIL', message: `${nameOf(kr, i)} is missing ${missing.join(', ')}; add ${missing.length > 1 ? 'them' : 'it'}.` } : pass;
  }), 'Every key result names a metric, a scope and an explicit target number.');
}

function measurable(keyResults: readonly KeyResultDraft[], context: SmartContext, draftDeadline: IsoDate | undefined): SmartVerdict {
  if (keyResults.length === 0) return { verdict: 'FAIL', message: 'Nothing can be measured yet: add a key result on a metric from the catalog.' };
  return worstOf(keyResults.map((kr, i): SmartVerdict => {
    if (!kr.metric) return { verdict: 'FAIL', message: `${nameOf(kr, i)} has no metric; pick one from the metric catalog.` };
    const definition = findMetric(kr.metric);
    if (!definition) return { verdict: 'FAIL', message: `${nameOf(kr, i)}: "${kr.metric}" is not in the metric catalog; pick a catalog metric such as followers or engagement_rate_by_reach.` };
    if (!context.keyResults[i]?.measurable) {
      return { verdict: 'FAIL', message: `${nameOf(kr, i)}: no connected source delivers ${definition.label} for this scope; connect an account, or push, import or enter the values.` };
    }
    if (definition.deprecated) {
      return { verdict: 'WARN', message: `${nameOf(kr, i)}: ${definition.label} has been retired by its platform since ${definition.deprecated.since} (${definition.deprecated.note}); choose a metric that is still reported.` };
    }
    const retired = deprecationsAffecting(definition.id, context.keyResults[i]?.scopePlatforms ?? [])
      .find((d) => !draftDeadline || d.deprecatedOn <= draftDeadline);
    if (retired) {
      return { verdict: 'WARN', message: `${nameOf(kr, i)}: ${retired.platform} stops reporting ${retired.platformMetric} (read as ${retired.metric}) from ${retired.deprecatedOn}, so the key result gets no new values from then. ${retired.advice}` };
    }
    return pass;
  }), 'Every metric is in the catalog and a connected source delivers it for its scope.');
}

function attainable(draft: ObjectiveDraft, keyResults: readonly KeyResultDraft[], context: SmartContext): SmartVerdict {
  if (keyResults.length === 0) return { verdict: 'WARN', message: 'There is no key result to judge against the audit yet; add one.' };
  const weeks = draft.startsOn && draft.deadline && isIsoDate(draft.startsOn) && isIsoDate(draft.deadline) ? daysBetween(draft.startsOn, draft.deadline) / 7 : null;
  return worstOf(keyResults.map((kr, i) => attainableKeyResult(draft, kr, i, weeks, context.keyResults[i])),
    `Every target is within ${realisticUpTo}× of the pace its history shows.`);
}

function attainableKeyResult(draft: ObjectiveDraft, kr: KeyResultDraft, i: number, weeks: number | null, history: KeyResultContext | undefined): SmartVerdict {
  const name = nameOf(kr, i);
  if (weeks === null || weeks <= 0) return { verdict: 'WARN', message: `${name} cannot be judged against its history without a start and a later deadline; set both.` };
  const baseline = hasNumber(kr.baseline) ? kr.baseline! : history?.historicalBaseline ?? null;
  const target = resolveTarget({ baseline, target: kr.target, targetChangePercent: kr.targetChangePercent });
  const rate = history?.historicalWeeklyRate ?? null;
  if (baseline === null || target === null || rate === null || !Number.isFinite(rate)) {
    return { verdict: 'WARN', message: `${name} has no history to judge its target by; audit the account (connect it and let it backfill, or import past values) before committing to the number.` };
  }
  const over = `over the last ${fmt(history?.historyWeeks ?? 0)} weeks`;
  const direction = kr.direction ?? 'INCREASE';

  if (direction === 'MAINTAIN') {
    const tolerance = hasNumber(kr.maintainTolerance) ? Math.abs(kr.maintainTolerance!) : Math.abs(target) * 0.05;
    const inBand = (v: number) => Math.abs(v - target) <= tolerance;
    const projected = baseline + rate * weeks;
    if (inBand(baseline) && inBand(projected)) return pass;
    return inBand(baseline)
      ? { verdict: 'WARN', message: `${name} drifts ${signed(rate)} a week ${over}, which would take it to ${fmt(projected)}, outside the band ${fmt(target - tolerance)}–${fmt(target + tolerance)} by the deadline; plan what will hold it or widen the band.` }
      : { verdict: 'WARN', message: `${name} starts at ${fmt(baseline)}, outside the band ${fmt(target - tolerance)}–${fmt(target + tolerance)} it should hold; move the target to where the metric is, or make it an INCREASE/DECREASE key result.` };
  }

  if ((direction === 'DECREASE' ? baseline - target : target - baseline) <= 0) {
    return { verdict: 'WARN', message: `${name}: the target ${fmt(target)} is already met by the baseline ${fmt(baseline)}; set a target that moves the metric ${direction === 'DECREASE' ? 'down' : 'up'}.` };
  }
  const r = realism({ direction, baseline, target, weeks, historicalWeeklyRate: rate });
  const pace = `needs ${signed(r.requiredWeeklyRate)} a week against ${signed(rate)} a week ${over}`;
  const times = r.ratio === null ? 'while the history does not move that way' : `(${r.ratio.toFixed(1)}×)`;
  if (r.band === 'UNREALISTIC') {
    const lenient = draft.framework === 'OKR';
    return {
      verdict: lenient ? 'WARN' : 'FAIL',
      message: `${name} ${pace} ${times}: unrealistic${lenient ? ' even for an OKR' : ' for a SMART objective'}; ${fixFor(draft, direction, baseline, target, rate, weeks)}.`,
    };
  }
  if (r.band === 'AMBITIOUS') {
    return { verdict: 'WARN', message: `${name} ${pace} ${times}: ambitious (${realisticUpTo}–${ambitiousUpTo}× the history); plan what will change to get there, or ${fixFor(draft, direction, baseline, target, rate, weeks)}.` };
  }
  return pass;
}

/** The concrete fix: the target that stays within the realistic pace, and the deadline that would make this one realistic. */
function fixFor(draft: ObjectiveDraft, direction: 'INCREASE' | 'DECREASE', baseline: number, target: number, rate: number, weeks: number): string {
  const sign = direction === 'DECREASE' ? -1 : 1;
  const pace = sign * rate;
  if (!(pace > 0)) return 'first reverse the trend the history shows, or lower the ambition of the target';
  const realisticTarget = baseline + sign * realisticUpTo * pace * weeks;
  const weeksNeeded = Math.abs(target - baseline) / (realisticUpTo * pace);
  const deadline = draft.startsOn && Number.isFinite(weeksNeeded) && weeksNeeded < 52 * 100 ? addDays(draft.startsOn, Math.ceil(weeksNeeded * 7)) : null;
  return `set the target to about ${fmt(realisticTarget)}${deadline ? ` or extend the deadline to about ${deadline}` : ''} to stay within ${realisticUpTo}× of that pace`;
}

function relevant(draft: ObjectiveDraft, keyResults: readonly KeyResultDraft[], context: SmartContext): SmartVerdict {
  if (!draft.goalId) return { verdict: 'FAIL', message: 'The objective serves no business goal; link it to the goal of the plan it moves forward.' };
  if (!context.goalExists) return { verdict: 'FAIL', message: `The business goal "${draft.goalId}" does not exist in this workspace; link the objective to an existing goal.` };
  if (!draft.category) return { verdict: 'WARN', message: 'The objective has no category, so its KPIs cannot be checked against the recommended ones; choose a category.' };
  const category = draft.category;
  const suggestions = recommendedKpis(category).slice(0, 4).map((m) => m.id).join(', ');
  return worstOf(keyResults.map((kr, i): SmartVerdict =>
    kr.metric && findMetric(kr.metric) && !isRecommendedKpi(category, kr.metric)
      ? { verdict: 'WARN', message: `${nameOf(kr, i)} is not a KPI recommended for ${category}; make sure it shows progress toward the goal, or use one such as ${suggestions}.` }
      : pass), `Serves a business goal, with KPIs recommended for ${category}.`);
}

function timeBound(draft: ObjectiveDraft, context: SmartContext): SmartVerdict {
  const { startsOn, deadline } = draft;
  if (!startsOn || !deadline) return { verdict: 'FAIL', message: `The objective has no ${!startsOn && !deadline ? 'start or deadline' : !startsOn ? 'start' : 'deadline'}; set ${!startsOn && !deadline ? 'both' : 'it'} (YYYY-MM-DD).` };
  if (!isIsoDate(startsOn) || !isIsoDate(deadline)) return { verdict: 'FAIL', message: 'The start and the deadline must be calendar days written YYYY-MM-DD; correct them.' };
  if (deadline <= startsOn) return { verdict: 'FAIL', message: `The deadline ${deadline} is not after the start ${startsOn}; move it later.` };
  if (context.plan && (startsOn < context.plan.startsOn || deadline > context.plan.endsOn)) {
    return { verdict: 'FAIL', message: `The objective runs ${startsOn} – ${deadline}, outside the plan period ${context.plan.startsOn} – ${context.plan.endsOn}; keep it inside.` };
  }
  return { verdict: 'PASS', message: `Runs from ${startsOn} to a deadline of ${deadline}${context.plan ? ', inside the plan period' : ''}.` };
}

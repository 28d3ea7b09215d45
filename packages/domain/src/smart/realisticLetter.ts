import type { ObjectiveDraft, SmartContext, SmartFinding, SmartVerdict } from '../contract.ts';
import { findMetric } from '../catalog/metricCatalog.ts';
import { isCostKpi, isPerPostKpi } from '../catalog/kpiRoles.ts';
import { addDays, daysBetween, isIsoDate } from '../time/calendarDays.ts';
import { periodDays } from '../planning/targetReference.ts';
import { finding, fmt, letter } from './smartFindings.ts';
import { realismFor, type AssessedKeyResult } from './assessKeyResults.ts';
import { realisticUpTo } from './realism.ts';

const money = (amount: number, currency: string | undefined) => `${fmt(amount)}${currency ? ` ${currency}` : ''}`;

/**
 * What a cost target implies spending over the period: the target cost times the volume it pays for —
 * the objective's own target for that volume when it has one (a count's total, a level's gain), else the
 * history's weekly volume over the period. null when neither is known.
 */
export function impliedSpend(a: AssessedKeyResult, all: readonly AssessedKeyResult[]): { spend: number; volume: number; of: string } | null {
  const cost = a.resolution.target;
  const of = a.definition?.inputs[1];
  if (cost === null || !of || a.weeks === null) return null;
  const sibling = all.find((b) => b !== a && b.draft.metric === of && b.resolution.target !== null);
  const kind = findMetric(of)?.kind;
  const planned = sibling
    ? kind === 'CUMULATIVE' ? sibling.resolution.target! - (sibling.resolution.baseline ?? sibling.resolution.target!) : sibling.resolution.target!
    : null;
  const historical = a.context?.costVolumePerWeek;
  const volume = planned ?? (historical !== null && historical !== undefined && Number.isFinite(historical) ? historical * a.weeks : null);
  if (volume === null || !(volume > 0)) return null;
  const per = a.definition?.id === 'cpm' ? volume / 1000 : volume;
  return { spend: cost * per, volume, of };
}

function timeLeft(draft: ObjectiveDraft, assessed: readonly AssessedKeyResult[], context: SmartContext): SmartFinding[] {
  const { today } = context;
  const { startsOn, deadline } = draft;
  if (!today || !startsOn || !deadline || !isIsoDate(startsOn) || !isIsoDate(deadline) || deadline <= startsOn) return [];
  if (today > deadline) {
    return [finding('FAIL', 'DEADLINE_PASSED', `The deadline ${deadline} has already passed (today is ${today}): there is no time left to work toward it; set a deadline ahead.`, { deadline, today })];
  }
  if (today <= startsOn) return [];
  const weeksLeft = Math.max(1, daysBetween(today, deadline)) / 7;
  const lenient = draft.framework === 'OKR';
  return assessed.flatMap((a): SmartFinding[] => {
    const { target, baseline } = a.resolution;
    if (a.direction === 'MAINTAIN' || target === null || baseline === null) return [];
    const current = a.context?.current ?? null;
    const flow = a.basis === 'FLOW_VOLUME';
    const from = current ?? (flow ? 0 : baseline);
    const r = realismFor(a, from, target, weeksLeft, flow ? from : 0);
    if (r.band !== 'UNREALISTIC' && r.band !== 'AMBITIOUS') return [];
    const sign = a.direction === 'DECREASE' ? -1 : 1;
    const pace = sign * (r.historicalWeeklyRate ?? 0);
    const need = flow ? target - from : sign * (target - from);
    const weeks = need > 0 && pace > 0 && !(flow && sign < 0) ? need / (realisticUpTo * pace) : null;
    const later = weeks !== null && weeks < 5200 ? addDays(today, Math.max(1, Math.ceil(weeks * 7))) : null;
    const at = current === null ? `from ${fmt(from)}` : `from today's ${fmt(current)}`;
    const verdict = r.band === 'UNREALISTIC' && !lenient ? 'FAIL' : 'WARN';
    return [finding(verdict, r.band === 'UNREALISTIC' ? 'TIME_LEFT_UNREALISTIC' : 'TIME_LEFT_AMBITIOUS',
      `${a.name}: with ${fmt(weeksLeft)} weeks left, ${at} to ${fmt(target)} needs ${r.ratio === null ? 'a pace the history never showed' : `${r.ratio.toFixed(1)}× the history's pace`}; ${later ? `move the deadline to about ${later}, or ` : ''}lower the target.`,
      { metric: a.draft.metric ?? null, weeksLeft, from, target, ratio: r.ratio, band: r.band, today },
      a.index,
      later ? [{ code: 'DEADLINE_FOR_TARGET', keyResult: a.index, field: 'deadline', value: later }] : [])];
  });
}

function budget(assessed: readonly AssessedKeyResult[], context: SmartContext): { findings: SmartFinding[]; words: string | null } {
  const costs = assessed.filter((a) => isCostKpi(a.definition));
  if (costs.length === 0) return { findings: [], words: context.budget ? `a budget of ${money(context.budget.amount, context.budget.currency)}` : null };
  // Cost targets share one spend: the largest they imply is what the budget must cover.
  const implied = costs.map((a) => ({ a, implied: impliedSpend(a, assessed) })).filter((x) => x.implied !== null)
    .sort((x, y) => y.implied!.spend - x.implied!.spend)[0];
  const currency = context.budget?.currency;
  const why = implied ? `${implied.a.name} at ${fmt(implied.a.resolution.target!)} a ${implied.implied!.of === 'impressions' && implied.a.definition?.id === 'cpm' ? 'thousand impressions' : implied.implied!.of.replace(/_/g, ' ')} over ${fmt(implied.implied!.volume)} of them implies ${money(implied.implied!.spend, currency)}` : null;
  const suggestion = implied ? [{ code: 'BUDGET_FOR_COST_TARGETS' as const, keyResult: null, field: 'budget' as const, value: Math.ceil(implied.implied!.spend) }] : [];
  if (!context.budget) {
    return {
      findings: [finding('WARN', 'BUDGET_MISSING', `The objective has cost targets but no budget: ${why ? `${why}; set a budget of at least that` : 'set the budget they will be paid from'}.`, {
        impliedSpend: implied?.implied?.spend ?? null,
      }, null, suggestion)],
      words: null,
    };
  }
  if (implied && context.budget.amount < implied.implied!.spend) {
    return {
      findings: [finding('WARN', 'BUDGET_SHORT', `The budget of ${money(context.budget.amount, currency)} is below what the cost targets imply: ${why}; raise the budget, or lower the volume the targets count on.`, {
        budget: context.budget.amount, currency: currency ?? null, impliedSpend: implied.implied!.spend,
      }, null, suggestion)],
      words: null,
    };
  }
  return { findings: [], words: `a budget of ${money(context.budget.amount, currency)}${implied ? ` covering the ${money(implied.implied!.spend, currency)} the cost targets imply` : ''}` };
}

function content(draft: ObjectiveDraft, assessed: readonly AssessedKeyResult[], context: SmartContext): { findings: SmartFinding[]; words: string | null } {
  // Posts go out on every day of the period, its deadline day included.
  const weeks = draft.startsOn && draft.deadline && isIsoDate(draft.startsOn) && isIsoDate(draft.deadline) ? periodDays({ startsOn: draft.startsOn, deadline: draft.deadline }) / 7 : null;
  const perPost = assessed.filter((a) => isPerPostKpi(a.definition));
  const planned = context.plannedContentItems ?? 0;
  const each = context.budget && planned > 0 ? `, ${money(context.budget.amount / planned, context.budget.currency)} of budget each` : '';
  if (perPost.length === 0) return { findings: [], words: planned > 0 ? `${planned} content items planned${each}` : null };
  const findings = perPost.flatMap((a): SmartFinding[] => {
    const perWeek = a.context?.postsPerWeek ?? null;
    const needed = perWeek !== null && perWeek > 0 && weeks !== null ? Math.round(perWeek * weeks) : null;
    const pace = needed !== null ? ` (the history's ${fmt(perWeek!)} posts a week make about ${needed} in the period)` : '';
    const suggestion = [{ code: 'CONTENT_FOR_PER_POST_TARGET' as const, keyResult: a.index, field: 'plannedContentItems' as const, value: needed ?? Math.max(1, Math.ceil(weeks ?? 1)) }];
    if (planned === 0) {
      return [finding('WARN', 'NO_CONTENT_PLANNED', `${a.name} is read over the posts published in the period${pace}, and no content is planned under the objective's themes yet; plan the posts (and what boosts them) that will carry it.`, {
        metric: a.draft.metric ?? null, planned, needed,
      }, a.index, suggestion)];
    }
    if (needed !== null && planned < needed) {
      return [finding('WARN', 'CONTENT_SHORT', `${a.name} is read over the posts published in the period${pace}, and ${planned} are planned; plan the rest, or expect the unplanned ones to weigh on it.`, {
        metric: a.draft.metric ?? null, planned, needed,
      }, a.index, suggestion)];
    }
    return [];
  });
  return { findings, words: findings.length === 0 ? `${planned} content items planned for the per-post target${perPost.length > 1 ? 's' : ''}${each}` : null };
}

/**
 * Realistic, from resources (seed 002: "boost the posts with $15 each"): the budget against the spend
 * the cost targets imply, the content planned under the objective's themes against the posts a
 * per-post target is read over, and the time left once the objective has started (today's value to the
 * target in the weeks that remain, against the history's pace). Each problem is a finding with its
 * reason and a fix; time that has run out fails.
 */
export function realisticLetter(draft: ObjectiveDraft, assessed: readonly AssessedKeyResult[], context: SmartContext): SmartVerdict {
  const time = timeLeft(draft, assessed, context);
  const spending = budget(assessed, context);
  const posts = content(draft, assessed, context);
  const weeks = draft.startsOn && draft.deadline && isIsoDate(draft.startsOn) && isIsoDate(draft.deadline) ? daysBetween(draft.startsOn, draft.deadline) / 7 : null;
  const ahead = context.today && draft.startsOn && context.today > draft.startsOn && draft.deadline
    ? `${fmt(Math.max(0, daysBetween(context.today, draft.deadline)) / 7)} weeks left`
    : weeks !== null ? `${fmt(weeks)} weeks ahead` : null;
  const parts = [ahead, spending.words, posts.words].filter((p): p is string => p !== null);
  return letter([...time, ...spending.findings, ...posts.findings], {
    code: 'REALISTIC_OK',
    message: parts.length > 0 ? `The resources fit the targets: ${parts.join('; ')}.` : 'Nothing in the resources stands against the targets.',
    params: { weeks, budget: context.budget?.amount ?? null, currency: context.budget?.currency ?? null, plannedContentItems: context.plannedContentItems ?? null },
  });
}

import type { KeyResultDraft, ObjectiveDraft, SmartContext, SmartReport, SmartVerdict } from '../contract.ts';
import type { Verdict } from '../vocabulary.ts';
import { findMetric } from '../catalog/metricCatalog.ts';
import { isRecommendedKpi } from '../catalog/kpiRecommendations.ts';
import { resolveTarget } from '../evaluation/resolveTarget.ts';
import { daysBetween } from '../time/calendarDays.ts';
import { realism } from './realism.ts';

const worst = (verdicts: SmartVerdict[], pass: string): SmartVerdict => {
  const order: Verdict[] = ['PASS', 'WARN', 'FAIL'];
  const failing = verdicts.filter((v) => v.verdict !== 'PASS');
  if (failing.length === 0) return { verdict: 'PASS', message: pass };
  const verdict = failing.map((v) => v.verdict).reduce((a, b) => (order.indexOf(b) > order.indexOf(a) ? b : a));
  return { verdict, message: failing.map((v) => v.message).join(' ') };
};
const name = (kr: KeyResultDraft, i: number) => `Key result ${i + 1}${kr.metric ? ` (${kr.metric})` : ''}`;
const fmt = (x: number) => (Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(2));

/** One verdict per SMART letter (DESIGN.md §1), each saying what is wrong and how to fix it. Pure: the context holds every lookup. */
export function smartReport(draft: ObjectiveDraft, context: SmartContext): SmartReport {
  const keyResults = draft.keyResults ?? [];

  const specific = keyResults.length === 0
    ? { verdict: 'FAIL' as const, message: 'Add at least one key result: a metric, a scope (an account or a platform) and a target number.' }
    : worst(keyResults.map((kr, i): SmartVerdict => {
        const missing = [!kr.metric && 'a metric', !kr.accountId && !kr.platform && 'a scope (accountId or platform)', kr.target == null && kr.targetChangePercent == null && 'a target or targetChangePercent'].filter(Boolean);
        return missing.length ? { verdict: 'FAIL', message: `${name(kr, i)} needs ${missing.join(', ')}.` } : { verdict: 'PASS', message: '' };
      }), 'Every key result names a metric, a scope and a target number.');

  const measurable = keyResults.length === 0
    ? { verdict: 'FAIL' as const, message: 'Nothing to measure yet: add a key result with a catalog metric.' }
    : worst(keyResults.map((kr, i): SmartVerdict => {
        if (!kr.metric || !findMetric(kr.metric)) return { verdict: 'FAIL', message: `${name(kr, i)}: "${kr.metric ?? ''}" is not in the metric catalog; pick one of metricCatalog.` };
        if (!context.keyResults[i]?.measurable) return { verdict: 'FAIL', message: `${name(kr, i)}: no connected account delivers it for this scope; connect an account (connector, push, CSV or manual entry).` };
        return { verdict: 'PASS', message: '' };
      }), 'Every metric is in the catalog and a connected source delivers it.');

  const weeks = draft.startsOn && draft.deadline ? daysBetween(draft.startsOn, draft.deadline) / 7 : 0;
  const lenient = draft.framework === 'OKR';
  const attainable = keyResults.length === 0
    ? { verdict: 'WARN' as const, message: 'No key result to judge against history yet.' }
    : worst(keyResults.map((kr, i): SmartVerdict => {
        const history = context.keyResults[i];
        const baseline = kr.baseline ?? history?.historicalBaseline ?? null;
        const target = resolveTarget({ baseline, target: kr.target ?? null, targetChangePercent: kr.targetChangePercent ?? null });
        if (!history || history.historicalWeeklyRate === null || baseline === null || target === null || weeks <= 0) {
          return { verdict: 'WARN', message: `${name(kr, i)}: no history to judge it by; run an audit (connect the account and let it backfill) before committing to the number.` };
        }
        if (kr.direction === 'MAINTAIN') return { verdict: 'PASS', message: '' };
        if ((kr.direction === 'DECREASE' ? baseline - target : target - baseline) <= 0) {
          return { verdict: 'WARN', message: `${name(kr, i)}: the target ${fmt(target)} is already met by the baseline ${fmt(baseline)}; set a target that moves the metric ${kr.direction === 'DECREASE' ? 'down' : 'up'}.` };
        }
        const r = realism({ direction: kr.direction ?? 'INCREASE', baseline, target, weeks, historicalWeeklyRate: history.historicalWeeklyRate });
        const pace = `needs ${fmt(r.requiredWeeklyRate)} a week against ${fmt(history.historicalWeeklyRate)} a week over the last ${Math.round(history.historyWeeks)} weeks`;
        if (r.band === 'UNREALISTIC') return { verdict: lenient ? 'WARN' : 'FAIL', message: `${name(kr, i)} ${pace} (${r.ratio === null ? 'no comparable pace' : `${r.ratio.toFixed(1)}×`}): unrealistic; lower the target or extend the deadline to stay within 1.5× of the history.` };
        if (r.band === 'AMBITIOUS') return { verdict: 'WARN', message: `${name(kr, i)} ${pace} (${r.ratio!.toFixed(1)}×): ambitious; plan what will change to get there.` };
        return { verdict: 'PASS', message: '' };
      }), 'Every target is within 1.5× of the pace the history shows.');

  const relevant: SmartVerdict = !draft.goalId || !context.goalExists
    ? { verdict: 'FAIL', message: 'Link the objective to a business goal of the plan: an objective exists to serve one goal.' }
    : worst(keyResults.map((kr, i): SmartVerdict =>
        draft.category && kr.metric && findMetric(kr.metric) && !isRecommendedKpi(draft.category, kr.metric)
          ? { verdict: 'WARN', message: `${name(kr, i)} is not a recommended KPI for ${draft.category}; see kpiRecommendations.` }
          : { verdict: 'PASS', message: '' }), 'Serves a business goal with KPIs recommended for its category.');

  let timeBound: SmartVerdict = { verdict: 'PASS', message: 'Has a start and a deadline inside the plan period.' };
  if (!draft.startsOn || !draft.deadline) timeBound = { verdict: 'FAIL', message: 'Set both startsOn and deadline.' };
  else if (draft.deadline <= draft.startsOn) timeBound = { verdict: 'FAIL', message: 'The deadline must be after startsOn.' };
  else if (context.plan && (draft.startsOn < context.plan.startsOn || draft.deadline > context.plan.endsOn)) {
    timeBound = { verdict: 'FAIL', message: `Keep the objective inside the plan period ${context.plan.startsOn} – ${context.plan.endsOn}.` };
  }

  const report = { specific, measurable, attainable, relevant, timeBound };
  return { ...report, passed: Object.values(report).every((v) => v.verdict !== 'FAIL') };
}

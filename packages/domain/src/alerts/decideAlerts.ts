import type { AlertDecision, AlertIntent, EvaluationThresholds, KeyResultEvaluation } from '../contract.ts';
import type { AlertKind, ObjectiveStatus } from '../vocabulary.ts';
import { daysBetween, dayOf, isoWeek } from '../time/calendarDays.ts';

const pct = (x: number | null) => (x === null ? 'no value' : `${Math.round(x * 100)}%`);

/**
 * Which alerts an evaluation raises and which it resolves. Dedup keys are per key result, kind and
 * period (the ISO week for drift, the deadline for the rest), so a retried evaluation re-derives the
 * same key and the store's unique index makes raising idempotent — which also repairs an alert lost
 * between evaluation and insert.
 */
export function decideAlerts(input: {
  keyResultId: string;
  label: string;
  previous: ObjectiveStatus | null;
  evaluation: KeyResultEvaluation;
  deadline: string;
  now: Date;
  thresholds: EvaluationThresholds;
}): AlertDecision {
  const { evaluation: e, keyResultId: id, label, deadline } = input;
  const week = isoWeek(dayOf(input.now));
  const progress = `progress ${pct(e.progress)} against ${pct(e.expectedProgress)} expected by now`;
  const raise: AlertIntent[] = [];
  const intent = (kind: AlertKind, severity: AlertIntent['severity'], period: string, message: string) =>
    raise.push({ kind, severity, dedupKey: `kr:${id}:${kind}:${period}`, message });

  if (e.status === 'AT_RISK') intent('AT_RISK', 'WARNING', week, `${label} is at risk: ${progress}. Check the content plan and the latest data.`);
  if (e.status === 'OFF_TRACK') intent('OFF_TRACK', 'CRITICAL', week, `${label} is off track: ${progress}. Revise the tactics or the target.`);
  if (e.status === 'ACHIEVED') intent('ACHIEVED', 'INFO', deadline, `${label} reached its target.`);
  if (e.status === 'MISSED') intent('MISSED', 'CRITICAL', deadline, `${label} missed its deadline ${deadline} (${progress.replace(' by now', '')}).`);
  const daysLeft = daysBetween(dayOf(input.now), deadline);
  if (daysLeft >= 0 && daysLeft <= input.thresholds.deadlineNearDays && ['AT_RISK', 'OFF_TRACK', 'NO_DATA'].includes(e.status)) {
    intent('DEADLINE_NEAR', 'WARNING', deadline, `${label} is due in ${daysLeft} days and is not on track (${e.status}).`);
  }

  const resolveKinds: AlertKind[] =
    e.status === 'ON_TRACK' || e.status === 'ACHIEVED' ? ['AT_RISK', 'OFF_TRACK', 'DEADLINE_NEAR']
      : e.status === 'AT_RISK' ? ['OFF_TRACK']
        : e.status === 'OFF_TRACK' ? ['AT_RISK']
          : [];
  return { raise, resolveKinds };
}

import type { AlertDecision, AlertIntent, EvaluationThresholds, KeyResultEvaluation } from '../contract.ts';
import type { AlertKind, AlertSeverity, IsoDate, ObjectiveStatus } from '../vocabulary.ts';
import { daysBetween, dayOf } from '../time/calendarDays.ts';
import { driftEpisodeStart, driftPeriod } from './driftEpisode.ts';

const percent = (x: number | null) => (x === null ? 'no measurable progress' : `${Math.round(x * 100)}% of the way`);
const number = (x: number) => (Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : String(Number(x.toFixed(2))));

/** The statuses that are fine as they are: no DEADLINE_NEAR for them (MISSED is past the deadline anyway). */
const settled: readonly ObjectiveStatus[] = ['ON_TRACK', 'ACHIEVED', 'MISSED'];

/**
 * Which alerts an evaluation raises and which open ones it resolves.
 *
 * Dedup keys are `kr:<id>:<kind>:<period>`: for drift (AT_RISK, OFF_TRACK) the drift episode,
 * `drift-<first day>` — from the day the key result left ON_TRACK to the day it came back
 * (`driftEpisodeStart`; `driftSince` is the start stored by the previous evaluation, and the decision's
 * `driftSince` is the one to store) — so a key result that recovers and drifts again alerts again, even
 * within a week, while one that stays adrift for months alerts once; the deadline for ACHIEVED, MISSED
 * and DEADLINE_NEAR, which happen once per key result. A retried evaluation derives the same key, and
 * the store's unique key makes raising idempotent — so alerts are raised even when `previous` equals the
 * current status, which also repairs an alert lost between evaluation and insert. `previous` is kept
 * for callers that word transitions; the decision does not depend on it.
 */
export function decideAlerts(input: {
  keyResultId: string;
  label: string;
  previous: ObjectiveStatus | null;
  /** The first day of the drift episode stored by the previous evaluation; null when it was not drifting. */
  driftSince: IsoDate | null;
  evaluation: KeyResultEvaluation;
  deadline: IsoDate;
  now: Date;
  thresholds: EvaluationThresholds;
}): AlertDecision {
  const { evaluation: e, keyResultId, label, deadline, thresholds } = input;
  const today = dayOf(input.now);
  const driftSince = driftEpisodeStart(input.driftSince, e.status, today);
  const episode = driftPeriod(driftSince ?? today);
  const raise: AlertIntent[] = [];
  const alert = (kind: AlertKind, severity: AlertSeverity, period: string, message: string) =>
    raise.push({ kind, severity, dedupKey: `kr:${keyResultId}:${kind}:${period}`, message });

  const stale = e.asOf !== null && daysBetween(e.asOf, today) > thresholds.staleAfterDays;
  const value = e.current === null || e.asOf === null ? 'has no value yet' : `is at ${number(e.current)} (${e.asOf})`;
  const path = `${percent(e.progress)} against ${Math.round(e.expectedProgress * 100)}% expected`;
  const standing = e.current === null ? value : `${value}, ${path} by now`;
  const lookAt = stale
    ? `no data has arrived since ${e.asOf}, so check the account's connection first`
    : 'review what was published and promoted recently and the tactics behind this key result';

  if (e.status === 'AT_RISK') alert('AT_RISK', 'WARNING', episode, `${label} is at risk: it ${standing}; ${lookAt}.`);
  if (e.status === 'OFF_TRACK') alert('OFF_TRACK', 'CRITICAL', episode, `${label} is off track: it ${standing}; ${lookAt}, or revise the target.`);
  if (e.status === 'ACHIEVED') alert('ACHIEVED', 'INFO', deadline, `${label} reached its target: it ${value}; note what worked and keep it there until ${deadline}.`);
  if (e.status === 'MISSED') alert('MISSED', 'CRITICAL', deadline, `${label} missed its deadline of ${deadline}: it ${e.current === null ? value : `${value}, ${path}`}; review what held it back before setting the next target.`);

  const daysLeft = daysBetween(today, deadline);
  if (daysLeft >= 0 && daysLeft <= thresholds.deadlineNearDays && !settled.includes(e.status)) {
    alert('DEADLINE_NEAR', 'WARNING', deadline, `${label} is due ${daysLeft === 0 ? 'today' : `in ${daysLeft} day${daysLeft === 1 ? '' : 's'}`} and is not on track (${e.status}): it ${standing}; decide now what can still move it.`);
  }

  const resolveKinds: AlertKind[] =
    e.status === 'ON_TRACK' || e.status === 'ACHIEVED' ? ['AT_RISK', 'OFF_TRACK', 'DEADLINE_NEAR']
      : e.status === 'AT_RISK' ? ['OFF_TRACK']
        : e.status === 'OFF_TRACK' ? ['AT_RISK']
          : [];
  return { raise, resolveKinds, driftSince };
}

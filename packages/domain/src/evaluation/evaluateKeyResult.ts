import type { EvaluationThresholds, Forecast, KeyResultEvaluation, KeyResultSpec, SeriesPoint } from '../contract.ts';
import type { ObjectiveStatus } from '../vocabulary.ts';
import { dayNumber } from '../time/calendarDays.ts';
import { chooseForecast } from './chooseForecast.ts';
import { maintainBand, periodShare, progressOf, targetReached } from './progress.ts';
import { statusSeverity } from './objectiveStatus.ts';
import { expectedProgressOn } from './expectedProgress.ts';

const dayMs = 86_400_000;
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/**
 * DESIGN.md §2, on UTC calendar days (`t` is the day of `now`; S and D are days, and the deadline day
 * belongs to the objective). `series` is in day order, as `keyResultSeries` returns it.
 *
 * - current V: the latest finite point on or before today — and, once the deadline has passed, on or
 *   before the deadline day: what happens after D is not credited to the key result.
 * - expected e = (t − S) / (D − S) clamped to [0, 1], on the key result's pace curve (linear unless it
 *   declares another); 1 on the deadline day.
 * - NOT_STARTED before S; NO_DATA without a point, even after D (nothing shows it was missed; a late
 *   import can still settle it).
 * - INCREASE/DECREASE: ACHIEVED as soon as the target is reached, before the deadline too (goal tools do
 *   the same: the team hears of it now; if the value falls back, the next evaluation says so).
 *   MAINTAIN: ACHIEVED only on or after the deadline day, since holding the band is the whole point;
 *   before that, inside the band is ON_TRACK, within twice the tolerance AT_RISK, beyond OFF_TRACK.
 * - MISSED once the deadline day has passed (t > D) without reaching the target.
 * - Otherwise the pace: ON_TRACK when p ≥ e(1 − atRiskTolerance), AT_RISK when p ≥ e(1 − offTrackTolerance),
 *   else OFF_TRACK; with no point in the last `staleAfterDays` days, AT_RISK at best (silence is a risk).
 * - Then the forecast, when its confidence is at least `forecastMinConfidence`: its projection at the
 *   deadline, as progress pf, and the favourable edge of its interval, as pg. pf < 1 − atRiskTolerance
 *   makes it AT_RISK at best; pg < 1 − offTrackTolerance (even the hopeful reading falls well short)
 *   makes it OFF_TRACK. The forecast only ever lowers a status: a trend that promises to catch up is not
 *   the same as being on pace, and letting it lift AT_RISK would mute the early warning this service
 *   exists for. MAINTAIN key results are judged on the band alone.
 * - A count (`spec.flow`) compares its total so far with the share of its baseline (the previous
 *   period's total) the period so far accounts for (see `progressOf`); a DECREASE count, which only grows,
 *   is ACHIEVED only from the deadline day, like MAINTAIN.
 * - The forecast also says when the projection reaches the target (`targetInDays`, with its interval).
 */
export function evaluateKeyResult(
  spec: KeyResultSpec,
  series: readonly SeriesPoint[],
  now: Date,
  thresholds: EvaluationThresholds,
): KeyResultEvaluation {
  const nowMs = now.getTime();
  if (!Number.isFinite(nowMs)) throw new RangeError('evaluateKeyResult: `now` is not a valid Date.');
  const today = Math.floor(nowMs / dayMs);
  const start = dayNumber(spec.startsOn);
  const deadline = dayNumber(spec.deadline);
  const elapsed = deadline > start ? clamp01((today - start) / (deadline - start)) : today >= start ? 1 : 0;
  const expectedProgress = expectedProgressOn(spec.pace, elapsed);
  const lastCountedDay = Math.min(today, deadline);

  // Series are sorted by day (keyResultSeries guarantees it): the latest counted point is found from the end.
  let end = series.length;
  while (end > 0 && (dayNumber(series[end - 1]!.at) > lastCountedDay || !Number.isFinite(series[end - 1]!.value))) end--;
  const latest = end > 0 ? series[end - 1] : undefined;
  // Object literals, not spreads: this runs for every key result of every plan.
  if (today < start) return { current: latest?.value ?? null, asOf: latest?.at ?? null, expectedProgress, status: 'NOT_STARTED', progress: null, forecast: null, score: 0 };
  if (!latest) return { current: null, asOf: null, expectedProgress, status: 'NO_DATA', progress: null, forecast: null, score: 0 };

  const latestDay = dayNumber(latest.at);
  const share = spec.flow ? periodShare(spec, latestDay) : 1;
  const progress = progressOf(spec, latest.value, share);
  const pastDeadline = today > deadline;
  const forecast = pastDeadline
    ? null
    : chooseForecast(end === series.length ? series : series.slice(0, end), {
      asOf: latest.at, deadline: spec.deadline, windowDays: thresholds.forecastWindowDays, target: spec.target, towards: towardsTarget(spec), intervalScale: spec.forecastIntervalScale,
    });
  const stale = today - latestDay > thresholds.staleAfterDays;
  const paced = statusOf(spec, latest.value, progress, expectedProgress, share, { pastDeadline, onOrAfterDeadline: today >= deadline, stale }, thresholds);
  const status = forecast && (paced === 'ON_TRACK' || paced === 'AT_RISK') && spec.direction !== 'MAINTAIN'
    ? worse(paced, forecastStatus(spec, forecast, thresholds))
    : paced;
  return { current: latest.value, asOf: latest.at, expectedProgress, status, progress, forecast, score: clamp01(progress) };
}

/** What the forecast says of the deadline, in the same tolerances as the pace; ON_TRACK when not confident enough to say. */
function forecastStatus(spec: KeyResultSpec, forecast: Forecast, thresholds: EvaluationThresholds): ObjectiveStatus {
  if (!(forecast.confidence >= thresholds.forecastMinConfidence)) return 'ON_TRACK';
  const projected = progressOf(spec, forecast.value);
  const hopeful = Math.max(progressOf(spec, forecast.low), progressOf(spec, forecast.high));
  if (hopeful < 1 - thresholds.offTrackTolerance) return 'OFF_TRACK';
  return projected < 1 - thresholds.atRiskTolerance ? 'AT_RISK' : 'ON_TRACK';
}

/** The way the value must move to reach the target on one day; 0 when no single day reaches it (MAINTAIN, a count kept under its target). */
function towardsTarget(spec: KeyResultSpec): 1 | -1 | 0 {
  if (spec.direction === 'INCREASE') return 1;
  return spec.direction === 'DECREASE' && !spec.flow ? -1 : 0;
}

const worse = (a: ObjectiveStatus, b: ObjectiveStatus): ObjectiveStatus => (statusSeverity(a) >= statusSeverity(b) ? a : b);

function statusOf(
  spec: KeyResultSpec,
  value: number,
  progress: number,
  expectedProgress: number,
  share: number,
  when: { pastDeadline: boolean; onOrAfterDeadline: boolean; stale: boolean },
  thresholds: EvaluationThresholds,
): ObjectiveStatus {
  const reached = targetReached(spec, value, share);
  let status: ObjectiveStatus;
  if (spec.direction === 'MAINTAIN') {
    if (reached && when.onOrAfterDeadline) return 'ACHIEVED';
    if (when.pastDeadline) return 'MISSED';
    const tolerance = maintainBand(spec).tolerance * (spec.flow ? share : 1);
    status = reached ? 'ON_TRACK' : Math.abs(value - spec.target * (spec.flow ? share : 1)) <= 2 * tolerance ? 'AT_RISK' : 'OFF_TRACK';
  } else {
    // A count kept under its target has reached it only once the whole period is counted.
    if (reached && (!spec.flow || spec.direction === 'INCREASE' || when.onOrAfterDeadline)) return 'ACHIEVED';
    if (when.pastDeadline) return 'MISSED';
    status = progress >= expectedProgress * (1 - thresholds.atRiskTolerance)
      ? 'ON_TRACK'
      : progress >= expectedProgress * (1 - thresholds.offTrackTolerance) ? 'AT_RISK' : 'OFF_TRACK';
  }
  return when.stale && status === 'ON_TRACK' ? 'AT_RISK' : status;
}

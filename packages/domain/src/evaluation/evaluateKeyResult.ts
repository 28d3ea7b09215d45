import type { EvaluationThresholds, KeyResultEvaluation, KeyResultSpec, SeriesPoint } from '../contract.ts';
import type { ObjectiveStatus } from '../vocabulary.ts';
import { dayNumber } from '../time/calendarDays.ts';
import { chooseForecast } from './chooseForecast.ts';

const dayMs = 86_400_000;
const progressCap = 1e9;
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** The band a MAINTAIN key result must stay in: target ± tolerance (default 5 % of |target|). */
export function maintainBand(spec: KeyResultSpec): { low: number; high: number; tolerance: number } {
  const tolerance = spec.maintainTolerance ?? Math.abs(spec.target) * 0.05;
  return { low: spec.target - tolerance, high: spec.target + tolerance, tolerance };
}

/** Whether a value reaches the target: at or above for INCREASE, at or below for DECREASE, inside the band for MAINTAIN. */
export function targetReached(spec: KeyResultSpec, value: number): boolean {
  if (spec.direction === 'INCREASE') return value >= spec.target;
  if (spec.direction === 'DECREASE') return value <= spec.target;
  const band = maintainBand(spec);
  return value >= band.low && value <= band.high;
}

/** p = (V − B) / (T − B); with T = B there is no distance to cover, so progress is 1 when reached, else 0. */
export function progressOf(spec: KeyResultSpec, value: number): number {
  if (spec.direction === 'MAINTAIN') return targetReached(spec, value) ? 1 : 0;
  const distance = spec.target - spec.baseline;
  if (distance === 0) return targetReached(spec, value) ? 1 : 0;
  const p = (value - spec.baseline) / distance;
  // A distance of a few ulps makes the ratio overflow: cap it instead of losing its sign.
  if (Number.isNaN(p)) return 0;
  return Math.max(-progressCap, Math.min(progressCap, p));
}

/**
 * DESIGN.md §2. `series` is in day order, as `keyResultSeries` returns it. ACHIEVED is declared as soon as an INCREASE/DECREASE target is reached (goal tools do
 * the same: the team should hear of it now, not at the deadline); a MAINTAIN target only at the
 * deadline, since holding the band is the whole point. MISSED once t ≥ D without reaching it. Data older
 * than `staleAfterDays` caps the status at AT_RISK: silence is a risk signal in itself.
 */
export function evaluateKeyResult(
  spec: KeyResultSpec,
  series: readonly SeriesPoint[],
  now: Date,
  thresholds: EvaluationThresholds,
): KeyResultEvaluation {
  const start = dayNumber(spec.startsOn) * dayMs;
  const deadline = dayNumber(spec.deadline) * dayMs;
  const t = now.getTime();
  const expectedProgress = deadline > start ? clamp01((t - start) / (deadline - start)) : 1;
  const today = Math.floor(t / dayMs);
  // Series are sorted by day (keyResultSeries guarantees it): the latest known point is found from the end.
  let end = series.length;
  while (end > 0 && (dayNumber(series[end - 1]!.at) > today || !Number.isFinite(series[end - 1]!.value))) end--;
  const known = end === series.length ? series : series.slice(0, end);
  const latest = end > 0 ? series[end - 1] : undefined;
  const base = { current: latest?.value ?? null, asOf: latest?.at ?? null, expectedProgress };

  if (t < start) return { ...base, status: 'NOT_STARTED', progress: null, forecast: null, score: 0 };
  if (!latest) return { ...base, status: t >= deadline ? 'MISSED' : 'NO_DATA', progress: null, forecast: null, score: 0 };

  const progress = progressOf(spec, latest.value);
  const forecast = chooseForecast(known, { asOf: latest.at, deadline: spec.deadline, windowDays: thresholds.forecastWindowDays });
  return { ...base, status: statusOf(spec, latest, progress, expectedProgress, t >= deadline, today, thresholds), progress, forecast, score: clamp01(progress) };
}

function statusOf(
  spec: KeyResultSpec,
  latest: SeriesPoint,
  progress: number,
  expectedProgress: number,
  pastDeadline: boolean,
  today: number,
  thresholds: EvaluationThresholds,
): ObjectiveStatus {
  const reached = targetReached(spec, latest.value);
  if (spec.direction === 'MAINTAIN') {
    if (pastDeadline) return reached ? 'ACHIEVED' : 'MISSED';
    const off = Math.abs(latest.value - spec.target);
    const status: ObjectiveStatus = reached ? 'ON_TRACK' : off <= 2 * maintainBand(spec).tolerance ? 'AT_RISK' : 'OFF_TRACK';
    return capForStaleness(status, latest.at, today, thresholds);
  }
  if (reached) return 'ACHIEVED';
  if (pastDeadline) return 'MISSED';
  const status: ObjectiveStatus =
    progress >= expectedProgress * (1 - thresholds.atRiskTolerance)
      ? 'ON_TRACK'
      : progress >= expectedProgress * (1 - thresholds.offTrackTolerance)
        ? 'AT_RISK'
        : 'OFF_TRACK';
  return capForStaleness(status, latest.at, today, thresholds);
}

function capForStaleness(status: ObjectiveStatus, asOf: string, today: number, thresholds: EvaluationThresholds): ObjectiveStatus {
  const stale = today - dayNumber(asOf) > thresholds.staleAfterDays;
  return stale && status === 'ON_TRACK' ? 'AT_RISK' : status;
}

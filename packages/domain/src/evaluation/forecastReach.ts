import type { Forecast } from '../contract.ts';

/** How far past the latest value a projection is followed looking for the target: three years. */
export const reachHorizonDays = 1095;

function daysUntil(from: number, perDay: number, target: number, towards: 1 | -1): number | null {
  const gap = towards * (target - from);
  if (gap <= 0) return 0;
  const rate = towards * perDay;
  if (!(rate > 0)) return null;
  const days = Math.ceil(gap / rate);
  return days <= reachHorizonDays ? days : null;
}

/**
 * Fills in when the forecast's projection reaches `target` (see `Forecast.targetInDays`): the fitted
 * line from its value today (`value − trendPerDay × horizon`), and the interval's edges as lines from
 * there to `low` and `high` at the deadline, `horizon` days after `asOf`. Arithmetic only: it runs for
 * every key result evaluated.
 */
export function withTargetReach(forecast: Forecast, horizon: number, target: number, towards: 1 | -1 | 0): Forecast {
  if (towards === 0 || !Number.isFinite(target)) return forecast;
  const today = forecast.value - forecast.trendPerDay * horizon;
  forecast.targetInDays = daysUntil(today, forecast.trendPerDay, target, towards);
  if (horizon > 0) {
    const favourable = towards > 0 ? forecast.high : forecast.low;
    const unfavourable = towards > 0 ? forecast.low : forecast.high;
    forecast.targetInDaysEarliest = daysUntil(today, (favourable - today) / horizon, target, towards);
    forecast.targetInDaysLatest = daysUntil(today, (unfavourable - today) / horizon, target, towards);
  } else {
    forecast.targetInDaysEarliest = forecast.targetInDays;
    forecast.targetInDaysLatest = forecast.targetInDays;
  }
  return forecast;
}

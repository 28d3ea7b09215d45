import type { Forecast, SeriesPoint } from '../contract.ts';
import { dayNumber } from '../time/calendarDays.ts';

/**
 * Least-squares line through the trailing `windowDays` calendar days ending at `asOf` (gaps allowed:
 * x is the day, not the index), projected to the deadline. The interval is ±2 residual standard errors
 * of a prediction at that horizon; confidence is adjusted R² in [0, 1]. null with fewer than 3 points.
 * `series` is in day order.
 */
export function forecastLinear(series: readonly SeriesPoint[], options: { asOf: string; deadline: string; windowDays: number }): Forecast | null {
  const end = dayNumber(options.asOf);
  // One pass from the newest point back over the trailing window (series are in day order), sums only:
  // the evaluation runs this for every key result, so it allocates nothing.
  let n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
  for (let i = series.length - 1; i >= 0; i--) {
    const d = dayNumber(series[i]!.at);
    if (d > end) continue;
    if (d <= end - options.windowDays) break;
    const x = d - end;
    const y = series[i]!.value;
    n++; sx += x; sy += y; sxx += x * x; sxy += x * y; syy += y * y;
  }
  if (n < 3) return null;
  const meanX = sx / n;
  const meanY = sy / n;
  const cxx = sxx - n * meanX * meanX;
  const cxy = sxy - n * meanX * meanY;
  const cyy = Math.max(0, syy - n * meanY * meanY);
  const slope = cxx > 0 ? cxy / cxx : 0;
  const intercept = meanY - slope * meanX;
  const horizon = dayNumber(options.deadline) - end;
  const value = intercept + slope * horizon;
  const sse = Math.max(0, cyy - slope * cxy);
  const se = n > 2 ? Math.sqrt(sse / (n - 2)) : 0;
  const spread = 2 * se * Math.sqrt(1 + 1 / n + (cxx > 0 ? (horizon - meanX) ** 2 / cxx : 0));
  // Adjusted R²: R² penalised for few points (three points fit a line too easily). A flat series has
  // nothing left to explain, so it is fully explained: confidence 1, slope 0.
  const confidence = cyy > 1e-12 * Math.max(1, meanY * meanY) ? Math.max(0, Math.min(1, 1 - ((sse / cyy) * (n - 1)) / (n - 2))) : 1;
  if (!Number.isFinite(value) || !Number.isFinite(spread) || !Number.isFinite(confidence)) return null;
  return { value, low: value - spread, high: value + spread, confidence, method: 'LEAST_SQUARES' };
}

import type { Forecast, SeriesPoint } from '../contract.ts';
import { addDays } from '../time/calendarDays.ts';
import { forecastHolt } from './forecastHolt.ts';
import { forecastLinear } from './forecastLinear.ts';

const holdOutDays = 7;

/**
 * The forecast of the model that predicted this key result's own last week best: each model is fitted
 * on the window before the held-out week and scored by the absolute error at its end. Least squares wins
 * ties and short histories (it needs fewer points and is the steadier of the two).
 */
export function chooseForecast(series: readonly SeriesPoint[], options: { asOf: string; deadline: string; windowDays: number }): Forecast | null {
  const linear = forecastLinear(series, options);
  if (!linear) return null;
  const cutoff = addDays(options.asOf, -holdOutDays);
  let actual: SeriesPoint | undefined;
  for (let i = series.length - 1; i >= 0; i--) {
    if (series[i]!.at <= options.asOf) {
      actual = series[i];
      break;
    }
  }
  const past = { asOf: cutoff, deadline: actual?.at ?? options.asOf, windowDays: options.windowDays };
  const linearPast = forecastLinear(series, past);
  const holtPast = forecastHolt(series, past);
  if (!actual || !linearPast || !holtPast) return linear;
  if (Math.abs(holtPast.value - actual.value) >= Math.abs(linearPast.value - actual.value)) return linear;
  return forecastHolt(series, options) ?? linear;
}

import type { Forecast, SeriesPoint } from '../contract.ts';
import { dayNumber } from '../time/calendarDays.ts';
import { holtFit, holtValue } from './forecastHolt.ts';
import { linearFit, linearValue } from './forecastLinear.ts';
import { withTargetReach } from './forecastReach.ts';
import { trailingWindow } from './trailingWindow.ts';

const holdOutDays = 7;

/**
 * The forecast of the model that predicted this key result's own last week best: each model is fitted
 * on the window before the held-out week and scored by the absolute error at its end. Least squares wins
 * ties and short histories (it needs fewer points and is the steadier of the two). The trailing window
 * and the held-out week are read once, as day numbers, and every fit runs on them. Given a `target` and
 * the way the value must move to it (`towards`: 1 up, −1 down, 0 no single day), the forecast also says
 * when the projection reaches it (`withTargetReach`). `intervalScale` (from `forecastCalibration` on
 * the series' own history) widens or narrows the model's interval around its value so that its stated
 * level holds; 1 keeps the model's own.
 */
export function chooseForecast(
  series: readonly SeriesPoint[],
  options: { asOf: string; deadline: string; windowDays: number; target?: number; towards?: 1 | -1 | 0; intervalScale?: number | undefined },
): Forecast | null {
  const asOf = dayNumber(options.asOf);
  const deadline = dayNumber(options.deadline);
  const window = trailingWindow(series, asOf, options.windowDays + holdOutDays);
  const linear = linearFit(window, asOf, options.windowDays, deadline, options.asOf);
  if (!linear) return null;
  // The latest point on or before asOf is the window's last (linear found at least three in it).
  const actualDay = window.days[window.end - 1]!;
  const actual = window.values[window.end - 1]!;
  const cutoff = asOf - holdOutDays;
  const linearPast = linearValue(window, cutoff, options.windowDays, actualDay);
  const holtPast = holtValue(window, cutoff, options.windowDays, actualDay);
  // NaN (no past fit) compares false: least squares stands.
  const chosen = !(Math.abs(holtPast - actual) < Math.abs(linearPast - actual))
    ? linear
    : holtFit(window, asOf, options.windowDays, deadline, options.asOf) ?? linear;
  const scale = options.intervalScale;
  if (scale !== undefined && scale !== 1 && Number.isFinite(scale) && scale > 0) {
    chosen.low = chosen.value - (chosen.value - chosen.low) * scale;
    chosen.high = chosen.value + (chosen.high - chosen.value) * scale;
  }
  return options.target === undefined ? chosen : withTargetReach(chosen, deadline - asOf, options.target, options.towards ?? 0);
}

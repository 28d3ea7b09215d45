import { dayNumber, expectedProgressOn } from '@goalpost/domain';
import type { ReportKeyResult } from './planReportModel.ts';

/** A point of the chart in data space: x a day number, y the metric's value. */
export interface ChartPoint { x: number; y: number }

/** What a key result's chart draws, in data space; the PDF maps it to its box. */
export interface KeyResultChartModel {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  actual: ChartPoint[];
  /** The path the pace curve expects from baseline to target (empty for MAINTAIN or without both). */
  expected: ChartPoint[];
  target: number | null;
  /** From the last actual value to the forecast's interval at the deadline: low edge, then high edge. */
  forecast: { from: ChartPoint; value: ChartPoint; low: ChartPoint; high: ChartPoint } | null;
  startsOn: number;
  deadline: number;
}

/** Samples of the expected path: enough for a smooth curve, few enough for a small PDF. */
const pathSamples = 48;

/**
 * The dashboard's chart (apps/dashboard/src/chart/chartModel.ts) for print: actual values, the path
 * expected by the key result's pace curve (expectedProgressOn, as evaluation uses), the target line and
 * the forecast cone from the last actual value to the forecast's interval at the deadline.
 */
export function keyResultChartModel(kr: ReportKeyResult): KeyResultChartModel {
  const startsOn = dayNumber(kr.startsOn);
  const deadline = dayNumber(kr.deadline);
  const actual = kr.series.map((p) => ({ x: dayNumber(p.at), y: p.value }));
  const span = Math.max(1, deadline - startsOn);
  const expected: ChartPoint[] = [];
  if (kr.direction !== 'MAINTAIN' && kr.baseline !== null && kr.target !== null) {
    for (let i = 0; i <= pathSamples; i++) {
      const share = i / pathSamples;
      expected.push({ x: startsOn + span * share, y: kr.baseline + (kr.target - kr.baseline) * expectedProgressOn(kr.pace, share) });
    }
  }
  const last = actual.at(-1);
  const forecast = kr.forecast && last && last.x <= deadline
    ? { from: last, value: { x: deadline, y: kr.forecast.value }, low: { x: deadline, y: kr.forecast.low }, high: { x: deadline, y: kr.forecast.high } }
    : null;

  const xs = [startsOn, deadline, ...actual.map((p) => p.x)];
  const ys = [
    ...actual.map((p) => p.y), ...expected.map((p) => p.y),
    ...(kr.target !== null ? [kr.target] : []), ...(kr.baseline !== null ? [kr.baseline] : []),
    ...(forecast ? [forecast.low.y, forecast.high.y] : []),
  ].filter(Number.isFinite);
  let yMin = ys.length ? Math.min(...ys) : 0;
  let yMax = ys.length ? Math.max(...ys) : 1;
  if (yMax - yMin < 1e-9) {
    // A flat chart still needs a scale: a band around its one value.
    const pad = Math.abs(yMax) * 0.1 || 1;
    yMin -= pad;
    yMax += pad;
  } else {
    const pad = (yMax - yMin) * 0.05;
    yMin -= pad;
    yMax += pad;
  }
  return { xMin: Math.min(...xs), xMax: Math.max(...xs), yMin, yMax, actual, expected, target: kr.target, forecast, startsOn, deadline };
}

import { addDays, dayNumber, expectedProgressOn, type PaceCurve } from '@goalpost/domain';
import type { Status } from '../components/StatusBadge.tsx';

export interface ChartInput {
  startsOn: string;
  deadline: string;
  today: string;
  direction: 'INCREASE' | 'DECREASE' | 'MAINTAIN';
  pace: PaceCurve;
  baseline: number | null;
  target: number | null;
  series: readonly { at: string; value: number }[];
  forecast: { value: number; low: number; high: number; confidence: number } | null;
  history: readonly { on: string; status: Status }[];
}

export interface StatusSpan { from: string; to: string; status: Status }

/** Everything the chart draws, day by day on one x axis (uPlot's aligned columns; x in Unix seconds). */
export interface ChartModel {
  days: string[];
  x: number[];
  actual: (number | null)[];
  expected: (number | null)[];
  target: (number | null)[];
  coneLow: (number | null)[];
  coneHigh: (number | null)[];
  coneMid: (number | null)[];
  /** Status per day from the evaluation history (a day without one keeps the previous status). */
  statusOn: (Status | null)[];
  spans: StatusSpan[];
  todayIndex: number | null;
  deadlineIndex: number;
}

const seconds = (day: string) => dayNumber(day) * 86_400;

/**
 * The key result's chart: actual values, the path expected by its pace curve from baseline to target,
 * the target line, and the forecast cone widening from the last actual value today to the forecast
 * interval at the deadline. MAINTAIN has no path: only the target line.
 */
export function chartModel(input: ChartInput): ChartModel {
  const firstSeries = input.series[0]?.at;
  const start = firstSeries && firstSeries < input.startsOn ? firstSeries : input.startsOn;
  const lastSeries = input.series.at(-1)?.at;
  const end = lastSeries && lastSeries > input.deadline ? lastSeries : input.deadline;
  const days: string[] = [];
  for (let day = start; day <= end; day = addDays(day, 1)) days.push(day);

  const byDay = new Map(input.series.map((p) => [p.at, p.value]));
  const span = Math.max(1, dayNumber(input.deadline) - dayNumber(input.startsOn));
  const hasPath = input.direction !== 'MAINTAIN' && input.baseline !== null && input.target !== null;

  const last = input.series.at(-1);
  const coneFrom = last && last.at <= input.deadline ? last : null;
  const coneSpan = coneFrom ? Math.max(1, dayNumber(input.deadline) - dayNumber(coneFrom.at)) : 1;

  const historyByDay = new Map(input.history.map((h) => [h.on, h.status]));
  let status: Status | null = null;

  const model: ChartModel = {
    days, x: [], actual: [], expected: [], target: [], coneLow: [], coneHigh: [], coneMid: [], statusOn: [], spans: [],
    todayIndex: null, deadlineIndex: days.indexOf(input.deadline),
  };
  days.forEach((day, i) => {
    model.x.push(seconds(day));
    model.actual.push(byDay.get(day) ?? null);
    const share = (dayNumber(day) - dayNumber(input.startsOn)) / span;
    model.expected.push(hasPath && share >= 0 && share <= 1
      ? input.baseline! + (input.target! - input.baseline!) * expectedProgressOn(input.pace, share) : null);
    model.target.push(input.target);
    if (input.forecast && coneFrom && day >= coneFrom.at && day <= input.deadline) {
      const w = (dayNumber(day) - dayNumber(coneFrom.at)) / coneSpan;
      model.coneLow.push(coneFrom.value + (input.forecast.low - coneFrom.value) * w);
      model.coneHigh.push(coneFrom.value + (input.forecast.high - coneFrom.value) * w);
      model.coneMid.push(coneFrom.value + (input.forecast.value - coneFrom.value) * w);
    } else {
      model.coneLow.push(null);
      model.coneHigh.push(null);
      model.coneMid.push(null);
    }
    if (day <= input.today) status = historyByDay.get(day) ?? status;
    model.statusOn.push(day <= input.today ? status : null);
    if (day === input.today) model.todayIndex = i;
  });
  for (let i = 0; i < days.length; i++) {
    const s = model.statusOn[i];
    if (!s) continue;
    const previous = model.spans.at(-1);
    if (previous && previous.status === s && previous.to === days[i - 1]) previous.to = days[i]!;
    else model.spans.push({ from: days[i]!, to: days[i]!, status: s });
  }
  return model;
}

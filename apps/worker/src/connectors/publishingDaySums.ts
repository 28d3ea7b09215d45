import type { PointValue } from '@goalpost/db';
import type { IsoDate } from '@goalpost/domain';

/**
 * Platforms without a daily account series (X, TikTok) are read from their newest-first list of posts:
 * each post's counts are added to the UTC day it was published. These are the sums per day and metric,
 * e.g. `{ '2024-06-01': { posts: 2, reactions: 170 } }`.
 */
export type DaySums = Record<IsoDate, Record<string, number>>;

export function addToDay(sums: DaySums, day: IsoDate, values: Record<string, number>) {
  const row = (sums[day] ??= {});
  for (const [metric, value] of Object.entries(values)) row[metric] = (row[metric] ?? 0) + value;
}

/**
 * Splits the running sums of a newest-first list into the days that are complete and the days a later
 * page may still add to (the page's oldest day and anything older), which travel in the cursor: each
 * page's points are written as they come, so a day must be emitted once, whole.
 */
export function settleDays(sums: DaySums, boundary: IsoDate | undefined, done: boolean): { points: PointValue[]; carry: DaySums } {
  const points: PointValue[] = [];
  const carry: DaySums = {};
  for (const [day, row] of Object.entries(sums).sort(([a], [b]) => a.localeCompare(b))) {
    if (!done && (boundary === undefined || day <= boundary)) {
      carry[day] = row;
      continue;
    }
    for (const [metric, value] of Object.entries(row)) points.push({ metric, at: day, value });
  }
  return { points, carry };
}

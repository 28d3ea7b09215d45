import { daysBetween } from '@goalpost/domain';

/** How old the key result's data is: the last day with a value, and whether that is older than the plan allows. */
export function freshnessOf(series: readonly { at: string }[], today: string, staleAfterDays: number) {
  const lastDay = series.at(-1)?.at ?? null;
  const ageDays = lastDay ? daysBetween(lastDay, today) : null;
  return { lastDay, ageDays, stale: ageDays !== null && ageDays > staleAfterDays };
}

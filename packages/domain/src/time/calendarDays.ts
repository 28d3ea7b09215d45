import type { IsoDate } from '../vocabulary.ts';

const dayMs = 86_400_000;

/** Days since the epoch of a `YYYY-MM-DD` day (UTC). */
export const dayNumber = (day: IsoDate): number => Math.floor(Date.parse(`${day}T00:00:00Z`) / dayMs);
export const dayOf = (instant: Date): IsoDate => instant.toISOString().slice(0, 10);
export const addDays = (day: IsoDate, days: number): IsoDate => new Date((dayNumber(day) + days) * dayMs).toISOString().slice(0, 10);
export const daysBetween = (from: IsoDate, to: IsoDate): number => dayNumber(to) - dayNumber(from);

/** ISO 8601 week of a day, e.g. `2026-W48`. */
export function isoWeek(day: IsoDate): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday = 0
  date.setUTCDate(date.getUTCDate() - weekday + 3); // the Thursday of this week decides the year
  const year = date.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const week = 1 + Math.round((date.getTime() - firstThursday.getTime()) / dayMs / 7 - ((firstThursday.getUTCDay() + 6) % 7 - 3) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

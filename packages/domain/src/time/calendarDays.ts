import type { IsoDate } from '../vocabulary.ts';

const dayMs = 86_400_000;

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;

/** Days since the epoch of year `y`, month `m`, day `d` (the days-from-civil formula; a day past the month's end rolls over). */
function civilDay(year: number, m: number, d: number): number {
  let y = year;
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

// The first day of every month from 1900 to 2299, so that reading a day is digits and one lookup.
const firstYear = 1900;
const monthCount = 400 * 12;
const monthStarts = new Int32Array(monthCount);
for (let k = 0; k < monthCount; k++) monthStarts[k] = civilDay(firstYear + Math.floor(k / 12), (k % 12) + 1, 1);

/**
 * Days since the epoch of a `YYYY-MM-DD` day (UTC), read digit by digit: the month's first day from a
 * table, plus the day of the month (the days-from-civil formula outside 1900–2299). It runs for every
 * point in the evaluation's hot loop, where Date parsing, and then the formula's divisions, dominated.
 */
export function dayNumber(day: IsoDate): number {
  const y = digit(day, 0) * 1000 + digit(day, 1) * 100 + digit(day, 2) * 10 + digit(day, 3);
  const m = digit(day, 5) * 10 + digit(day, 6);
  const d = digit(day, 8) * 10 + digit(day, 9);
  const k = (y - firstYear) * 12 + m - 1;
  return k >= 0 && k < monthCount && m >= 1 && m <= 12 ? monthStarts[k]! + d - 1 : civilDay(y, m, d);
}

const monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether a string is a real `YYYY-MM-DD` calendar day (2026-02-30 is not). Checked at the edges, once
 * per point a webhook brings (thousands a message): digits and the month's length, no Date.
 */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const y = digit(value, 0) * 1000 + digit(value, 1) * 100 + digit(value, 2) * 10 + digit(value, 3);
  const m = digit(value, 5) * 10 + digit(value, 6);
  const d = digit(value, 8) * 10 + digit(value, 9);
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 2 && leap ? 29 : monthLengths[m - 1]!);
}
/**
 * The days Goalpost stores and evaluates: PostgreSQL has no year 0 (`0000-01-01` is out of its range)
 * and nothing a social media plan measures lies before the epoch or centuries ahead.
 */
export const supportedDays = { first: '1970-01-01', last: '2200-12-31' } as const;

/** Whether a calendar day lies in `supportedDays` (ISO days compare as strings). */
export const isSupportedDay = (day: IsoDate): boolean => day >= supportedDays.first && day <= supportedDays.last;

export const dayOf = (instant: Date): IsoDate => instant.toISOString().slice(0, 10);
export const addDays = (day: IsoDate, days: number): IsoDate => new Date((dayNumber(day) + days) * dayMs).toISOString().slice(0, 10);
export const daysBetween = (from: IsoDate, to: IsoDate): number => dayNumber(to) - dayNumber(from);

/** ISO 8601 week of a day, e.g. `2026-W48`: the week belongs to the year of its Thursday. */
export function isoWeek(day: IsoDate): string {
  const n = dayNumber(day);
  const weekday = (((n + 3) % 7) + 7) % 7; // Monday = 0 (1970-01-01 was a Thursday)
  const thursday = new Date((n - weekday + 3) * dayMs);
  const year = thursday.getUTCFullYear();
  const week = Math.ceil(((thursday.getTime() - Date.UTC(year, 0, 1)) / dayMs + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

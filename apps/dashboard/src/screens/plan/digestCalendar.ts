/** The schedule's weekdays, Monday first (the API's Weekday enum, ISO order). */
export const weekdays = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
export type Weekday = (typeof weekdays)[number];

/** A weekday in the person's language: 2024-01-01 was a Monday. */
export function weekdayName(weekday: Weekday, locale: string): string {
  const index = weekdays.indexOf(weekday);
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + index)));
}

/** An hour of the day as the clock reads it, e.g. 09:00. */
export const hourText = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/**
 * The IANA zones this browser knows, with the plan's own kept even if the browser lacks it (and UTC,
 * the default, which some engines list only under its aliases).
 */
export function timeZoneChoices(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set(['UTC', current, ...known])].sort((a, b) => (a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b)));
}

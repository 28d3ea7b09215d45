import { DateTime, IANAZone } from 'luxon';
import type { IsoDate } from '../vocabulary.ts';

export const weekdays = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
export type Weekday = (typeof weekdays)[number];

/** When a plan's weekly digest goes out: a weekday and an hour on the plan's wall clock. */
export interface DigestSchedule {
  weekday: Weekday;
  /** 0–23, in `timeZone`. */
  hour: number;
  /** An IANA time zone name, e.g. `Europe/Berlin`. */
  timeZone: string;
  enabled: boolean;
  /** The plan report files the digest e-mail carries (webhook and Slack digests link to them instead); none by default. */
  attachReports: DigestReportFormat[];
}

export const digestReportFormats = ['PDF', 'CSV'] as const;
export type DigestReportFormat = (typeof digestReportFormats)[number];

/** Monday 09:00 (seed 003: report progress regularly, at the start of the working week). */
export const defaultDigestSchedule: DigestSchedule = { weekday: 'MONDAY', hour: 9, timeZone: 'UTC', enabled: true, attachReports: [] };

export function withDigestOverrides(stored: Partial<DigestSchedule> | undefined): DigestSchedule {
  return { ...defaultDigestSchedule, ...Object.fromEntries(Object.entries(stored ?? {}).filter(([, v]) => v !== undefined && v !== null)) };
}

/** Whether the name is a time zone of the IANA database this runtime knows (`Europe/Berlin`, `UTC`). */
export function isTimeZone(name: string): boolean {
  return name.length <= 64 && IANAZone.isValidZone(name);
}

/** One week's digest: the ISO week it is sent in (its Monday, on the plan's wall clock), when, and what it covers. */
export interface DigestWeek {
  /** The Monday of the ISO week the digest is sent in, as a day on the plan's wall clock. */
  weekOf: IsoDate;
  /** `2026-W49`: with the plan id, what makes a digest unique. */
  isoWeek: string;
  sendAt: Date;
  /** The seven days before `sendAt` (same wall-clock time a week earlier; 167 or 169 hours across a DST change). */
  from: Date;
  to: Date;
}

/**
 * The digest of the ISO week that contains `day` (a wall-clock day in the plan's zone). An hour that does
 * not exist on that day (the spring-forward gap) moves forward to the first that does, as the clock does.
 */
export function digestWeek(schedule: DigestSchedule, day: IsoDate): DigestWeek {
  const local = DateTime.fromISO(day, { zone: schedule.timeZone });
  if (!local.isValid) throw new RangeError(`"${day}" in "${schedule.timeZone}" is not a day`);
  const monday = local.startOf('week');
  const sendAt = monday.plus({ days: weekdays.indexOf(schedule.weekday) }).set({ hour: schedule.hour, minute: 0, second: 0, millisecond: 0 });
  return {
    weekOf: monday.toISODate()!,
    isoWeek: `${monday.weekYear}-W${String(monday.weekNumber).padStart(2, '0')}`,
    sendAt: sendAt.toJSDate(),
    from: sendAt.minus({ weeks: 1 }).toJSDate(),
    to: sendAt.toJSDate(),
  };
}

/** The wall-clock day of an instant in a zone. */
export function dayInZone(instant: Date, timeZone: string): IsoDate {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toISODate()!;
}

/**
 * The digest due at `now`: this ISO week's (on the plan's clock) once its send time has passed, so a
 * worker that was down at the hour still sends it later that week; never an earlier week's.
 */
export function dueDigestWeek(schedule: DigestSchedule, now: Date): DigestWeek | null {
  if (!schedule.enabled) return null;
  const week = digestWeek(schedule, dayInZone(now, schedule.timeZone));
  return now.getTime() >= week.sendAt.getTime() ? week : null;
}

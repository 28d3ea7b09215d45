import { digestReportFormats, isTimeZone, weekdays } from '@goalpost/domain';
import type { PlanSettings } from '@goalpost/db';
import { z } from 'zod';
import { builder } from './builder.ts';
import { numberIn } from './inputRules.ts';

export const WeekdayEnum = builder.enumType('Weekday', { values: weekdays });

export const DigestReportFormatEnum = builder.enumType('DigestReportFormat', {
  description: 'A plan report file the weekly digest can carry: PDF, or CSV (key results and daily series).',
  values: digestReportFormats,
});

// Each format once: a list naming one twice is a mistake, not a wish for two copies.
const attachReports = z.array(z.string()).refine((formats) => new Set(formats).size === formats.length, {
  message: 'must name each report format at most once',
  params: { rule: 'unique' },
});

const timeZone = z.string().refine(isTimeZone, { message: 'must be an IANA time zone name such as Europe/Berlin or America/New_York', params: { rule: 'time-zone' } });

export const DigestScheduleInput = builder.inputType('DigestScheduleInput', {
  description: 'When the plan\'s weekly digest goes out; fields left out keep their value (Monday 09:00 UTC by default).',
  fields: (t) => ({
    weekday: t.field({ type: WeekdayEnum, required: false }),
    hour: t.int({ required: false, validate: numberIn(0, 23), description: '0–23 on the plan\'s clock.' }),
    timeZone: t.string({ required: false, validate: timeZone, description: 'An IANA time zone name, e.g. Europe/Berlin.' }),
    enabled: t.boolean({ required: false, description: 'False: no digest is sent (the preview still works).' }),
    attachReports: t.field({
      type: [DigestReportFormatEnum],
      required: false,
      validate: attachReports,
      description: 'The plan report files the digest e-mail attaches (webhook and Slack digests link to the report instead); [] for none, the default.',
    }),
  }),
});

/** The stored digest settings after this change: the given fields over the stored ones. */
export function mergedDigestSchedule(stored: PlanSettings['digest'], given: typeof DigestScheduleInput.$inferInput): NonNullable<PlanSettings['digest']> {
  return { ...stored, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v != null)) };
}

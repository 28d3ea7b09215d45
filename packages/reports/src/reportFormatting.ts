import { dayNumber, type MetricUnit } from '@goalpost/domain';
import type { ReportLanguage } from './reportCatalog.ts';

/** Numbers, shares and days written as people of the report's language read them. */
export interface ReportFormatting {
  number(value: number | null, unit?: MetricUnit | null): string;
  /** A share of the way (0..1) as a percentage. */
  share(value: number | null): string;
  day(day: string): string;
}

export function reportFormatting(language: ReportLanguage, none: string): ReportFormatting {
  const numbers = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });
  const small = new Intl.NumberFormat(language, { maximumSignificantDigits: 3 });
  const shares = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 });
  const days = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' });
  return {
    number: (value, unit) => {
      if (value === null || !Number.isFinite(value)) return none;
      const text = value !== 0 && Math.abs(value) < 0.01 ? small.format(value) : numbers.format(value);
      return unit === 'PERCENT' ? `${text} %` : text;
    },
    share: (value) => (value === null || !Number.isFinite(value) ? none : shares.format(value)),
    day: (day) => days.format(new Date(dayNumber(day) * 86_400_000)),
  };
}

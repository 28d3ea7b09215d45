/** Numbers, dates and money in the person's locale, through Intl only. */
export function makeFormatters(locale: string) {
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const percentPoints = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 });
  const minutes = new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', maximumFractionDigits: 1 });
  // Calendar days are UTC dates: format them in UTC so that no time zone shifts the day.
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const shortDay = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const instant = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const list = new Intl.ListFormat(locale, { type: 'conjunction' });
  const plural = new Intl.PluralRules(locale);
  const currencies = new Map<string, Intl.NumberFormat>();

  const number = (value: number | null | undefined) =>
    value === null || value === undefined || !Number.isFinite(value) ? '—' : Math.abs(value) >= 100 ? integer.format(value) : decimal.format(value);

  return {
    locale,
    number,
    compact: (value: number) => compact.format(value),
    /** A 0..1 share as a percentage. */
    share: (value: number | null | undefined) => (value === null || value === undefined ? '—' : percent.format(value)),
    /** A metric value in its catalog unit (PERCENT values are percentage points: 6.5 means 6.5 %). */
    metric(value: number | null | undefined, unit: string | undefined) {
      if (value === null || value === undefined || !Number.isFinite(value)) return '—';
      if (unit === 'PERCENT') return percentPoints.format(value / 100);
      if (unit === 'MINUTES') return minutes.format(value);
      return number(value);
    },
    money: (amount: number, currency: string) => {
      let format = currencies.get(currency);
      if (!format) {
        format = new Intl.NumberFormat(locale, { style: 'currency', currency });
        currencies.set(currency, format);
      }
      return format.format(amount);
    },
    day: (iso: string | null | undefined) => (iso ? day.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)) : '—'),
    shortDay: (iso: string) => shortDay.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)),
    instant: (iso: string | null | undefined) => (iso ? instant.format(new Date(iso)) : '—'),
    /** "3 hours ago", "in 5 minutes". */
    ago(iso: string, now = Date.now()) {
      const seconds = (Date.parse(iso) - now) / 1000;
      const abs = Math.abs(seconds);
      if (abs < 60) return relative.format(Math.round(seconds), 'second');
      if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
      if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour');
      return relative.format(Math.round(seconds / 86_400), 'day');
    },
    list: (items: string[]) => list.format(items),
    plural: (n: number) => plural.select(n),
  };
}
export type Formatters = ReturnType<typeof makeFormatters>;

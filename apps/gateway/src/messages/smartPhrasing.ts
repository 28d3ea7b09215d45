import type { SmartParamValue, SmartSuggestionCode } from '@goalpost/domain';
import type { SmartMessage } from './smartMessage.ts';

/**
 * The numbers, amounts and lists of SMART messages in a locale's own way: what the domain's English
 * `fmt` does (whole above 100, two decimals below), with the locale's separators.
 */
export function smartPhrasing(locale: string) {
  const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const decimals = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const oneDecimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const or = new Intl.ListFormat(locale, { type: 'disjunction' });
  const and = new Intl.ListFormat(locale, { type: 'conjunction' });
  const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  const n = (x: SmartParamValue | undefined) => (isNumber(x) ? (Math.abs(x) >= 100 ? whole.format(Math.round(x)) : decimals.format(x)) : '—');
  return {
    n,
    signed: (x: SmartParamValue | undefined) => (isNumber(x) ? `${x > 0 ? '+' : x < 0 ? '−' : ''}${n(Math.abs(x))}` : '—'),
    /** How many times the pace: "3,3×"; null when the params carry none. */
    times: (x: SmartParamValue | undefined) => (isNumber(x) ? `${oneDecimal.format(x)}×` : null),
    money: (amount: SmartParamValue | undefined, currency: SmartParamValue | undefined) =>
      isNumber(amount) && typeof currency === 'string' && /^[A-Z]{3}$/.test(currency)
        ? new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount)
        : n(amount),
    /** A comma-separated param ("facebook,instagram") as a list joined by "or" in the locale. */
    orList: (x: SmartParamValue | undefined) => or.format(String(x ?? '').split(',').filter(Boolean)),
    andList: (x: SmartParamValue | undefined) => and.format(String(x ?? '').split(',').filter(Boolean)),
    text: (x: SmartParamValue | undefined) => (x === null || x === undefined || x === '' ? '—' : String(x)),
    isNumber,
  };
}

/** The value of the message's suggestion of this code, if it carries one. */
export const suggestionOf = (m: SmartMessage, code: SmartSuggestionCode) => m.suggestions.find((s) => s.code === code)?.value ?? null;

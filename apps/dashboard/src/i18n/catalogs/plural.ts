/** "1 alert" / "3 alerts" in a catalog's own language (Intl plural rules and number format). */
export function pluralizer(locale: string) {
  const rules = new Intl.PluralRules(locale);
  const numbers = new Intl.NumberFormat(locale);
  return (n: number, forms: { one: string; other: string }) => (rules.select(n) === 'one' ? forms.one : forms.other).replace('#', numbers.format(n));
}

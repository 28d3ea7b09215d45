export const locales = ['en', 'es', 'ca', 'it'] as const;
export type Locale = (typeof locales)[number];

/** Each language named in itself, for the switcher. */
export const localeNames: Record<Locale, string> = { en: 'English', es: 'Español', ca: 'Català', it: 'Italiano' };

const storageKey = 'goalpost.locale';
const isLocale = (value: string): value is Locale => (locales as readonly string[]).includes(value);

/** The person's choice if they made one, else the first browser language we speak, else English. */
export function initialLocale(): Locale {
  try {
    const chosen = localStorage.getItem(storageKey);
    if (chosen && isLocale(chosen)) return chosen;
  } catch {
    // storage disabled: fall back to the browser's languages
  }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0] ?? '';
    if (isLocale(base)) return base;
  }
  return 'en';
}

export function rememberLocale(locale: Locale) {
  try {
    localStorage.setItem(storageKey, locale);
  } catch {
    // not remembered: the browser's language applies next time
  }
}

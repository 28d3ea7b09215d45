import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { catalogs, type Messages } from './catalogs/index.ts';
import { makeFormatters, type Formatters } from './formatters.ts';
import { initialLocale, rememberLocale, type Locale } from './locales.ts';

interface I18n {
  locale: Locale;
  t: Messages;
  f: Formatters;
  setLocale(locale: Locale): void;
}

const I18nContext = createContext<I18n | null>(null);

/** The current locale, read by the GraphQL client for Accept-Language without a React render. */
let currentLocale: Locale = initialLocale();
export const localeNow = () => currentLocale;

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(currentLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo<I18n>(
    () => ({
      locale,
      t: catalogs[locale],
      f: makeFormatters(locale),
      setLocale(next) {
        currentLocale = next;
        rememberLocale(next);
        setLocaleState(next);
      },
    }),
    [locale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

import { useI18n } from '../i18n/I18nProvider.tsx';
import { localeNames, locales, type Locale } from '../i18n/locales.ts';

export function LanguageSwitcher() {
  const { t, locale, setLocale } = useI18n();
  return (
    <label className="language">
      <span>{t.app.language}</span>
      <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
        {locales.map((l) => (
          <option key={l} value={l} lang={l}>{localeNames[l]}</option>
        ))}
      </select>
    </label>
  );
}

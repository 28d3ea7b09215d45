import { useI18n } from '../i18n/I18nProvider.tsx';

const glyph = { PASS: '✓', WARN: '!', FAIL: '✕' } as const;

export function VerdictBadge({ verdict }: { verdict: 'PASS' | 'WARN' | 'FAIL' }) {
  const { t } = useI18n();
  return (
    <span className={`badge verdict-${verdict}`}>
      <span aria-hidden="true">{glyph[verdict]}</span> {t.verdict[verdict]}
    </span>
  );
}

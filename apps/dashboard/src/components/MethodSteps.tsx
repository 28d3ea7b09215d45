import { useI18n } from '../i18n/I18nProvider.tsx';

/** The method in three steps: business goals, the objectives that serve them, the key results that measure those. */
export function MethodSteps({ current }: { current?: 1 | 2 | 3 }) {
  const { t } = useI18n();
  return (
    <ol className="method">
      {t.method.steps.map((step, i) => (
        <li key={step.title} aria-current={current === i + 1 ? 'step' : undefined}>
          <strong>{step.title}</strong> {step.text}
        </li>
      ))}
    </ol>
  );
}

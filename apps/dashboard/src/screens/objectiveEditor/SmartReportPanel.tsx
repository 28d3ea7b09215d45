import type { ResultOf } from '../../graphql/graphql.ts';
import type { CombinedError } from '@urql/core';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { VerdictBadge } from '../../components/VerdictBadge.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { CheckObjectiveQuery } from './smartQueries.ts';
import { smartSentence } from './smartWording.ts';

type Report = ResultOf<typeof CheckObjectiveQuery>['checkObjective'];
const letters = ['specific', 'measurable', 'attainable', 'relevant', 'timeBound'] as const;

/** The SMART report of the draft as last checked: each letter with its verdict and what to change. */
export function SmartReportPanel({ report, checking, error, retry }: { report: Report | undefined; checking: boolean; error?: CombinedError; retry: () => void }) {
  const { t } = useI18n();
  return (
    <section className="panel smart" aria-labelledby="smart-title" data-testid="smart-report" aria-busy={checking}>
      <h2 id="smart-title">{t.editor.smartTitle}</h2>
      <p className="muted" role="status">{checking ? t.editor.checking : report ? (report.passed ? t.editor.smartPassed : t.editor.smartFailed) : t.editor.smartWaiting}</p>
      {error && <ErrorNotice error={error} retry={retry} />}
      {report && (
        <ul className="smart-letters">
          {letters.map((letter) => (
            <li key={letter} data-testid={`smart-${letter}`} data-verdict={report[letter].verdict}>
              <span className="smart-letter" aria-hidden="true">{t.smart[letter].letter}</span>
              <div>
                <p><strong>{t.smart[letter].name}</strong> <VerdictBadge verdict={report[letter].verdict} /></p>
                <p className="smart-message">{smartSentence(report[letter])}</p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

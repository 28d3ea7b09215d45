import { Link } from 'wouter';
import { useViewerRole } from '../../auth/viewerRole.tsx';
import type { ResultOf } from '../../graphql/graphql.ts';
import type { ObjectiveFields } from '../../graphql/keyResultFields.ts';
import type { MetricDefinition } from '../../graphql/metricCatalog.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { KeyResultRow } from './KeyResultRow.tsx';
import { ownerName } from './ownerName.ts';

type Objective = ResultOf<typeof ObjectiveFields>;

export function ObjectiveCard(props: { objective: Objective; catalog: Map<string, MetricDefinition>; today: string; staleAfterDays: number; ownerNames: Map<string, string> }) {
  const { objective: o } = props;
  const { t, f } = useI18n();
  const { canEdit } = useViewerRole();
  return (
    <article className="objective" data-testid="objective" aria-labelledby={`objective-${o.id}`}>
      <header className="objective-head">
        <h3 id={`objective-${o.id}`}>{o.title}</h3>
        <StatusBadge status={o.status} />
      </header>
      <p className="status-text">{o.statusText}</p>
      <dl className="facts">
        <div><dt>{t.objective.framework}</dt><dd>{t.framework[o.framework]}</dd></div>
        <div><dt>{t.objective.category}</dt><dd>{t.category[o.category]}</dd></div>
        <div><dt>{t.objective.owner}</dt><dd data-testid="objective-owner">{ownerName(props.ownerNames, o.ownerId, t.objective.noOwner)}</dd></div>
        <div><dt>{t.objective.period}</dt><dd>{t.plans.period(f.day(o.startsOn), f.day(o.deadline))}</dd></div>
        <div>
          <dt>{t.objective.score}</dt>
          <dd>{o.score ? <>{f.share(o.score.score)} · <span className={`grade grade-${o.score.grade}`}>{t.grade[o.score.grade as keyof typeof t.grade] ?? o.score.grade}</span></> : t.objective.noScore}</dd>
        </div>
        {o.budget && (
          <div><dt>{t.objective.budget}</dt><dd>{t.objective.budgetValue(f.money(o.budget.spent, o.budget.currency), f.money(o.budget.amount, o.budget.currency))}</dd></div>
        )}
      </dl>
      <div className="actions">
        {canEdit && <Link href={`/objectives/${encodeURIComponent(o.id)}/edit`}>{t.objective.edit}</Link>}
        <Link href={`/objectives/${encodeURIComponent(o.id)}/themes`}>{t.objective.themes}</Link>
      </div>
      {o.keyResults.length === 0 ? (
        <EmptyState title={t.objective.noKeyResults}><p>{t.method.steps[2].text}</p></EmptyState>
      ) : (
        <ul className="krs">
          {o.keyResults.map((kr) => (
            <KeyResultRow key={kr.id} kr={kr} objective={o} metric={props.catalog.get(kr.metric)} today={props.today} staleAfterDays={props.staleAfterDays} ownerNames={props.ownerNames} />
          ))}
        </ul>
      )}
    </article>
  );
}

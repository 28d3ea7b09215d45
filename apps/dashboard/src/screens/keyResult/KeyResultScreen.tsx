import { lazy, Suspense, useMemo } from 'react';
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { chartInputOf } from '../../chart/chartInputOf.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { graphql, type ResultOf } from '../../graphql/graphql.ts';
import { ObjectiveFields } from '../../graphql/keyResultFields.ts';
import { useMetricCatalog } from '../../graphql/metricCatalog.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useRefetchOnLiveAlert } from '../../live/useRefetchOnLiveAlert.ts';
import { useRefetchOnEvaluation } from '../../live/useRefetchOnEvaluation.ts';

const KeyResultChart = lazy(() => import('../../chart/KeyResultChart.tsx'));

const KeyResultQuery = graphql(`
  query KeyResultChart($objectiveId: ID!) {
    node(id: $objectiveId) { __typename ... on Objective { ...ObjectiveFields plan { id name } goal { title } } }
  }
`, [ObjectiveFields]);
type Objective = Extract<NonNullable<ResultOf<typeof KeyResultQuery>['node']>, { __typename: 'Objective' }>;

export default function KeyResultScreen(props: { objectiveId: string; keyResultId: string }) {
  const { t } = useI18n();
  const objectiveId = decodeURIComponent(props.objectiveId);
  const keyResultId = decodeURIComponent(props.keyResultId);
  const [result, refetch] = useQuery({ query: KeyResultQuery, variables: { objectiveId } });
  const retry = () => refetch({ requestPolicy: 'network-only' });
  useRefetchOnLiveAlert(retry);
  const node = result.data?.node;
  useRefetchOnEvaluation(node?.__typename === 'Objective' ? node.plan.id : null, retry);
  return (
    <QueryState result={result} retry={retry} loading={t.keyResult.loading}>
      {(data) => {
        const objective = data.node?.__typename === 'Objective' ? data.node : null;
        const kr = objective?.keyResults.find((k) => k.id === keyResultId);
        if (!objective || !kr) return <EmptyState title={t.keyResult.notFound}><p><Link href="/">{t.nav.plans}</Link></p></EmptyState>;
        return <KeyResultView objective={objective} kr={kr} />;
      }}
    </QueryState>
  );
}

function KeyResultView({ objective, kr }: { objective: Objective; kr: Objective['keyResults'][number] }) {
  const { t, f } = useI18n();
  const catalog = useMetricCatalog();
  const metric = catalog.byId.get(kr.metric);
  const today = new Date().toISOString().slice(0, 10);
  const input = useMemo(() => chartInputOf(kr, objective, today), [kr, objective, today]);
  const label = metric?.label ?? kr.metric;
  const unit = metric?.unit;
  return (
    <>
      <nav aria-label={t.app.breadcrumb} className="breadcrumb">
        <Link href="/">{t.nav.plans}</Link> › <Link href={`/plans/${encodeURIComponent(objective.plan.id)}`}>{objective.plan.name}</Link>
      </nav>
      <h1>{label}</h1>
      <p className="muted">{objective.title} · {kr.account ? kr.account.handle : kr.platform ? t.keyResult.allOf(t.platform[kr.platform]) : ''}</p>
      <div className="kr-summary">
        <StatusBadge status={kr.status} />
        <span data-testid="kr-current">{f.metric(kr.current, unit)} / {f.metric(kr.target, unit)}</span>
        <span>{t.keyResult.paceCurve}: {t.pace[kr.pace]}</span>
      </div>
      <ProgressBar progress={kr.progress ?? null} expected={kr.expectedProgress ?? null} status={kr.status} />
      <Suspense fallback={<p className="loading" role="status">{t.common.loading}</p>}>
        <KeyResultChart input={input} unit={unit} label={label} />
      </Suspense>
      <p>
        <strong>{t.keyResult.forecast}:</strong>{' '}
        {kr.forecast ? t.keyResult.forecastValue(f.metric(kr.forecast.value, unit), f.metric(kr.forecast.low, unit), f.metric(kr.forecast.high, unit), f.share(kr.forecast.confidence)) : t.keyResult.noForecast}
      </p>
    </>
  );
}

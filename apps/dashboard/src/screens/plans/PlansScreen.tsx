import { useState, type FormEvent } from 'react';
import { useViewerRole } from '../../auth/viewerRole.tsx';
import { useMutation, useQuery } from 'urql';
import { Link, useLocation } from 'wouter';
import { EmptyState } from '../../components/EmptyState.tsx';
import { MethodSteps } from '../../components/MethodSteps.tsx';
import { PayloadProblem } from '../../components/PayloadProblem.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { StatusBadge, statusOrder } from '../../components/StatusBadge.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PlanOpenAlerts, planOpenAlerts } from '../../graphql/connections.ts';
import { graphql } from '../../graphql/graphql.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useRefetchOnLiveAlert } from '../../live/useRefetchOnLiveAlert.ts';

const PlansQuery = graphql(`
  query Plans {
    plans(first: 100) {
      edges { node {
        id name description startsOn endsOn status
        health { objectives { status count } }
        ...PlanOpenAlerts
      } }
    }
  }
`, [PlanOpenAlerts]);

const CreatePlan = graphql(`
  mutation CreatePlan($input: CreatePlanInput!) {
    createPlan(input: $input) {
      __typename
      ... on CreatePlanSuccess { plan { id } }
      ... on InputError { message issues { field message } }
      ... on NotFoundError { message }
    }
  }
`);

export function PlansScreen() {
  const { t, f } = useI18n();
  const { canEdit } = useViewerRole();
  const [result, refetch] = useQuery({ query: PlansQuery });
  const retry = () => refetch({ requestPolicy: 'network-only' });
  useRefetchOnLiveAlert(retry);
  return (
    <>
      <h1>{t.plans.title}</h1>
      <QueryState result={result} retry={retry} loading={t.plans.loading}>
        {(data) => {
          const plans = data.plans.edges.map((e) => e.node);
          return (
            <>
              {plans.length === 0 ? (
                <EmptyState title={t.plans.empty}>
                  <MethodSteps />
                </EmptyState>
              ) : (
                <ul className="cards">
                  {plans.map((plan) => {
                    const alerts = planOpenAlerts(plan);
                    const health = [...plan.health.objectives].filter((s) => s.count > 0)
                      .sort((a, b) => statusOrder.indexOf(a.status) - statusOrder.indexOf(b.status));
                    return (
                      <li key={plan.id} className="card">
                        <h2><Link href={`/plans/${encodeURIComponent(plan.id)}`}>{plan.name}</Link></h2>
                        <p className="muted">
                          {t.plans.period(f.day(plan.startsOn), f.day(plan.endsOn))}
                          {plan.status === 'ARCHIVED' && <> · {t.plans.archived}</>}
                        </p>
                        <h3 className="small-heading">{t.plans.health}</h3>
                        {health.length === 0 ? (
                          <p className="muted">{t.plans.noObjectives}</p>
                        ) : (
                          <ul className="health">
                            {health.map((s) => (
                              <li key={s.status}><StatusBadge status={s.status} /> <span className="count">{f.number(s.count)}</span></li>
                            ))}
                          </ul>
                        )}
                        <p>
                          {alerts.length === 0 ? t.plans.noOpenAlerts : (
                            <Link href="/alerts">{t.plans.openAlerts(alerts.length)}</Link>
                          )}
                        </p>
                      </li>
                    );
                  })}
                </ul>
              )}
              {canEdit && <CreatePlanForm />}
            </>
          );
        }}
      </QueryState>
    </>
  );
}

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

function CreatePlanForm() {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const [name, setName] = useState('');
  const [startsOn, setStartsOn] = useState(today());
  const [endsOn, setEndsOn] = useState(inDays(90));
  const [state, create] = useMutation(CreatePlan);
  const payload = state.data?.createPlan;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await create({ input: { name, startsOn, endsOn } });
    const created = result.data?.createPlan;
    if (created?.__typename === 'CreatePlanSuccess') navigate(`/plans/${encodeURIComponent(created.plan.id)}`);
  };
  return (
    <section className="panel" aria-labelledby="create-plan">
      <h2 id="create-plan">{t.plans.create}</h2>
      <form onSubmit={submit} className="form-grid">
        <label>{t.plans.name}<input name="planName" required value={name} onChange={(e) => setName(e.target.value)} /></label>
        <label>{t.plans.startsOn}<input type="date" name="startsOn" required value={startsOn} onChange={(e) => setStartsOn(e.target.value)} /></label>
        <label>{t.plans.endsOn}<input type="date" name="endsOn" required value={endsOn} onChange={(e) => setEndsOn(e.target.value)} /></label>
        <div className="actions"><button type="submit" className="primary" disabled={state.fetching}>{t.plans.createButton}</button></div>
      </form>
      {state.error && <ErrorNotice error={state.error} />}
      {payload && payload.__typename !== 'CreatePlanSuccess' && <PayloadProblem problem={payload} />}
    </section>
  );
}

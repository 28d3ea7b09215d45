import { useState, type FormEvent } from 'react';
import { useViewerRole } from '../../auth/viewerRole.tsx';
import { useMutation, useQuery } from 'urql';
import { Link } from 'wouter';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { MethodSteps } from '../../components/MethodSteps.tsx';
import { PayloadProblem } from '../../components/PayloadProblem.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { PlanOpenAlerts, planOpenAlerts } from '../../graphql/connections.ts';
import { graphql } from '../../graphql/graphql.ts';
import { ObjectiveFields } from '../../graphql/keyResultFields.ts';
import { useMetricCatalog } from '../../graphql/metricCatalog.ts';
import { MembersQuery } from '../../graphql/membersQuery.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useRefetchOnLiveAlert } from '../../live/useRefetchOnLiveAlert.ts';
import { useRefetchOnEvaluation } from '../../live/useRefetchOnEvaluation.ts';
import { AlertList } from '../alerts/AlertList.tsx';
import { ObjectiveCard } from './ObjectiveCard.tsx';
import { DigestSection } from './DigestSection.tsx';
import { ReportDownloads } from './ReportDownloads.tsx';

const PlanQuery = graphql(`
  query Plan($id: ID!) {
    plan(id: $id) {
      id name description startsOn endsOn status
      thresholds { staleAfterDays }
      goals { id kind title description objectives { ...ObjectiveFields } }
      ...PlanOpenAlerts
    }
  }
`, [ObjectiveFields, PlanOpenAlerts]);

const EvaluatePlan = graphql(`
  mutation EvaluatePlan($id: ID!) {
    evaluatePlan(id: $id) { __typename ... on EvaluatePlanSuccess { queued } ... on Error { message } }
  }
`);

const AddBusinessGoal = graphql(`
  mutation AddBusinessGoal($input: AddBusinessGoalInput!) {
    addBusinessGoal(input: $input) {
      __typename
      ... on AddBusinessGoalSuccess { goal { id } }
      ... on InputError { message issues { field message } }
      ... on NotFoundError { message }
    }
  }
`);

const goalKinds = ['BRAND_VISIBILITY', 'CUSTOMER_BASE', 'REVENUE', 'MARKET_SHARE', 'PRODUCT_LAUNCH', 'CUSTOMER_FEEDBACK', 'LOYALTY', 'COST_REDUCTION', 'OTHER'] as const;

export default function PlanScreen({ planId }: { planId: string }) {
  const { t, f } = useI18n();
  const { canEdit } = useViewerRole();
  const id = decodeURIComponent(planId);
  const [result, refetch] = useQuery({ query: PlanQuery, variables: { id } });
  const retry = () => refetch({ requestPolicy: 'network-only' });
  const catalog = useMetricCatalog();
  // Owners are Member ids: named from the workspace's members (an unknown id reads as no name).
  const [members] = useQuery({ query: MembersQuery });
  const ownerNames = new Map((members.data?.members ?? []).map((m) => [m.id, m.user.name]));
  useRefetchOnLiveAlert(retry);
  useRefetchOnEvaluation(id, retry);
  const [evaluation, evaluate] = useMutation(EvaluatePlan);
  const today = new Date().toISOString().slice(0, 10);

  return (
    <QueryState result={result} retry={retry} loading={t.plan.loading}>
      {(data) => {
        const plan = data.plan;
        if (!plan) return <EmptyState title={t.plan.notFound}><p><Link href="/">{t.nav.plans}</Link></p></EmptyState>;
        const alerts = planOpenAlerts(plan);
        return (
          <>
            <nav aria-label={t.app.breadcrumb} className="breadcrumb"><Link href="/">{t.nav.plans}</Link></nav>
            <h1>{plan.name}</h1>
            <p className="muted">{t.plans.period(f.day(plan.startsOn), f.day(plan.endsOn))}</p>
            {plan.description && <p>{plan.description}</p>}
            {canEdit && (
              <div className="actions">
                <button type="button" onClick={() => evaluate({ id })} disabled={evaluation.fetching}>{t.plan.evaluate}</button>
                {evaluation.data?.evaluatePlan.__typename === 'EvaluatePlanSuccess' && <span role="status">{t.plan.evaluationQueued}</span>}
              </div>
            )}
            {evaluation.error && <ErrorNotice error={evaluation.error} />}
            <ReportDownloads planId={plan.id} planName={plan.name} />
            <section aria-labelledby="plan-alerts">
              <h2 id="plan-alerts">{t.plan.openAlerts}</h2>
              {alerts.length === 0 ? <p className="muted">{t.plans.noOpenAlerts}</p> : <AlertList alerts={alerts} compact />}
            </section>
            <section aria-labelledby="plan-goals">
              <h2 id="plan-goals">{t.plan.goals}</h2>
              {plan.goals.length === 0 && (
                <EmptyState title={t.plan.noGoals}><MethodSteps current={1} /></EmptyState>
              )}
              {plan.goals.map((goal) => (
                <section key={goal.id} className="goal" aria-labelledby={`goal-${goal.id}`} data-testid="goal">
                  <h3 id={`goal-${goal.id}`} className="goal-title">
                    <span className="goal-kind">{t.goalKind[goal.kind]}</span> {goal.title}
                  </h3>
                  {goal.description && <p>{goal.description}</p>}
                  {goal.objectives.length === 0 && (
                    <EmptyState title={t.plan.noObjectives}><MethodSteps current={2} /></EmptyState>
                  )}
                  <div className="objectives">
                    {goal.objectives.map((o) => (
                      <ObjectiveCard key={o.id} objective={o} catalog={catalog.byId} today={today} staleAfterDays={plan.thresholds.staleAfterDays} ownerNames={ownerNames} />
                    ))}
                  </div>
                  {canEdit && <p>
                    <Link className="button-link" href={`/plans/${encodeURIComponent(plan.id)}/objectives/new?goal=${encodeURIComponent(goal.id)}`}>
                      {t.plan.addObjective}
                    </Link>
                  </p>}
                </section>
              ))}
              {canEdit && <AddGoalForm planId={plan.id} onAdded={retry} />}
            </section>
            <DigestSection planId={plan.id} />
          </>
        );
      }}
    </QueryState>
  );
}

function AddGoalForm({ planId, onAdded }: { planId: string; onAdded: () => void }) {
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<(typeof goalKinds)[number]>('BRAND_VISIBILITY');
  const [state, add] = useMutation(AddBusinessGoal);
  const payload = state.data?.addBusinessGoal;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await add({ input: { planId, kind, title } });
    if (result.data?.addBusinessGoal.__typename === 'AddBusinessGoalSuccess') {
      setTitle('');
      onAdded();
    }
  };
  return (
    <section className="panel" aria-labelledby="add-goal">
      <h3 id="add-goal">{t.plan.addGoal}</h3>
      <p className="muted">{t.method.steps[0].text}</p>
      <form onSubmit={submit} className="form-grid">
        <label>{t.plan.goalKind}
          <select name="goalKind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            {goalKinds.map((k) => <option key={k} value={k}>{t.goalKind[k]}</option>)}
          </select>
        </label>
        <label>{t.plan.goalTitle}<input name="goalTitle" required value={title} onChange={(e) => setTitle(e.target.value)} /></label>
        <div className="actions"><button type="submit" className="primary" disabled={state.fetching}>{t.plan.addGoalButton}</button></div>
      </form>
      {state.error && <ErrorNotice error={state.error} />}
      {payload && payload.__typename !== 'AddBusinessGoalSuccess' && <PayloadProblem problem={payload} />}
    </section>
  );
}

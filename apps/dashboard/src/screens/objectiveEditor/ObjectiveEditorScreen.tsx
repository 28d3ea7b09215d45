import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useViewerRole } from '../../auth/viewerRole.tsx';
import { ReadOnlyNotice } from '../../components/ReadOnlyNotice.tsx';
import { useMutation, useQuery } from 'urql';
import { Link, useLocation, useSearch } from 'wouter';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PayloadProblem } from '../../components/PayloadProblem.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { graphql, type ResultOf } from '../../graphql/graphql.ts';
import { useMetricCatalog } from '../../graphql/metricCatalog.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { KeyResultEditor } from './KeyResultEditor.tsx';
import { RealismPanel } from './RealismPanel.tsx';
import { SmartReportPanel } from './SmartReportPanel.tsx';
import { CategoryAdviceQuery, CheckObjectiveQuery } from './smartQueries.ts';
import { useDebounced } from './useDebounced.ts';
import { draftInput, keyResultInput, newKeyResult, type Category, type ObjectiveDraft } from './objectiveDraft.ts';

const PlanForEditor = graphql(`
  fragment PlanForEditor on Plan { id name startsOn endsOn goals { id title kind } }
`);
const CreateContext = graphql(`
  query ObjectiveCreateContext($planId: ID!) {
    plan(id: $planId) { ...PlanForEditor }
    viewer { accounts { id handle platform } }
  }
`, [PlanForEditor]);
const EditContext = graphql(`
  query ObjectiveEditContext($id: ID!) {
    node(id: $id) {
      __typename
      ... on Objective {
        id title category framework startsOn deadline
        goal { id }
        plan { ...PlanForEditor }
        keyResults { id metric platform direction baseline target targetChangePercent pace weight account { id handle } }
      }
    }
    viewer { accounts { id handle platform } }
  }
`, [PlanForEditor]);

const AddObjective = graphql(`
  mutation AddObjective($input: AddObjectiveInput!) {
    addObjective(input: $input) {
      __typename
      ... on AddObjectiveSuccess { objective { id plan { id } } }
      ... on InputError { message issues { field message } }
      ... on NotFoundError { message }
    }
  }
`);
const UpdateObjective = graphql(`
  mutation UpdateObjective($input: UpdateObjectiveInput!) {
    updateObjective(input: $input) {
      __typename
      ... on UpdateObjectiveSuccess { objective { id } }
      ... on InputError { message issues { field message } }
      ... on NotFoundError { message }
    }
  }
`);
const AddKeyResult = graphql(`
  mutation AddKeyResult($input: AddKeyResultInput!) {
    addKeyResult(input: $input) {
      __typename
      ... on AddKeyResultSuccess { keyResult { id } }
      ... on InputError { message issues { field message } }
      ... on NotFoundError { message }
    }
  }
`);

type Plan = ResultOf<typeof PlanForEditor>;
type Accounts = ResultOf<typeof CreateContext>['viewer']['accounts'];
type EditObjective = Extract<NonNullable<ResultOf<typeof EditContext>['node']>, { __typename: 'Objective' }>;

const categories: Category[] = ['AWARENESS', 'AUDIENCE_GROWTH', 'ENGAGEMENT', 'WEB_TRAFFIC', 'LEAD_GENERATION', 'SALES_VIA_SOCIAL', 'SOCIAL_COMMERCE', 'CUSTOMER_CARE', 'REPUTATION'];

/** Create (under a plan, `?goal=` preselects the goal) or edit an objective, with the SMART report live. */
export default function ObjectiveEditorScreen(props: { planId?: string; objectiveId?: string }) {
  const { t } = useI18n();
  const { canEdit } = useViewerRole();
  const [create, refetchCreate] = useQuery({ query: CreateContext, variables: { planId: decodeURIComponent(props.planId ?? '') }, pause: !props.planId });
  const [edit, refetchEdit] = useQuery({ query: EditContext, variables: { id: decodeURIComponent(props.objectiveId ?? '') }, pause: !props.objectiveId });
  if (!canEdit) return <ReadOnlyNotice />;
  if (props.planId) {
    return (
      <QueryState result={create} retry={() => refetchCreate({ requestPolicy: 'network-only' })} loading={t.editor.loading}>
        {(data) => data.plan ? <Editor plan={data.plan} accounts={data.viewer.accounts} /> : <p>{t.plan.notFound}</p>}
      </QueryState>
    );
  }
  return (
    <QueryState result={edit} retry={() => refetchEdit({ requestPolicy: 'network-only' })} loading={t.editor.loading}>
      {(data) => data.node?.__typename === 'Objective'
        ? <Editor plan={data.node.plan} accounts={data.viewer.accounts} objective={data.node} />
        : <p>{t.editor.notFound}</p>}
    </QueryState>
  );
}

function Editor({ plan, accounts, objective }: { plan: Plan; accounts: Accounts; objective?: EditObjective }) {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const search = new URLSearchParams(useSearch());
  const catalog = useMetricCatalog();
  const [draft, setDraft] = useState<ObjectiveDraft>(() => objective
    ? { goalId: objective.goal.id, title: objective.title, category: objective.category, framework: objective.framework, startsOn: objective.startsOn, deadline: objective.deadline, keyResults: [] }
    : {
      goalId: search.get('goal') ?? plan.goals[0]?.id ?? '', title: '', category: '', framework: 'SMART',
      startsOn: plan.startsOn > today() ? plan.startsOn : today(), deadline: plan.endsOn, keyResults: [newKeyResult(accounts[0]?.id)],
    });
  const set = <K extends keyof ObjectiveDraft>(field: K, value: ObjectiveDraft[K]) => setDraft((d) => ({ ...d, [field]: value }));

  const saved = useMemo(() => (objective?.keyResults ?? []).map((kr) => ({
    metric: kr.metric, direction: kr.direction, pace: kr.pace, accountId: kr.account?.id, platform: kr.platform ?? undefined,
    baseline: kr.baseline ?? undefined, target: kr.target ?? undefined, targetChangePercent: kr.target == null ? kr.targetChangePercent ?? undefined : undefined,
  })), [objective]);
  const checked = useDebounced(draftInput(draft, saved), 350);
  const [check, recheck] = useQuery({ query: CheckObjectiveQuery, variables: { input: checked } });
  const stale = JSON.stringify(checked) !== JSON.stringify(draftInput(draft, saved));

  const [advice] = useQuery({ query: CategoryAdviceQuery, variables: { category: draft.category || 'AWARENESS' }, pause: !draft.category });
  const recommended = draft.category ? advice.data?.kpiRecommendations.map((m) => m.id) ?? [] : [];

  const [added, addObjective] = useMutation(AddObjective);
  const [updated, updateObjective] = useMutation(UpdateObjective);
  const [krAdded, addKeyResult] = useMutation(AddKeyResult);
  const [saving, setSaving] = useState(false);
  const problem = [added.data?.addObjective, updated.data?.updateObjective, krAdded.data?.addKeyResult]
    .find((p) => p && !p.__typename.endsWith('Success'));
  const requestError = added.error ?? updated.error ?? krAdded.error;
  const planPath = `/plans/${encodeURIComponent(plan.id)}`;

  useEffect(() => {
    if (!objective && !draft.goalId && plan.goals[0]) set('goalId', plan.goals[0].id);
  }, [plan.goals]); // the goal list arrives with the plan

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    try {
      const keyResults = draft.keyResults.filter((kr) => kr.metric).map(keyResultInput);
      if (!objective) {
        const result = await addObjective({
          input: { goalId: draft.goalId, title: draft.title, category: draft.category as Category, framework: draft.framework, startsOn: draft.startsOn, deadline: draft.deadline, keyResults },
        });
        if (result.data?.addObjective.__typename === 'AddObjectiveSuccess') navigate(planPath);
        return;
      }
      const result = await updateObjective({
        input: { id: objective.id, title: draft.title, category: draft.category || undefined, framework: draft.framework, startsOn: draft.startsOn, deadline: draft.deadline },
      });
      if (result.data?.updateObjective.__typename !== 'UpdateObjectiveSuccess') return;
      for (const keyResult of keyResults) {
        const r = await addKeyResult({ input: { objectiveId: objective.id, keyResult } });
        if (r.data?.addKeyResult.__typename !== 'AddKeyResultSuccess') return;
      }
      navigate(planPath);
    } finally {
      setSaving(false);
    }
  };

  const allKeyResults = [
    ...saved.map((kr, i) => ({ key: `saved-${i}`, input: kr, editable: false as const, index: i })),
    ...draft.keyResults.map((kr, i) => ({ key: kr.key, input: keyResultInput(kr), editable: true as const, index: saved.length + i, draft: kr })),
  ];

  const realismOf = (kr: (typeof allKeyResults)[number]) => (
    <RealismPanel
      key={kr.key} planId={plan.id} index={kr.index} metric={catalog.byId.get(kr.input.metric)}
      accountId={kr.input.accountId ?? undefined} platform={kr.input.platform ?? undefined} direction={kr.input.direction}
      baseline={kr.input.baseline ?? undefined} target={kr.input.target ?? undefined} targetChangePercent={kr.input.targetChangePercent ?? undefined}
      startsOn={draft.startsOn} deadline={draft.deadline}
      onApplyDeadline={(deadline) => set('deadline', deadline)}
      onApplyTarget={kr.editable ? (target) => set('keyResults', draft.keyResults.map((k) => (k.key === kr.key ? { ...k, targetMode: 'absolute', target: String(target) } : k))) : undefined}
    />
  );

  return (
    <>
      <nav aria-label={t.app.breadcrumb} className="breadcrumb"><Link href="/">{t.nav.plans}</Link> › <Link href={planPath}>{plan.name}</Link></nav>
      <h1>{objective ? t.editor.editTitle : t.editor.createTitle}</h1>
      <div className="editor">
        <form onSubmit={submit} className="editor-form" aria-labelledby="objective-form">
          <h2 id="objective-form" className="visually-hidden">{t.editor.formTitle}</h2>
          <div className="form-grid">
            <label>{t.editor.goal}
              <select name="goal" value={draft.goalId} onChange={(e) => set('goalId', e.target.value)} disabled={!!objective} required>
                {plan.goals.length === 0 && <option value="">{t.editor.noGoal}</option>}
                {plan.goals.map((g) => <option key={g.id} value={g.id}>{g.title}</option>)}
              </select>
            </label>
            <label>{t.editor.title}<input name="title" required value={draft.title} onChange={(e) => set('title', e.target.value)} /></label>
            <label>{t.editor.category}
              <select name="category" required value={draft.category} onChange={(e) => set('category', e.target.value as Category)}>
                <option value="">{t.editor.chooseCategory}</option>
                {categories.map((c) => <option key={c} value={c}>{t.category[c]}</option>)}
              </select>
            </label>
            <fieldset className="inline-choice">
              <legend>{t.editor.framework}</legend>
              {(['SMART', 'OKR'] as const).map((fw) => (
                <label key={fw}><input type="radio" name="framework" value={fw} checked={draft.framework === fw} onChange={() => set('framework', fw)} /> {t.framework[fw]}</label>
              ))}
            </fieldset>
            <label>{t.editor.startsOn}<input type="date" name="startsOn" required value={draft.startsOn} onChange={(e) => set('startsOn', e.target.value)} /></label>
            <label>{t.editor.deadline}<input type="date" name="deadline" required value={draft.deadline} onChange={(e) => set('deadline', e.target.value)} /></label>
          </div>
          {draft.category && advice.data && advice.data.platformGuidance.length > 0 && (
            <aside className="guidance" aria-labelledby="guidance-title">
              <h3 id="guidance-title">{t.editor.guidance(t.category[draft.category])}</h3>
              <ul>{advice.data.platformGuidance.map((g) => <li key={g.platform}><strong>{t.platform[g.platform]}</strong>: {withoutPrefix(g.note)}</li>)}</ul>
            </aside>
          )}
          {objective && objective.keyResults.length > 0 && (
            <section aria-labelledby="saved-krs">
              <h3 id="saved-krs">{t.editor.savedKeyResults}</h3>
              <ul>{objective.keyResults.map((kr) => (
                <li key={kr.id}>{catalog.byId.get(kr.metric)?.label ?? kr.metric} · {kr.account?.handle ?? (kr.platform ? t.platform[kr.platform] : '')} · {t.direction[kr.direction]} {kr.target ?? (kr.targetChangePercent != null ? `+${kr.targetChangePercent}%` : '')}</li>
              ))}</ul>
            </section>
          )}
          <h3>{objective ? t.editor.newKeyResults : t.editor.keyResults}</h3>
          {draft.keyResults.map((kr, i) => (
            <KeyResultEditor
              key={kr.key} index={saved.length + i} kr={kr} catalog={catalog.list} recommended={recommended} accounts={accounts}
              onChange={(next) => set('keyResults', draft.keyResults.map((k) => (k.key === kr.key ? next : k)))}
              onRemove={() => set('keyResults', draft.keyResults.filter((k) => k.key !== kr.key))}
              realism={realismOf(allKeyResults.find((k) => k.key === kr.key)!)}
            />
          ))}
          <div className="actions">
            <button type="button" onClick={() => set('keyResults', [...draft.keyResults, newKeyResult(accounts[0]?.id)])}>{t.editor.addKeyResult}</button>
          </div>
          {requestError && <ErrorNotice error={requestError} />}
          <PayloadProblem problem={problem} />
          <div className="actions">
            <button type="submit" className="primary" disabled={saving}>{objective ? t.editor.save : t.editor.create}</button>
            <Link href={planPath}>{t.common.cancel}</Link>
          </div>
        </form>
        <div className="editor-side">
          <SmartReportPanel report={check.data?.checkObjective} checking={stale || check.fetching} error={check.error} retry={() => recheck({ requestPolicy: 'network-only' })} />
          {saved.length > 0 && (
            <section className="panel" aria-labelledby="realism-title">
              <h2 id="realism-title">{t.editor.realismTitle}</h2>
              <p className="muted">{t.editor.realismIntro}</p>
              {allKeyResults.filter((kr) => !kr.editable).map(realismOf)}
            </section>
          )}
        </div>
      </div>
    </>
  );
}

const today = () => new Date().toISOString().slice(0, 10);
/** The API's notes start with the platform's name ("Facebook: …"); the list names it already. */
const withoutPrefix = (note: string) => note.replace(/^[^:]{1,20}:\s*/, '');

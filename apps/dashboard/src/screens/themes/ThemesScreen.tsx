import { useState, type FormEvent } from 'react';
import { useViewerRole } from '../../auth/viewerRole.tsx';
import { useMutation, useQuery } from 'urql';
import { Link } from 'wouter';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PayloadProblem } from '../../components/PayloadProblem.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { graphql } from '../../graphql/graphql.ts';
import { useMetricCatalog } from '../../graphql/metricCatalog.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';

const ThemesQuery = graphql(`
  query ObjectiveThemes($id: ID!) {
    node(id: $id) {
      __typename
      ... on Objective {
        id title plan { id name }
        themes {
          id title description
          results { metric value }
          contentItems { id title url publishedOn results { metric value } }
        }
      }
    }
  }
`);
const AddTheme = graphql(`
  mutation AddTheme($input: AddThemeInput!) {
    addTheme(input: $input) { __typename ... on AddThemeSuccess { theme { id } } ... on InputError { message issues { field message } } ... on NotFoundError { message } }
  }
`);
const AddContentItem = graphql(`
  mutation AddContentItem($input: AddContentItemInput!) {
    addContentItem(input: $input) { __typename ... on AddContentItemSuccess { contentItem { id } } ... on InputError { message issues { field message } } ... on NotFoundError { message } }
  }
`);

/** The content themes chosen to serve an objective, each with its items and what they achieved. */
export default function ThemesScreen({ objectiveId }: { objectiveId: string }) {
  const { t, f } = useI18n();
  const { canEdit } = useViewerRole();
  const id = decodeURIComponent(objectiveId);
  const [result, refetch] = useQuery({ query: ThemesQuery, variables: { id } });
  const retry = () => refetch({ requestPolicy: 'network-only' });
  const catalog = useMetricCatalog();
  const results = (list: readonly { metric: string; value: number }[]) => list.length === 0 ? <p className="muted">{t.themes.noResults}</p> : (
    <dl className="facts">
      {list.map((r) => <div key={r.metric}><dt>{catalog.byId.get(r.metric)?.label ?? r.metric}</dt><dd>{f.metric(r.value, catalog.byId.get(r.metric)?.unit)}</dd></div>)}
    </dl>
  );
  return (
    <QueryState result={result} retry={retry} loading={t.themes.loading}>
      {(data) => {
        const objective = data.node?.__typename === 'Objective' ? data.node : null;
        if (!objective) return <EmptyState title={t.editor.notFound} />;
        return (
          <>
            <nav aria-label={t.app.breadcrumb} className="breadcrumb">
              <Link href="/">{t.nav.plans}</Link> › <Link href={`/plans/${encodeURIComponent(objective.plan.id)}`}>{objective.plan.name}</Link>
            </nav>
            <h1>{t.themes.title(objective.title)}</h1>
            <p className="muted">{t.themes.intro}</p>
            {objective.themes.length === 0 && <EmptyState title={t.themes.none}><p>{t.themes.noneHelp}</p></EmptyState>}
            {objective.themes.map((theme) => (
              <section key={theme.id} className="card theme" aria-labelledby={`theme-${theme.id}`}>
                <h2 id={`theme-${theme.id}`}>{theme.title}</h2>
                {theme.description && <p>{theme.description}</p>}
                <h3 className="small-heading">{t.themes.results}</h3>
                {results(theme.results)}
                <h3 className="small-heading">{t.themes.content}</h3>
                {theme.contentItems.length === 0 ? <p className="muted">{t.themes.noContent}</p> : (
                  <ul className="content-items">
                    {theme.contentItems.map((item) => (
                      <li key={item.id}>
                        <p>{item.url ? <a href={item.url} rel="noreferrer noopener" target="_blank">{item.title}</a> : item.title} <span className="muted">{item.publishedOn ? f.day(item.publishedOn) : t.themes.planned}</span></p>
                        {results(item.results)}
                      </li>
                    ))}
                  </ul>
                )}
                {canEdit && <AddContentForm themeId={theme.id} onAdded={retry} />}
              </section>
            ))}
            {canEdit && <AddThemeForm objectiveId={objective.id} onAdded={retry} />}
          </>
        );
      }}
    </QueryState>
  );
}

function AddThemeForm({ objectiveId, onAdded }: { objectiveId: string; onAdded: () => void }) {
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  const [state, add] = useMutation(AddTheme);
  const payload = state.data?.addTheme;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const r = await add({ input: { objectiveId, title } });
    if (r.data?.addTheme.__typename === 'AddThemeSuccess') { setTitle(''); onAdded(); }
  };
  return (
    <section className="panel" aria-labelledby="add-theme">
      <h2 id="add-theme">{t.themes.add}</h2>
      <form onSubmit={submit} className="form-grid">
        <label>{t.themes.themeTitle}<input name="themeTitle" required value={title} onChange={(e) => setTitle(e.target.value)} /></label>
        <div className="actions"><button type="submit" className="primary" disabled={state.fetching}>{t.themes.addButton}</button></div>
      </form>
      {state.error && <ErrorNotice error={state.error} />}
      {payload && payload.__typename !== 'AddThemeSuccess' && <PayloadProblem problem={payload} />}
    </section>
  );
}

function AddContentForm({ themeId, onAdded }: { themeId: string; onAdded: () => void }) {
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  const [url, setUrl] = useState('');
  const [state, add] = useMutation(AddContentItem);
  const payload = state.data?.addContentItem;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const r = await add({ input: { themeId, title, url: url || undefined } });
    if (r.data?.addContentItem.__typename === 'AddContentItemSuccess') { setTitle(''); setUrl(''); onAdded(); }
  };
  return (
    <form onSubmit={submit} className="form-grid inline-form" aria-label={t.themes.addContent}>
      <label>{t.themes.contentTitle}<input name="contentTitle" required value={title} onChange={(e) => setTitle(e.target.value)} /></label>
      <label>{t.themes.url}<input name="url" type="url" value={url} onChange={(e) => setUrl(e.target.value)} /></label>
      <div className="actions"><button type="submit" disabled={state.fetching}>{t.themes.addContent}</button></div>
      {state.error && <ErrorNotice error={state.error} />}
      {payload && payload.__typename !== 'AddContentItemSuccess' && <PayloadProblem problem={payload} />}
    </form>
  );
}

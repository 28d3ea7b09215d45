import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { useViewerRole } from '../../auth/viewerRole.tsx';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { OneTimeSecret } from '../../components/OneTimeSecret.tsx';
import { PayloadProblem } from '../../components/PayloadProblem.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { graphql, type ResultOf } from '../../graphql/graphql.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';

const kinds = ['WEBHOOK', 'SLACK', 'EMAIL'] as const;
const events = ['ALERT_RAISED', 'ALERT_RESOLVED', 'STATUS_CHANGED', 'WEEKLY_DIGEST'] as const;
const severities = ['INFO', 'WARNING', 'CRITICAL'] as const;
type Kind = (typeof kinds)[number];
type Event = (typeof events)[number];
type Severity = (typeof severities)[number];

const Channels = graphql(`
  query NotificationChannels {
    notificationChannels {
      id name kind enabled events minSeverity urlHost emails failingSince disabledReason createdAt
      plans { id name }
      deliveries(first: 20) { edges { node { id event status attempts lastStatusCode lastError createdAt deliveredAt nextAttemptAt test } } }
    }
    plans(first: 100) { edges { node { id name } } }
  }
`);
type Channel = ResultOf<typeof Channels>['notificationChannels'][number];


const AddChannel = graphql(`
  mutation AddNotificationChannel($input: AddNotificationChannelInput!) {
    addNotificationChannel(input: $input) {
      __typename
      ... on AddNotificationChannelSuccess { secret channel { id name } }
      ... on InputError { message issues { field message } }
      ... on Error { message }
    }
  }
`);

const TestChannel = graphql(`
  mutation TestNotificationChannel($id: ID!) {
    testNotificationChannel(id: $id) {
      __typename
      ... on TestNotificationChannelSuccess { delivery { id status } }
      ... on InputError { message issues { field message } }
      ... on Error { message }
    }
  }
`);

const ReplayDelivery = graphql(`
  mutation ReplayDelivery($id: ID!) {
    replayDelivery(id: $id) {
      __typename
      ... on ReplayDeliverySuccess { delivery { id status } }
      ... on InputError { message issues { field message } }
      ... on Error { message }
    }
  }
`);

const UpdateChannel = graphql(`
  mutation UpdateNotificationChannel($input: UpdateNotificationChannelInput!) {
    updateNotificationChannel(input: $input) {
      __typename
      ... on UpdateNotificationChannelSuccess { channel { id enabled } }
      ... on InputError { message issues { field message } }
      ... on Error { message }
    }
  }
`);

const RemoveChannel = graphql(`
  mutation RemoveNotificationChannel($id: ID!) {
    removeNotificationChannel(id: $id) { __typename ... on InputError { message issues { field message } } ... on Error { message } }
  }
`);

/** Where alerts are told: webhooks (signed), Slack, email; each with its events, minimum severity, plans and delivery log. */
export function NotificationChannelsSection() {
  const { t } = useI18n();
  const { canEdit } = useViewerRole();
  const [result, refetch] = useQuery({ query: Channels, requestPolicy: 'cache-and-network' });
  const retry = () => refetch({ requestPolicy: 'network-only' });
  return (
    <section aria-labelledby="channels-title">
      <h2 id="channels-title">{t.team.section.notifications}</h2>
      <p className="muted">{t.channels.intro}</p>
      <QueryState result={result} retry={retry} loading={t.common.loading}>
        {(data) => (
          <>
            {data.notificationChannels.length === 0 && <p className="muted">{t.channels.none}</p>}
            {data.notificationChannels.map((c) => <ChannelCard key={c.id} channel={c} canEdit={canEdit} changed={retry} />)}
            {canEdit && <AddChannelForm plans={data.plans.edges.map((e) => e.node)} added={retry} />}
          </>
        )}
      </QueryState>
    </section>
  );
}

function ChannelCard({ channel: c, canEdit, changed }: { channel: Channel; canEdit: boolean; changed: () => void }) {
  const { t, f } = useI18n();
  const [tested, test] = useMutation(TestChannel);
  const [replayed, replay] = useMutation(ReplayDelivery);
  const [updated, update] = useMutation(UpdateChannel);
  const [removed, remove] = useMutation(RemoveChannel);
  const problems = [tested.data?.testNotificationChannel, replayed.data?.replayDelivery, updated.data?.updateNotificationChannel, removed.data?.removeNotificationChannel]
    .filter((p) => p && !p.__typename.endsWith('Success'));
  const error = tested.error ?? replayed.error ?? updated.error ?? removed.error;
  const deliveries = c.deliveries.edges.map((e) => e.node);
  return (
    <article className="panel channel" data-testid="channel" aria-labelledby={`channel-${c.id}`}>
      <h3 id={`channel-${c.id}`}>{c.name} <span className="muted">· {t.channels.kind[c.kind]}</span></h3>
      <dl className="facts">
        <div><dt>{t.channels.destination}</dt><dd>{c.kind === 'EMAIL' ? f.list([...c.emails]) : c.urlHost ?? '—'}</dd></div>
        <div><dt>{t.channels.events}</dt><dd>{f.list(c.events.map((e) => t.channels.event[e]))}</dd></div>
        <div><dt>{t.channels.minSeverity}</dt><dd>{t.severity[c.minSeverity]}</dd></div>
        <div><dt>{t.channels.plans}</dt><dd>{c.plans.length === 0 ? t.channels.everyPlan : f.list(c.plans.map((p) => p.name))}</dd></div>
        <div><dt>{t.channels.state}</dt><dd>{c.enabled ? t.channels.enabled : t.channels.disabled}{c.disabledReason && ` — ${c.disabledReason}`}{c.failingSince && ` · ${t.channels.failingSince(f.instant(c.failingSince))}`}</dd></div>
      </dl>
      {canEdit && (
        <div className="actions">
          <button type="button" disabled={tested.fetching} onClick={() => void test({ id: c.id }).then(changed)}>{t.channels.test}</button>
          <button type="button" disabled={updated.fetching} onClick={() => void update({ input: { id: c.id, enabled: !c.enabled } }).then(changed)}>
            {c.enabled ? t.channels.disable : t.channels.enable}
          </button>
          <ConfirmButton question={t.channels.confirmRemove(c.name)} confirm={t.channels.remove} onConfirm={() => void remove({ id: c.id }).then(changed)}>{t.channels.remove}</ConfirmButton>
        </div>
      )}
      {tested.data?.testNotificationChannel.__typename === 'TestNotificationChannelSuccess' && <p role="status">{t.channels.testQueued}</p>}
      {problems.map((p, i) => <PayloadProblem key={i} problem={p} />)}
      {error && <ErrorNotice error={error} />}
      <details className="audit">
        <summary>{t.channels.deliveries(deliveries.length)}</summary>
        {deliveries.length === 0 ? <p className="muted">{t.channels.noDeliveries}</p> : (
          <div className="table-scroll">
            <table className="table">
              <thead><tr><th scope="col">{t.channels.when}</th><th scope="col">{t.channels.eventColumn}</th><th scope="col">{t.channels.status}</th><th scope="col">{t.channels.attempts}</th><th scope="col">{t.channels.lastError}</th>{canEdit && <th scope="col"><span className="visually-hidden">{t.team.actions}</span></th>}</tr></thead>
              <tbody>
                {deliveries.map((d) => (
                  <tr key={d.id} data-testid="delivery">
                    <td>{f.instant(d.createdAt)}{d.test && <span className="muted"> · {t.channels.testDelivery}</span>}</td>
                    <td>{t.channels.event[d.event]}</td>
                    <td>{t.channels.deliveryStatus[d.status]}{d.lastStatusCode !== null && ` (${d.lastStatusCode})`}</td>
                    <td>{d.attempts}</td>
                    <td>{d.lastError ?? '—'}</td>
                    {canEdit && <td><button type="button" disabled={replayed.fetching} onClick={() => void replay({ id: d.id }).then(changed)}>{t.channels.replay}</button></td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </details>
    </article>
  );
}

function AddChannelForm({ plans, added }: { plans: readonly { id: string; name: string }[]; added: () => void }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<Kind>('WEBHOOK');
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [emails, setEmails] = useState('');
  const [chosenEvents, setChosenEvents] = useState<Event[]>(['ALERT_RAISED', 'ALERT_RESOLVED']);
  const [minSeverity, setMinSeverity] = useState<Severity>('WARNING');
  const [planIds, setPlanIds] = useState<string[]>([]);
  const [state, add] = useMutation(AddChannel);
  const answer = state.data?.addNotificationChannel;
  const toggle = <T,>(list: T[], value: T) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const r = await add({
      input: {
        kind, name, events: chosenEvents, minSeverity, planIds,
        ...(kind === 'EMAIL' ? { emails: emails.split(/[\s,;]+/).filter(Boolean) } : { url }),
      },
    });
    if (r.data?.addNotificationChannel.__typename === 'AddNotificationChannelSuccess') {
      setName('');
      setUrl('');
      setEmails('');
      added();
    }
  };
  return (
    <section className="panel" aria-labelledby="add-channel">
      <h3 id="add-channel">{t.channels.add}</h3>
      <form onSubmit={submit} className="form-grid">
        <label>{t.channels.kindLabel}
          <select name="channelKind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {kinds.map((k) => <option key={k} value={k}>{t.channels.kind[k]}</option>)}
          </select>
        </label>
        <label>{t.channels.name}<input name="channelName" required value={name} onChange={(e) => setName(e.target.value)} /></label>
        {kind === 'EMAIL' ? (
          <label>{t.channels.emails}<input name="channelEmails" required value={emails} onChange={(e) => setEmails(e.target.value)} /></label>
        ) : (
          <label>{kind === 'SLACK' ? t.channels.slackUrl : t.channels.url}<input name="channelUrl" type="url" required value={url} onChange={(e) => setUrl(e.target.value)} /></label>
        )}
        <fieldset>
          <legend>{t.channels.events}</legend>
          {events.map((e) => (
            <label key={e} className="check"><input type="checkbox" checked={chosenEvents.includes(e)} onChange={() => setChosenEvents(toggle(chosenEvents, e))} /> {t.channels.event[e]}</label>
          ))}
        </fieldset>
        <label>{t.channels.minSeverity}
          <select name="channelSeverity" value={minSeverity} onChange={(e) => setMinSeverity(e.target.value as Severity)}>
            {severities.map((s) => <option key={s} value={s}>{t.severity[s]}</option>)}
          </select>
        </label>
        <fieldset>
          <legend>{t.channels.plans}</legend>
          <p className="muted">{t.channels.plansHelp}</p>
          {plans.map((p) => (
            <label key={p.id} className="check"><input type="checkbox" checked={planIds.includes(p.id)} onChange={() => setPlanIds(toggle(planIds, p.id))} /> {p.name}</label>
          ))}
        </fieldset>
        <div className="actions"><button type="submit" className="primary" disabled={state.fetching}>{t.channels.addButton}</button></div>
      </form>
      {state.error && <ErrorNotice error={state.error} />}
      {answer && answer.__typename !== 'AddNotificationChannelSuccess' && <PayloadProblem problem={answer} />}
      {answer?.__typename === 'AddNotificationChannelSuccess' && answer.secret && (
        <OneTimeSecret label={t.channels.secret(answer.channel.name)} value={answer.secret} testId="channel-secret"><p className="muted">{t.channels.secretHelp}</p></OneTimeSecret>
      )}
    </section>
  );
}

import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PayloadProblem } from '../../components/PayloadProblem.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { graphql } from '../../graphql/graphql.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';

const notificationEvents = ['ALERT_RAISED', 'ALERT_RESOLVED', 'STATUS_CHANGED', 'WEEKLY_DIGEST'] as const;
type NotificationEvent = (typeof notificationEvents)[number];

const EmailEvents = graphql(`
  query EmailEvents { viewer { emailEvents } }
`);

const UpdateEmailPreferences = graphql(`
  mutation UpdateEmailPreferences($input: UpdateEmailPreferencesInput!) {
    updateEmailPreferences(input: $input) {
      __typename
      ... on UpdateEmailPreferencesSuccess { emailEvents }
      ... on InputError { message issues { field message } }
      ... on Error { message }
    }
  }
`);

/**
 * Which kinds of this workspace's e-mail the person gets (the unsubscribe fallback link lands here).
 * Ticked kinds are the ones received; saving sends the whole set.
 */
export function EmailPreferencesSection({ workspaceName }: { workspaceName: string }) {
  const { t } = useI18n();
  const [result, refetch] = useQuery({ query: EmailEvents, requestPolicy: 'network-only' });
  const [state, update] = useMutation(UpdateEmailPreferences);
  const [chosen, setChosen] = useState<ReadonlySet<NotificationEvent> | null>(null);
  const saved = result.data?.viewer.emailEvents;
  useEffect(() => {
    if (saved) setChosen(new Set(saved));
  }, [saved]);
  const answer = state.data?.updateEmailPreferences;
  const toggle = (event: NotificationEvent, on: boolean) => {
    const next = new Set(chosen ?? []);
    if (on) next.add(event);
    else next.delete(event);
    setChosen(next);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await update({ input: { events: notificationEvents.filter((ev) => chosen?.has(ev)) } });
    const payload = r.data?.updateEmailPreferences;
    if (payload?.__typename === 'UpdateEmailPreferencesSuccess') setChosen(new Set(payload.emailEvents));
  };
  return (
    <section aria-labelledby="email-title">
      <h2 id="email-title">{t.account.section.email}</h2>
      <p className="muted">{t.account.emailIntro(workspaceName)}</p>
      <QueryState result={result} retry={() => refetch({ requestPolicy: 'network-only' })} loading={t.common.loading}>
        {() => chosen && (
          <form onSubmit={submit} className="panel" data-testid="email-preferences">
            <fieldset>
              <legend>{t.account.emailEvents}</legend>
              {notificationEvents.map((ev) => (
                <label key={ev} className="check">
                  <input type="checkbox" name="emailEvent" value={ev} checked={chosen.has(ev)} onChange={(e) => toggle(ev, e.target.checked)} />
                  {' '}{t.channels.event[ev]}
                </label>
              ))}
            </fieldset>
            {chosen.size === 0 && <p className="muted">{t.account.emailNone}</p>}
            <div className="actions"><button type="submit" className="primary" disabled={state.fetching}>{t.account.saveEmail}</button></div>
          </form>
        )}
      </QueryState>
      {state.error && <ErrorNotice error={state.error} />}
      {answer && answer.__typename !== 'UpdateEmailPreferencesSuccess' && <PayloadProblem problem={answer} />}
      {answer?.__typename === 'UpdateEmailPreferencesSuccess' && !state.fetching && <p className="notice notice-ok" role="status" data-testid="email-saved">{t.account.emailSaved}</p>}
    </section>
  );
}

import { useId, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PayloadProblem } from '../../components/PayloadProblem.tsx';
import { graphql } from '../../graphql/graphql.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';

const CheckIn = graphql(`
  mutation CheckIn($input: CheckInInput!) {
    checkIn(input: $input) {
      __typename
      ... on CheckInSuccess { checkIn { id confidence note createdAt keyResult { id checkInOverdue latestCheckIn { id confidence note createdAt } } } }
      ... on InputError { message issues { field message } }
      ... on Error { message }
    }
  }
`);

/** The owner's (or any editor's) word on a key result: how confident, from 1 to 10, and why. */
export function CheckInForm({ keyResultId }: { keyResultId: string }) {
  const { t } = useI18n();
  const id = useId();
  const [confidence, setConfidence] = useState('7');
  const [note, setNote] = useState('');
  const [state, checkIn] = useMutation(CheckIn);
  const answer = state.data?.checkIn;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await checkIn({ input: { keyResultId, confidence: Number(confidence), note: note.trim() || null } });
    if (result.data?.checkIn.__typename === 'CheckInSuccess') setNote('');
  };
  return (
    <details className="check-in">
      <summary>{t.keyResult.checkIn}</summary>
      <form onSubmit={submit} className="form-grid inline-form" data-testid="check-in-form">
        <label htmlFor={`${id}-confidence`}>{t.keyResult.confidence}</label>
        <input id={`${id}-confidence`} name="confidence" type="number" min={1} max={10} step={1} required value={confidence} onChange={(e) => setConfidence(e.target.value)} />
        <label htmlFor={`${id}-note`}>{t.keyResult.note}</label>
        <input id={`${id}-note`} name="note" value={note} onChange={(e) => setNote(e.target.value)} />
        <div className="actions"><button type="submit" disabled={state.fetching}>{t.keyResult.saveCheckIn}</button></div>
      </form>
      {answer?.__typename === 'CheckInSuccess' && <p role="status">{t.keyResult.checkInSaved}</p>}
      {answer && answer.__typename !== 'CheckInSuccess' && <PayloadProblem problem={answer} />}
      {state.error && <ErrorNotice error={state.error} />}
    </details>
  );
}

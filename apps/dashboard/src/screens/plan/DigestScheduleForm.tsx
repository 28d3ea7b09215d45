import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PayloadProblem } from '../../components/PayloadProblem.tsx';
import { graphql } from '../../graphql/graphql.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { hourText, timeZoneChoices, weekdayName, weekdays, type Weekday } from './digestCalendar.ts';

const UpdateDigestSchedule = graphql(`
  mutation UpdateDigestSchedule($input: UpdatePlanInput!) {
    updatePlan(input: $input) {
      __typename
      ... on UpdatePlanSuccess { plan { id digestSchedule { weekday hour timeZone enabled } } }
      ... on InputError { message issues { field message } }
      ... on Error { message }
    }
  }
`);

export interface DigestScheduleValue { weekday: Weekday; hour: number; timeZone: string; enabled: boolean }

/** The digest's weekday, hour and time zone, saved with updatePlan (EDITOR and OWNER only). */
export function DigestScheduleForm({ planId, schedule, onSaving, onSaved }: { planId: string; schedule: DigestScheduleValue; onSaving: () => void; onSaved: () => void }) {
  const { t, locale } = useI18n();
  // Only the input's fields: the query's answer also carries urql's __typename, which no input takes.
  const [draft, setDraft] = useState<DigestScheduleValue>({ weekday: schedule.weekday, hour: schedule.hour, timeZone: schedule.timeZone, enabled: schedule.enabled });
  const [state, save] = useMutation(UpdateDigestSchedule);
  const answer = state.data?.updatePlan;
  const zones = timeZoneChoices(schedule.timeZone);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    onSaving();
    const r = await save({ input: { id: planId, digestSchedule: draft } });
    if (r.data?.updatePlan.__typename === 'UpdatePlanSuccess') onSaved();
  };
  return (
    <form onSubmit={submit} className="panel" data-testid="digest-schedule-form">
      <h3 id="digest-schedule">{t.digest.schedule}</h3>
      <div className="form-grid">
        <label>{t.digest.weekday}
          <select name="digestWeekday" value={draft.weekday} onChange={(e) => setDraft({ ...draft, weekday: e.target.value as Weekday })}>
            {weekdays.map((d) => <option key={d} value={d}>{weekdayName(d, locale)}</option>)}
          </select>
        </label>
        <label>{t.digest.hour}
          <select name="digestHour" value={draft.hour} onChange={(e) => setDraft({ ...draft, hour: Number(e.target.value) })}>
            {Array.from({ length: 24 }, (_, h) => <option key={h} value={h}>{hourText(h)}</option>)}
          </select>
        </label>
        <label>{t.digest.timeZone}
          <select name="digestTimeZone" value={draft.timeZone} onChange={(e) => setDraft({ ...draft, timeZone: e.target.value })}>
            {zones.map((z) => <option key={z} value={z}>{z.replace(/_/g, ' ')}</option>)}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" name="digestEnabled" checked={draft.enabled} onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })} />
          {t.digest.enabled}
        </label>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={state.fetching}>{t.digest.saveSchedule}</button>
      </div>
      {state.error && <ErrorNotice error={state.error} />}
      {answer && answer.__typename !== 'UpdatePlanSuccess' && <PayloadProblem problem={answer} />}
    </form>
  );
}

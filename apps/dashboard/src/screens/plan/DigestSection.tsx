import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useViewerRole } from '../../auth/viewerRole.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PayloadProblem } from '../../components/PayloadProblem.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { graphql } from '../../graphql/graphql.ts';
import { useMetricCatalog } from '../../graphql/metricCatalog.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { hourText, weekdayName } from './digestCalendar.ts';
import { DigestFields, DigestPreview } from './DigestPreview.tsx';
import { DigestScheduleForm } from './DigestScheduleForm.tsx';

const PlanDigest = graphql(`
  query PlanDigest($id: ID!, $weekOf: Date) {
    plan(id: $id) { id digestSchedule { weekday hour timeZone enabled } digest(weekOf: $weekOf) { ...DigestFields } }
  }
`, [DigestFields]);

const SendPlanDigest = graphql(`
  mutation SendPlanDigest($id: ID!, $weekOf: Date) {
    sendPlanDigest(id: $id, weekOf: $weekOf) {
      __typename
      ... on SendPlanDigestSuccess { isoWeek queued }
      ... on InputError { message issues { field message rule } }
      ... on Error { message }
    }
  }
`);

/**
 * The plan's weekly digest: when it goes out (editable by EDITOR and OWNER), the preview of a week
 * (this one unless a day is picked) and "send now", whose answer says sent, already sent, or not begun.
 */
export function DigestSection({ planId }: { planId: string }) {
  const { t, locale } = useI18n();
  const { canEdit } = useViewerRole();
  const catalog = useMetricCatalog();
  const [weekOf, setWeekOf] = useState('');
  // Kept here, not in the form: a saved schedule changes the form's key, which remounts it.
  const [saved, setSaved] = useState(false);
  const [result, refetch] = useQuery({ query: PlanDigest, variables: { id: planId, weekOf: weekOf || null }, requestPolicy: 'cache-and-network' });
  const retry = () => refetch({ requestPolicy: 'network-only' });
  const [sent, send] = useMutation(SendPlanDigest);
  const answer = sent.data?.sendPlanDigest;
  const notBegun = answer?.__typename === 'InputError' && answer.issues.some((i) => i.rule === 'not-future');
  return (
    <section aria-labelledby="plan-digest" data-testid="plan-digest">
      <h2 id="plan-digest">{t.digest.title}</h2>
      <p className="muted">{t.digest.intro}</p>
      <QueryState result={result} retry={retry} loading={t.common.loading}>
        {(data) => {
          const plan = data.plan;
          if (!plan) return null;
          const s = plan.digestSchedule;
          return (
            <>
              <p data-testid="digest-schedule">
                {s.enabled ? t.digest.scheduleText(weekdayName(s.weekday, locale), hourText(s.hour), s.timeZone.replace(/_/g, ' ')) : t.digest.off}
              </p>
              {saved && <p role="status" data-testid="digest-schedule-saved">{t.digest.scheduleSaved}</p>}
              {canEdit && (
                <DigestScheduleForm
                  key={`${s.weekday}-${s.hour}-${s.timeZone}-${s.enabled}`}
                  planId={plan.id}
                  schedule={s}
                  onSaving={() => setSaved(false)}
                  onSaved={() => { setSaved(true); retry(); }}
                />
              )}
              <div className="actions">
                <label>{t.digest.weekOf}
                  <input type="date" name="digestWeekOf" value={weekOf} onChange={(e) => setWeekOf(e.target.value)} />
                </label>
                {canEdit && (
                  <button type="button" disabled={sent.fetching} onClick={() => void send({ id: plan.id, weekOf: weekOf || null })}>{t.digest.sendNow}</button>
                )}
              </div>
              {sent.error && <ErrorNotice error={sent.error} />}
              <div aria-live="polite" data-testid="digest-send-answer">
                {answer?.__typename === 'SendPlanDigestSuccess' && (
                  <p className={`notice ${answer.queued ? 'notice-ok' : 'notice-warn'}`} role="status">
                    {answer.queued ? t.digest.sent(answer.isoWeek) : t.digest.alreadySent(answer.isoWeek)}
                  </p>
                )}
                {notBegun && <p className="notice notice-warn" role="status">{t.digest.notBegun}</p>}
              </div>
              {answer && answer.__typename !== 'SendPlanDigestSuccess' && !notBegun && <PayloadProblem problem={answer} />}
              {plan.digest ? <DigestPreview digest={plan.digest} catalog={catalog.byId} /> : <EmptyState title={t.digest.noDigest} />}
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

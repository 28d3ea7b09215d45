import type { MetricDefinition } from '../../graphql/metricCatalog.ts';
import type { ResultOf } from '../../graphql/graphql.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { graphql } from '../../graphql/graphql.ts';

export const DigestFields = graphql(`
  fragment DigestFields on Digest {
    weekOf isoWeek from to
    counts { objectives keyResults onTrack atRisk offTrack achieved }
    statusChanges { subject subjectId title objectiveTitle from to on }
    needsAttention { keyResultId objectiveTitle metric status current target realisticTarget forecast { value low high } }
    achieved { keyResultId objectiveTitle metric status current target }
    checkIns { keyResultId objectiveTitle metric at confidence note author }
    budget { currency budget spentToDate spentThisWeek plannedToDate }
    dataProblems { kind subjectId message }
  }
`);

type Digest = ResultOf<typeof DigestFields>;

/** One week's digest as the channels receive it: counts, then each part with its own empty line. */
export function DigestPreview({ digest, catalog }: { digest: Digest; catalog: ReadonlyMap<string, MetricDefinition> }) {
  const { t, f } = useI18n();
  const metric = (id: string) => catalog.get(id)?.label ?? id;
  const unit = (id: string) => catalog.get(id)?.unit;
  const c = digest.counts;
  return (
    <article className="panel" aria-labelledby="digest-preview-title" data-testid="digest-preview">
      <h3 id="digest-preview-title">{t.digest.previewTitle(digest.isoWeek)}</h3>
      <p className="muted">{t.digest.covers(f.instant(digest.from), f.instant(digest.to))}</p>
      <p>{t.digest.counts(c.objectives, c.keyResults)}</p>
      <ul className="digest-counts">
        <li><StatusBadge status="ON_TRACK" /> {f.number(c.onTrack)}</li>
        <li><StatusBadge status="AT_RISK" /> {f.number(c.atRisk)}</li>
        <li><StatusBadge status="OFF_TRACK" /> {f.number(c.offTrack)}</li>
        <li><StatusBadge status="ACHIEVED" /> {f.number(c.achieved)}</li>
      </ul>

      <h4>{t.digest.needsAttention}</h4>
      {digest.needsAttention.length === 0 ? <p className="muted">{t.digest.noNeedsAttention}</p> : (
        <ul className="digest-list" data-testid="digest-needs-attention">
          {digest.needsAttention.map((k) => (
            <li key={k.keyResultId}>
              <StatusBadge status={k.status} /> <strong>{k.objectiveTitle}</strong> · {metric(k.metric)}: {t.digest.currentOfTarget(f.metric(k.current, unit(k.metric)), f.metric(k.target, unit(k.metric)))}
              {k.forecast && <>; {t.digest.forecast(f.metric(k.forecast.value, unit(k.metric)), f.metric(k.forecast.low, unit(k.metric)), f.metric(k.forecast.high, unit(k.metric)))}</>}
              {k.realisticTarget !== null && <>; {t.digest.realistic(f.metric(k.realisticTarget, unit(k.metric)))}</>}
            </li>
          ))}
        </ul>
      )}

      <h4>{t.digest.statusChanges}</h4>
      {digest.statusChanges.length === 0 ? <p className="muted">{t.digest.noStatusChanges}</p> : (
        <ul className="digest-list">
          {digest.statusChanges.map((s, i) => (
            <li key={`${s.subjectId}-${i}`}>
              <strong>{s.subject === 'KEY_RESULT' ? `${s.objectiveTitle} · ${metric(s.title)}` : s.title}</strong>: {t.status[s.from]} → {t.status[s.to]}{s.on && ` (${f.day(s.on)})`}
            </li>
          ))}
        </ul>
      )}

      <h4>{t.digest.achieved}</h4>
      {digest.achieved.length === 0 ? <p className="muted">{t.digest.noAchieved}</p> : (
        <ul className="digest-list">
          {digest.achieved.map((k) => (
            <li key={k.keyResultId}><StatusBadge status={k.status} /> <strong>{k.objectiveTitle}</strong> · {metric(k.metric)}: {t.digest.currentOfTarget(f.metric(k.current, unit(k.metric)), f.metric(k.target, unit(k.metric)))}</li>
          ))}
        </ul>
      )}

      <h4>{t.digest.checkIns}</h4>
      {digest.checkIns.length === 0 ? <p className="muted">{t.digest.noCheckIns}</p> : (
        <ul className="digest-list">
          {digest.checkIns.map((ci) => (
            <li key={`${ci.keyResultId}-${ci.at}`}>
              <strong>{ci.objectiveTitle}</strong> · {metric(ci.metric)}: {t.digest.confidence(ci.confidence)}, {f.instant(ci.at)}{ci.author && ` · ${ci.author}`}
              {ci.note && <span className="check-in-note">{ci.note}</span>}
            </li>
          ))}
        </ul>
      )}

      <h4>{t.digest.budget}</h4>
      {digest.budget.length === 0 ? <p className="muted">{t.digest.noBudget}</p> : (
        <ul className="digest-list">
          {digest.budget.map((b) => (
            <li key={b.currency}>{t.digest.spent(f.money(b.spentToDate, b.currency), f.money(b.plannedToDate, b.currency), f.money(b.budget, b.currency))}</li>
          ))}
        </ul>
      )}

      <h4>{t.digest.dataProblems}</h4>
      {digest.dataProblems.length === 0 ? <p className="muted">{t.digest.noDataProblems}</p> : (
        <ul className="digest-list">
          {digest.dataProblems.map((p) => <li key={`${p.kind}-${p.subjectId}`}>{p.message}</li>)}
        </ul>
      )}
    </article>
  );
}

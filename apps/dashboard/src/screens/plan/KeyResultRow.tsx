import { lazy, Suspense, useMemo } from 'react';
import { Link } from 'wouter';
import type { ResultOf } from '../../graphql/graphql.ts';
import type { KeyResultFields } from '../../graphql/keyResultFields.ts';
import type { MetricDefinition } from '../../graphql/metricCatalog.ts';
import { chartInputOf } from '../../chart/chartInputOf.ts';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useViewerRole } from '../../auth/viewerRole.tsx';
import { CheckInForm } from './CheckInForm.tsx';
import { freshnessOf } from './freshness.ts';
import { ownerName } from './ownerName.ts';
import { keyResultPath } from '../keyResult/keyResultPath.ts';

// Fetched as soon as the plan page is, in parallel with the plan's query rather than after it.
const chartModule = import('../../chart/KeyResultChart.tsx');
const KeyResultChart = lazy(() => chartModule);

type KeyResult = ResultOf<typeof KeyResultFields>;

export function KeyResultRow(props: {
  kr: KeyResult;
  objective: { id: string; startsOn: string; deadline: string };
  metric: MetricDefinition | undefined;
  today: string;
  staleAfterDays: number;
  ownerNames: Map<string, string>;
}) {
  const { kr, metric, today } = props;
  const { t, f } = useI18n();
  const { canEdit } = useViewerRole();
  const unit = metric?.unit;
  const label = metric?.label ?? kr.metric;
  const scope = kr.account ? `${kr.account.handle} (${t.platform[kr.account.platform]})` : kr.platform ? t.keyResult.allOf(t.platform[kr.platform]) : '—';
  const fresh = freshnessOf(kr.series, today, props.staleAfterDays);
  const deprecations = kr.sourceDeprecations;
  const needsReauth = kr.account?.status === 'NEEDS_REAUTH';
  const { startsOn, deadline } = props.objective;
  const chartInput = useMemo(() => chartInputOf(kr, { startsOn, deadline }, today), [kr, startsOn, deadline, today]);
  return (
    <li className="kr" data-testid="key-result">
      <div className="kr-head">
        <h4><Link href={keyResultPath(props.objective.id, kr.id)}>{label}</Link> <span className="muted">· {scope}</span></h4>
        <StatusBadge status={kr.status} />
      </div>
      <ProgressBar progress={kr.progress ?? null} expected={kr.expectedProgress ?? null} status={kr.status} />
      <dl className="facts">
        <div><dt>{t.keyResult.currentTarget}</dt><dd data-testid="kr-current">{f.metric(kr.current, unit)} / {f.metric(kr.target, unit)}</dd></div>
        <div>
          <dt>{t.keyResult.forecast}</dt>
          <dd>{kr.forecast ? t.keyResult.forecastValue(f.metric(kr.forecast.value, unit), f.metric(kr.forecast.low, unit), f.metric(kr.forecast.high, unit), f.share(kr.forecast.confidence)) : t.keyResult.noForecast}</dd>
        </div>
        <div><dt>{t.objective.owner}</dt><dd data-testid="kr-owner">{ownerName(props.ownerNames, kr.ownerId, t.objective.noOwner)}</dd></div>
        <div>
          <dt>{t.keyResult.latestCheckIn}</dt>
          <dd data-testid="kr-check-in">
            {kr.latestCheckIn ? t.keyResult.checkInValue(kr.latestCheckIn.confidence, f.day(kr.latestCheckIn.createdAt)) : t.keyResult.noCheckIn}
            {kr.latestCheckIn?.note && <q className="check-in-note">{kr.latestCheckIn.note}</q>}
            {kr.checkInOverdue && <span className="flag flag-warn" data-testid="check-in-overdue"><span aria-hidden="true">⏰</span> {t.keyResult.checkInOverdue}</span>}
          </dd>
        </div>
        <div>
          <dt>{t.keyResult.freshness}</dt>
          <dd>
            {fresh.lastDay ? t.keyResult.dataUpTo(f.day(fresh.lastDay), fresh.ageDays ?? 0) : t.keyResult.noDataYet}
            {fresh.stale && <span className="flag flag-warn"><span aria-hidden="true">⚠</span> {t.keyResult.stale}</span>}
          </dd>
        </div>
      </dl>
      {deprecations.length > 0 && (
        <ul className="flags">
          {deprecations.map((d) => (
            <li key={`${d.platform}-${d.platformMetric}`} className="flag flag-warn">
              <span aria-hidden="true">⚠</span> {t.keyResult.deprecated(t.platform[d.platform], d.platformMetric, f.day(d.deprecatedOn), d.inEffect)} {d.advice}
            </li>
          ))}
        </ul>
      )}
      {needsReauth && (
        <p className="flag flag-error">
          <span aria-hidden="true">⚠</span> {t.keyResult.needsReauth(kr.account!.handle)} <Link href="/accounts">{t.accounts.reconnect}</Link>
        </p>
      )}
      {canEdit && <CheckInForm keyResultId={kr.id} />}
      <Suspense fallback={<div className="chart-placeholder" aria-hidden="true" />}>
        <KeyResultChart input={chartInput} unit={unit} label={label} compact />
      </Suspense>
    </li>
  );
}

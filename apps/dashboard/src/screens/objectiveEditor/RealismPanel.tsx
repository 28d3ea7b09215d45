import { addDays, daysBetween, realism, realisticFix, resolveTarget } from '@goalpost/domain';
import { useQuery } from 'urql';
import { graphql } from '../../graphql/graphql.ts';
import type { MetricDefinition } from '../../graphql/metricCatalog.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { Direction, Platform } from './objectiveDraft.ts';

const AccountHistory = graphql(`
  query AccountHistory($id: ID!, $asOf: Date!) {
    node(id: $id) { __typename ... on SocialAccount { audit(asOf: $asOf) { metric current fourWeeklyRate historyDays } } }
  }
`);
const PlatformHistory = graphql(`
  query PlatformHistory($planId: ID!, $asOf: Date!, $platform: Platform!) {
    plan(id: $planId) { audit(asOf: $asOf, platform: $platform) { metrics { metric current fourWeeklyRate historyDays } } }
  }
`);

/** 1,950 → 1,900; 0.437 → 0.43. */
function twoSignificantDown(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const step = 10 ** (Math.floor(Math.log10(x)) - 1);
  return Math.floor(x / step) * step;
}

const bandGlyph = { REALISTIC: '✓', AMBITIOUS: '!', UNREALISTIC: '✕', NO_HISTORY: '?' } as const;

/**
 * The realism band of one key result as typed: the weekly rate its target demands against the rate of
 * the twelve weeks before the start (the same window as the SMART check), and the target and deadline
 * that would make it realistic, each one click away.
 */
export function RealismPanel(props: {
  planId: string;
  index: number;
  metric: MetricDefinition | undefined;
  accountId?: string;
  platform?: Platform;
  direction: Direction;
  baseline?: number;
  target?: number;
  targetChangePercent?: number;
  startsOn: string;
  deadline: string;
  onApplyTarget?: (target: number) => void;
  onApplyDeadline: (deadline: string) => void;
}) {
  const { t, f } = useI18n();
  const dated = /^\d{4}-\d{2}-\d{2}$/.test(props.startsOn) && /^\d{4}-\d{2}-\d{2}$/.test(props.deadline);
  const asOf = dated ? addDays(props.startsOn, -1) : '';
  const [account] = useQuery({ query: AccountHistory, variables: { id: props.accountId ?? '', asOf }, pause: !props.accountId || !dated });
  const [platform] = useQuery({
    query: PlatformHistory, variables: { planId: props.planId, asOf, platform: props.platform ?? 'OTHER' }, pause: !props.platform || !!props.accountId || !dated,
  });
  if (!props.metric || !dated || props.direction === 'MAINTAIN') return null;
  const node = account.data?.node;
  const audit = (node?.__typename === 'SocialAccount' ? node.audit : platform.data?.plan?.audit[0]?.metrics ?? [])
    .find((m) => m.metric === props.metric!.id);
  const weeks = daysBetween(props.startsOn, props.deadline) / 7;
  const historicalWeeklyRate = props.metric.kind === 'DERIVED' || audit?.fourWeeklyRate == null ? null : audit.fourWeeklyRate / 4;
  const baseline = props.baseline ?? (props.metric.kind === 'FLOW' ? 0 : audit?.current ?? null);
  const target = resolveTarget({ baseline, target: props.target, targetChangePercent: props.targetChangePercent });
  const label = t.editor.keyResultN(props.index + 1);
  if (baseline === null || target === null || weeks <= 0) {
    return <p className="realism muted" data-testid="realism">{label}: {t.editor.realismNeeds}</p>;
  }
  const r = realism({ direction: props.direction, baseline, target, weeks, historicalWeeklyRate });
  const fix = r.band === 'REALISTIC' || historicalWeeklyRate === null ? null
    : realisticFix({ direction: props.direction, baseline, target, historicalWeeklyRate, weeks, startsOn: props.startsOn });
  const unit = props.metric.unit;
  // Offered as round numbers on the safe side (the change cut to two significant digits, the deadline
  // moved to a whole week), so that applying one stays realistic whatever rounding the history carries.
  const safeTarget = fix ? baseline + Math.sign(fix.target - baseline) * twoSignificantDown(Math.abs(fix.target - baseline)) : null;
  const safeDeadline = fix?.deadline ? addDays(props.startsOn, Math.ceil(daysBetween(props.startsOn, fix.deadline) / 7) * 7) : null;
  return (
    <div className={`realism band-${r.band}`} data-testid="realism" data-band={r.band}>
      <p>
        <strong>{label}</strong>{' '}
        <span className="badge"><span aria-hidden="true">{bandGlyph[r.band]}</span> {t.realism[r.band]}</span>
      </p>
      <p>
        {t.editor.requiredVsHistory(f.metric(r.requiredWeeklyRate, unit), r.historicalWeeklyRate === null ? null : f.metric(r.historicalWeeklyRate, unit),
          r.ratio === null ? null : f.number(r.ratio))}
      </p>
      {fix && (
        <div className="actions">
          {props.onApplyTarget && (
            <button type="button" onClick={() => props.onApplyTarget!(safeTarget!)}>
              {t.editor.applyTarget(f.metric(safeTarget, unit))}
            </button>
          )}
          {safeDeadline && (
            <button type="button" onClick={() => props.onApplyDeadline(safeDeadline)}>{t.editor.applyDeadline(f.day(safeDeadline))}</button>
          )}
        </div>
      )}
    </div>
  );
}

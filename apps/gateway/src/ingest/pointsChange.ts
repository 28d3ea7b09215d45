import type { PointValue } from '@goalpost/db';
import type { Change } from '../audit/recordChange.ts';

/** A batch of points in the audit trail: what came in (metrics, days, counts), not every value. */
export function pointsChange(action: string, accountId: string, points: readonly PointValue[], source: string, written: number): Change {
  const days = points.map((p) => p.at).sort();
  return {
    entity: 'SocialAccount',
    id: accountId,
    planId: null,
    action,
    change: 'UPDATED',
    before: null,
    after: { metricPoints: { source, received: points.length, written, metrics: [...new Set(points.map((p) => p.metric))].sort(), from: days[0] ?? null, to: days.at(-1) ?? null } },
  };
}

import { dailyTotals, type Db } from '@goalpost/db';
import { addDays, auditMetric, metricCatalog, type IsoDate, type MetricAudit } from '@goalpost/domain';

/** Trailing days read: the 4-weekly rate needs two four-week windows and a margin. */
const auditDays = 84;

/**
 * The audit of one account, or of a platform across its accounts (their daily values summed): every raw
 * metric with history, its current value and its rates of change, as of a day.
 */
export async function auditOfAccounts(db: Db, workspaceId: string, accountIds: readonly string[], asOf: IsoDate): Promise<MetricAudit[]> {
  if (accountIds.length === 0) return [];
  const rows = await dailyTotals(db, workspaceId, {
    accountIds: [...accountIds],
    metrics: metricCatalog.filter((m) => m.kind !== 'DERIVED').map((m) => m.id),
    from: addDays(asOf, -auditDays),
    to: asOf,
  });
  return metricCatalog
    .filter((m) => rows.some((r) => r.metric === m.id))
    .map((m) => auditMetric(m, rows.filter((r) => r.metric === m.id), asOf));
}

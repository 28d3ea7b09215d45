import { findKeyResults, findObjectives, findPlans, type AlertRow, type Db } from '@goalpost/db';

export type AlertEventKind = 'ALERT_RAISED' | 'ALERT_RESOLVED';

/** What a channel is told about an alert, as of when it was raised or resolved (replays resend the same). */
export interface AlertEventData {
  alert: { id: string; kind: string; severity: string; state: string; message: string; createdAt: string; resolvedAt: string | null };
  plan: { id: string; name: string } | null;
  objective: { id: string; title: string } | null;
  keyResult: {
    id: string;
    metric: string;
    status: string;
    current: number | null;
    target: number | null;
    forecast: { value: number; low: number; high: number; confidence: number } | null;
  } | null;
}

export async function alertEventData(db: Db, alert: AlertRow): Promise<AlertEventData> {
  const ws = alert.workspace_id;
  const [[plan], [objective], [keyResult]] = await Promise.all([
    alert.plan_id ? findPlans(db, ws, [alert.plan_id]) : [],
    alert.objective_id ? findObjectives(db, ws, [alert.objective_id]) : [],
    alert.key_result_id ? findKeyResults(db, ws, [alert.key_result_id]) : [],
  ]);
  return {
    alert: {
      id: alert.id,
      kind: alert.kind,
      severity: alert.severity,
      state: alert.state,
      message: alert.message,
      createdAt: alert.created_at.toISOString(),
      resolvedAt: alert.resolved_at?.toISOString() ?? null,
    },
    plan: plan ? { id: plan.id, name: plan.name } : null,
    objective: objective ? { id: objective.id, title: objective.title } : null,
    keyResult: keyResult
      ? {
          id: keyResult.id,
          metric: keyResult.metric,
          status: keyResult.status,
          current: keyResult.current,
          target: keyResult.effective_target ?? keyResult.target,
          forecast: keyResult.forecast
            ? { value: keyResult.forecast.value, low: keyResult.forecast.low, high: keyResult.forecast.high, confidence: keyResult.forecast.confidence }
            : null,
        }
      : null,
  };
}

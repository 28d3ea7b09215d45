import type { NotificationDeliveryRow } from '@goalpost/db';
import type { AlertEventData } from './alertEvent.ts';

/** Outbound webhook `type` per event (DESIGN §5d). */
export const webhookTypes: Readonly<Record<string, string>> = {
  ALERT_RAISED: 'alert.raised',
  ALERT_RESOLVED: 'alert.resolved',
  STATUS_CHANGED: 'key_result.status_changed',
  WEEKLY_DIGEST: 'plan.weekly_digest',
};

/** A delivery as every channel renders it: the stored event data and a link back to the dashboard. */
export interface NotificationMessage {
  type: string;
  event: string;
  /** When the event happened (the delivery's creation), the same on every attempt and replay. */
  timestamp: string;
  data: AlertEventData & { link: string; sample?: boolean };
}

export function notificationMessage(delivery: NotificationDeliveryRow, publicUrl: string): NotificationMessage {
  const stored = delivery.payload as AlertEventData & { sample?: boolean };
  const base = publicUrl.replace(/\/+$/, '');
  const link = stored.plan ? `${base}/?plan=${encodeURIComponent(stored.plan.id)}&alert=${encodeURIComponent(stored.alert.id)}` : `${base}/?alert=${encodeURIComponent(stored.alert.id)}`;
  return { type: webhookTypes[delivery.event] ?? delivery.event.toLowerCase(), event: delivery.event, timestamp: delivery.created_at.toISOString(), data: { ...stored, link } };
}

/** The one-line summary every channel leads with. */
export function headline(message: NotificationMessage): string {
  const { alert, objective } = message.data;
  const what = message.event === 'ALERT_RESOLVED' ? 'Resolved' : alert.severity === 'CRITICAL' ? 'Critical' : alert.severity === 'WARNING' ? 'Warning' : 'Info';
  const prefix = message.data.sample ? '[Test] ' : '';
  return `${prefix}${what}: ${alert.kind.replace(/_/g, ' ').toLowerCase()}${objective ? ` — ${objective.title}` : ''}`;
}

/** A number as messages show it (at most two decimals, grouped); a dash for none. */
export const formatNumber = (value: number | null | undefined) => (value === null || value === undefined ? '—' : new Intl.NumberFormat('en', { maximumFractionDigits: 2 }).format(value));

/** Key result lines (status, current against target, forecast), shared by Slack and e-mail. */
export function keyResultFacts(message: NotificationMessage): { label: string; value: string }[] {
  const kr = message.data.keyResult;
  if (!kr) return [];
  return [
    { label: 'Key result', value: kr.metric },
    { label: 'Status', value: kr.status.replace(/_/g, ' ') },
    { label: 'Current / target', value: `${formatNumber(kr.current)} / ${formatNumber(kr.target)}` },
    { label: 'Forecast', value: kr.forecast ? `${formatNumber(kr.forecast.value)} (${formatNumber(kr.forecast.low)}–${formatNumber(kr.forecast.high)}, ${Math.round(kr.forecast.confidence * 100)}% confidence)` : 'not enough data yet' },
  ];
}

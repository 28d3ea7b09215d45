import { sql } from 'kysely';
import type { Db } from '../createDb.ts';
import type { NotificationAttemptRow, NotificationChannelRow, NotificationDeliveryRow } from '../schema.ts';
import { selectKeysetPage, type KeyedRow, type Keyset, type PageWindow } from './keysetPage.ts';

export interface NotificationChannelValues {
  kind: 'WEBHOOK' | 'SLACK' | 'EMAIL';
  name: string;
  events: readonly string[];
  minSeverity: string;
  planIds: readonly string[];
  /** Sealed records (the credential cipher's); never in clear. */
  urlSealed: unknown;
  urlHost: string | null;
  secretSealed: unknown;
  emailAddresses: readonly string[];
}

export type NotificationChannelPatch = Partial<Pick<NotificationChannelValues, 'name' | 'events' | 'minSeverity' | 'planIds' | 'urlSealed' | 'urlHost' | 'emailAddresses'>> & {
  enabled?: boolean;
};

export async function insertNotificationChannel(db: Db, workspaceId: string, values: NotificationChannelValues, now: Date): Promise<NotificationChannelRow> {
  return db
    .insertInto('notification_channels')
    .values({
      workspace_id: workspaceId,
      kind: values.kind,
      name: values.name,
      events: [...values.events],
      min_severity: values.minSeverity,
      plan_ids: [...values.planIds],
      url_sealed: values.urlSealed === null ? null : JSON.stringify(values.urlSealed),
      url_host: values.urlHost,
      secret_sealed: values.secretSealed === null ? null : JSON.stringify(values.secretSealed),
      email_addresses: [...values.emailAddresses],
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Re-enabling a channel clears why it was disabled and the failing streak. */
export async function updateNotificationChannel(db: Db, workspaceId: string, id: string, patch: NotificationChannelPatch, now: Date): Promise<NotificationChannelRow | undefined> {
  return db
    .updateTable('notification_channels')
    .set({
      updated_at: now,
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.events !== undefined && { events: [...patch.events] }),
      ...(patch.minSeverity !== undefined && { min_severity: patch.minSeverity }),
      ...(patch.planIds !== undefined && { plan_ids: [...patch.planIds] }),
      ...(patch.urlSealed !== undefined && { url_sealed: JSON.stringify(patch.urlSealed), url_host: patch.urlHost ?? null }),
      ...(patch.emailAddresses !== undefined && { email_addresses: [...patch.emailAddresses] }),
      ...(patch.enabled !== undefined && { enabled: patch.enabled }),
      ...(patch.enabled === true && { disabled_reason: null, failing_since: null }),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** Deletes the channel and, with it, its deliveries and their attempts. */
export async function deleteNotificationChannel(db: Db, workspaceId: string, id: string): Promise<NotificationChannelRow | undefined> {
  return db.deleteFrom('notification_channels').where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function findNotificationChannels(db: Db, workspaceId: string, ids: readonly string[]): Promise<NotificationChannelRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('notification_channels').selectAll().where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
}

export async function listNotificationChannels(db: Db, workspaceId: string): Promise<NotificationChannelRow[]> {
  return db.selectFrom('notification_channels').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').orderBy('id').execute();
}

/**
 * The enabled channels that take an event: they chose its kind, its severity reaches their minimum
 * (`severities` lists the ones that do) and it concerns one of their plans, or they take every plan.
 */
export async function channelsForEvent(
  db: Db,
  workspaceId: string,
  event: { event: string; severities: readonly string[]; planId: string | null },
): Promise<NotificationChannelRow[]> {
  if (event.severities.length === 0) return [];
  let query = db
    .selectFrom('notification_channels')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('enabled', '=', true)
    .where(sql<boolean>`${event.event} = ANY(events)`)
    .where('min_severity', 'in', event.severities);
  query = event.planId
    ? query.where(sql<boolean>`(cardinality(plan_ids) = 0 OR ${event.planId}::uuid = ANY(plan_ids))`)
    : query;
  return query.orderBy('created_at').execute();
}

export interface NewDelivery {
  channelId: string;
  event: string;
  eventKey: string;
  payload: unknown;
}

/** The delivery of an event to a channel, created once: a second call returns the first row. */
export async function insertDeliveryOnce(db: Db, workspaceId: string, values: NewDelivery, now: Date): Promise<NotificationDeliveryRow> {
  const inserted = await db
    .insertInto('notification_deliveries')
    .values({
      workspace_id: workspaceId,
      channel_id: values.channelId,
      event: values.event,
      event_key: values.eventKey,
      payload: JSON.stringify(values.payload),
      created_at: now,
    })
    .onConflict((oc) => oc.columns(['channel_id', 'event_key']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return inserted;
  return db
    .selectFrom('notification_deliveries')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('channel_id', '=', values.channelId)
    .where('event_key', '=', values.eventKey)
    .executeTakeFirstOrThrow();
}

export async function findDeliveries(db: Db, workspaceId: string, ids: readonly string[]): Promise<NotificationDeliveryRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('notification_deliveries').selectAll().where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
}

/** Deliveries newest first. */
export const deliveryKeyset: Keyset = { columns: [{ column: 'created_at', type: 'timestamptz' }, { column: 'id', type: 'uuid' }], order: 'desc' };

export async function listDeliveries(db: Db, workspaceId: string, channelId: string, page: PageWindow): Promise<KeyedRow<NotificationDeliveryRow>[]> {
  const query = db.selectFrom('notification_deliveries').selectAll().where('workspace_id', '=', workspaceId).where('channel_id', '=', channelId);
  return selectKeysetPage(query, deliveryKeyset, page);
}

export async function listDeliveryAttempts(db: Db, deliveryId: string): Promise<NotificationAttemptRow[]> {
  return db.selectFrom('notification_attempts').selectAll().where('delivery_id', '=', deliveryId).orderBy('attempt').execute();
}

export interface DeliveryAttempt {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  outcome: 'DELIVERED' | 'RETRYING' | 'FAILED';
  nextAttemptAt: Date | null;
  at: Date;
}

/**
 * Logs one attempt and moves the delivery to its outcome, in one transaction. The attempt number is
 * the delivery's own count, so a replayed delivery keeps numbering where it was.
 */
export async function recordDeliveryAttempt(db: Db, deliveryId: string, attempt: DeliveryAttempt): Promise<NotificationDeliveryRow> {
  return db.transaction().execute(async (tx) => {
    const delivery = await tx
      .updateTable('notification_deliveries')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        status: attempt.outcome,
        last_status_code: attempt.statusCode,
        last_error: attempt.error,
        next_attempt_at: attempt.nextAttemptAt,
        ...(attempt.outcome === 'DELIVERED' && { delivered_at: attempt.at }),
      }))
      .where('id', '=', deliveryId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('notification_attempts')
      .values({
        delivery_id: deliveryId,
        attempt: delivery.attempts,
        status_code: attempt.statusCode,
        error: attempt.error,
        duration_ms: attempt.durationMs,
        next_attempt_at: attempt.nextAttemptAt,
        at: attempt.at,
      })
      .execute();
    return delivery;
  });
}

/** A delivery sent again on request: back to PENDING (to every recipient again), its attempts kept in the log. */
export async function reopenDelivery(db: Db, workspaceId: string, id: string): Promise<NotificationDeliveryRow | undefined> {
  return db
    .updateTable('notification_deliveries')
    .set({ status: 'PENDING', next_attempt_at: null, sent_to: [] })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** A success ends the channel's failing streak; a failure starts one unless one is running. */
export async function setChannelHealth(db: Db, channelId: string, healthy: boolean, at: Date): Promise<NotificationChannelRow | undefined> {
  return db
    .updateTable('notification_channels')
    .set(healthy ? { failing_since: null } : { failing_since: sql<Date>`coalesce(failing_since, ${at})` })
    .where('id', '=', channelId)
    .returningAll()
    .executeTakeFirst();
}

/** Disables the channel once; returns it only when this call disabled it. */
export async function disableFailingChannel(db: Db, channelId: string, reason: string, now: Date): Promise<NotificationChannelRow | undefined> {
  return db
    .updateTable('notification_channels')
    .set({ enabled: false, disabled_reason: reason, updated_at: now })
    .where('id', '=', channelId)
    .where('enabled', '=', true)
    .returningAll()
    .executeTakeFirst();
}

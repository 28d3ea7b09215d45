import { sql } from 'kysely';
import type { Db } from '../createDb.ts';

/** Records that an e-mail delivery reached this address, once. */
export async function markDeliverySentTo(db: Db, deliveryId: string, email: string): Promise<void> {
  const address = email.trim().toLowerCase();
  await db
    .updateTable('notification_deliveries')
    .set({ sent_to: sql<string[]>`array_append(sent_to, ${address})` })
    .where('id', '=', deliveryId)
    .where(sql<boolean>`NOT (${address} = ANY(sent_to))`)
    .execute();
}

import type { Db } from '../createDb.ts';
import type { SessionRow, UserRow } from '../schema.ts';

export async function insertSession(db: Db, values: { userId: string; idHash: string; now: Date; expiresAt: Date; userAgent?: string | null }): Promise<SessionRow> {
  return db
    .insertInto('sessions')
    .values({
      user_id: values.userId, id_hash: values.idHash, created_at: values.now, last_seen_at: values.now, expires_at: values.expiresAt,
      user_agent: values.userAgent ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * The session with this hash and its user, if it is neither revoked, past its absolute expiry, nor idle
 * since `idleSince` (pass null to skip the idle check, e.g. for an open subscription).
 */
export async function findLiveSession(
  db: Db,
  by: { idHash: string } | { id: string },
  now: Date,
  idleSince: Date | null,
): Promise<{ session: SessionRow; user: UserRow } | undefined> {
  let query = db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('sessions')
    .select(['users.email', 'users.name', 'users.password_hash', 'users.created_at as user_created_at'])
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', now);
  query = 'idHash' in by ? query.where('sessions.id_hash', '=', by.idHash) : query.where('sessions.id', '=', by.id);
  if (idleSince) query = query.where('sessions.last_seen_at', '>', idleSince);
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  const { email, name, password_hash, user_created_at, ...session } = row;
  return { session, user: { id: session.user_id, email, name, password_hash, created_at: user_created_at } };
}

/** Slides the idle expiry, at most once a minute. */
export async function touchSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now })
    .where('id', '=', sessionId)
    .where('last_seen_at', '<', new Date(now.getTime() - 60_000))
    .execute();
}

/** A user's live sessions (not revoked, not past their absolute expiry, used since `idleSince`), newest first. */
export async function listLiveSessions(db: Db, userId: string, now: Date, idleSince: Date): Promise<SessionRow[]> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', idleSince)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/**
 * Revokes sessions (one — of `userId` when given —, or every live one of a user, but `except` one);
 * answers the ids revoked now.
 */
export async function revokeSessions(db: Db, which: { sessionId: string; userId?: string } | { userId: string; except?: string }, now: Date): Promise<string[]> {
  let query = db.updateTable('sessions').set({ revoked_at: now }).where('revoked_at', 'is', null);
  if ('sessionId' in which) {
    query = query.where('id', '=', which.sessionId);
    if (which.userId !== undefined) query = query.where('user_id', '=', which.userId);
  } else {
    query = query.where('user_id', '=', which.userId);
    if (which.except !== undefined) query = query.where('id', '!=', which.except);
  }
  const rows = await query.returning('id').execute();
  return rows.map((r) => r.id);
}

/** A user's sessions long past any use (expired or revoked more than a day ago), so the table does not grow forever. */
export async function deleteStaleSessionsOfUser(db: Db, userId: string, now: Date): Promise<number> {
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const result = await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('expires_at', '<', dayAgo), eb('revoked_at', '<', dayAgo)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

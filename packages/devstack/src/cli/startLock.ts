import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRunning } from '../runningProcess.ts';

/**
 * One `npm start` per state folder: its pid in `<stateDir>/start.pid`. A second start finds the first one
 * alive and stops before touching anything (its PostgreSQL and Redis files are the first one's).
 */
export function takeStartLock(stateDir: string): { release(): void } {
  const file = join(stateDir, 'start.pid');
  let holder: number | undefined;
  try {
    holder = Number.parseInt(readFileSync(file, 'utf8'), 10);
  } catch {
    holder = undefined;
  }
  if (holder !== undefined && holder !== process.pid && isRunning(holder, 'start.ts')) {
    throw new Error(`Goalpost is already running from this folder (npm start, pid ${holder}): use that one, or stop it (Ctrl-C in its terminal, or \`kill ${holder}\`) before starting again.`);
  }
  writeFileSync(file, String(process.pid));
  return {
    release() {
      try {
        if (Number.parseInt(readFileSync(file, 'utf8'), 10) === process.pid) rmSync(file, { force: true });
      } catch {
        // Already gone.
      }
    },
  };
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRunning } from './runningProcess.ts';

/** The server a data directory's `postmaster.pid` names, when that process still runs. */
export interface RunningPostmaster {
  pid: number;
  port: number;
}

/**
 * Reads `postmaster.pid` (pid on line 1, port on line 4). Undefined when there is none or its server is
 * gone: only then may the file be removed (two servers on one data directory corrupt it).
 */
export function runningPostmaster(dataDir: string): RunningPostmaster | undefined {
  let lines: string[];
  try {
    lines = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  return isRunning(pid, 'postgres') ? { pid, port } : undefined;
}

import { spawn, type ChildProcess } from 'node:child_process';

export interface RestartBackoff {
  /** Wait before the first restart; it doubles with each crash in a row. */
  initialMs: number;
  maxMs: number;
  /** A run that lasted this long was healthy: the next crash starts from `initialMs` again. */
  healthyAfterMs: number;
}

export const defaultBackoff: RestartBackoff = { initialMs: 1_000, maxMs: 30_000, healthyAfterMs: 60_000 };

/** The wait before restart number `crashesInARow` (1 for the first crash after a healthy run). */
export function restartDelay(crashesInARow: number, backoff: RestartBackoff = defaultBackoff): number {
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.max(0, crashesInARow - 1));
}

export interface SupervisedProcess {
  /** The running child (a new one after each restart). */
  readonly child: ChildProcess | undefined;
  /** Stops the child (SIGTERM, SIGKILL after `graceMs`) and restarts it no more. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Runs a program and starts it again whenever it exits on its own, waiting longer after each crash in a
 * row (see `restartDelay`) and saying so through `onRestart`. The child gets a process group of its own,
 * so a Ctrl-C reaches only the supervisor, which stops everything in order.
 */
export function superviseProcess(options: {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Every line the program writes, with the stream it came from. */
  onLine(line: string, stream: 'stdout' | 'stderr'): void;
  /** Each start, first and later ones, with the new process' id. */
  onSpawn?(pid: number): void;
  onRestart(message: string): void;
  backoff?: RestartBackoff;
}): SupervisedProcess {
  const backoff = options.backoff ?? defaultBackoff;
  let child: ChildProcess | undefined;
  let stopped = false;
  let crashesInARow = 0;
  let pending: NodeJS.Timeout | undefined;

  const lines = (stream: 'stdout' | 'stderr') => {
    let partial = '';
    return (chunk: Buffer) => {
      const parts = (partial + chunk.toString()).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) if (line) options.onLine(line, stream);
    };
  };

  const run = () => {
    const startedAt = Date.now();
    const current = spawn(options.command, options.args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child = current;
    if (current.pid !== undefined) options.onSpawn?.(current.pid);
    current.stdout?.on('data', lines('stdout'));
    current.stderr?.on('data', lines('stderr'));
    current.once('error', (error) => options.onLine(`could not be started: ${error.message}`, 'stderr'));
    current.once('close', (code, signal) => {
      if (stopped) return;
      crashesInARow = Date.now() - startedAt >= backoff.healthyAfterMs ? 1 : crashesInARow + 1;
      const delay = restartDelay(crashesInARow, backoff);
      const how = signal ? `signal ${signal}` : `exit code ${code}`;
      const seconds = delay >= 1000 ? `${Math.round(delay / 1000)} s` : `${delay} ms`;
      options.onRestart(`The ${options.name} stopped unexpectedly (${how}); restarting it in ${seconds}${crashesInARow > 1 ? ` (crash ${crashesInARow} in a row)` : ''}. Its last log lines are above.`);
      pending = setTimeout(run, delay);
    });
  };
  run();

  return {
    get child() {
      return child;
    },
    stop(graceMs = 15_000) {
      stopped = true;
      clearTimeout(pending);
      const current = child;
      return new Promise<void>((resolve) => {
        if (!current || current.exitCode !== null || current.signalCode !== null || current.pid === undefined) return resolve();
        const timer = setTimeout(() => current.kill('SIGKILL'), graceMs);
        current.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
        current.kill('SIGTERM');
      });
    },
  };
}

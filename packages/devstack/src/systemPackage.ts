import { spawnSync } from 'node:child_process';
import { platform } from 'node:os';

/** A program the local stack or its tests need from the OS package manager (redis-server, chromium). */
export interface SystemPackage {
  command: string;
  apt: string;
  brew?: string;
  /** The sentence when it cannot be installed automatically: how to get it, or what to set instead. */
  manual: string;
  /** The way out when an install fails, e.g. "set REDIS_URL to a running Redis". */
  otherwise?: string;
}

export type Lookup = (command: string) => boolean;
export const onPath: Lookup = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

/** How to get the package on this machine, or the one sentence that tells the user. */
export function installPlan(pkg: SystemPackage, lookup: Lookup = onPath, os: string = platform()): { command: string[] } | { message: string } {
  if (os === 'linux' && lookup('apt-get')) {
    const sudo = process.getuid?.() === 0 ? [] : lookup('sudo') ? ['sudo'] : null;
    if (sudo) return { command: [...sudo, 'sh', '-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${pkg.apt}`] };
  }
  if (os === 'darwin' && pkg.brew && lookup('brew')) return { command: ['brew', 'install', pkg.brew] };
  return { message: pkg.manual };
}

/** Installs the package with the OS package manager when its command is missing; throws the one-sentence reason otherwise. */
export function ensureInstalled(pkg: SystemPackage, onProgress?: (message: string) => void, lookup: Lookup = onPath): void {
  if (lookup(pkg.command)) return;
  const plan = installPlan(pkg, lookup);
  if ('message' in plan) throw new Error(plan.message);
  onProgress?.(`${pkg.command} not found: installing it with \`${plan.command.join(' ')}\`…`);
  const result = spawnSync(plan.command[0]!, plan.command.slice(1), { stdio: 'inherit' });
  if (result.status !== 0 || !lookup(pkg.command)) {
    throw new Error(`Installing ${pkg.command} failed: run \`${plan.command.join(' ')}\` yourself${pkg.otherwise ? `, or ${pkg.otherwise}` : ''}.`);
  }
}

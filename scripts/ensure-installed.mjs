// Runs before `npm start` and `npm test`: checks Node, installs dependencies when missing or stale.
// Plain Node, no dependencies: it runs on a fresh clone before anything is installed.
import { existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Goalpost needs Node.js 20.19 or newer; this is ${process.versions.node}. Install a current Node.js LTS and run the command again.`);
  process.exit(1);
}

const installed = 'node_modules/.package-lock.json';
const reason = !existsSync(installed)
  ? 'dependencies are not installed yet'
  : statSync('package-lock.json').mtimeMs > statSync(installed).mtimeMs
    ? 'package-lock.json changed since the last install'
    : null;
if (reason) {
  console.log(`Installing dependencies (${reason})…`);
  // `npm install`, not `npm ci`: npm 11 leaves other platforms' optional packages (rollup's) out of the
  // lock file it writes, and `npm ci` then refuses that lock file as out of sync. The lock still pins versions.
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('npm install failed: check the network access to the npm registry, then run the command again.');
    process.exit(result.status ?? 1);
  }
}

// Runs before `npm start` and `npm test`: checks Node, installs dependencies when missing or stale.
// Plain Node, no dependencies: it runs on a fresh clone before anything is installed.
import { existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const [major, minor] = process.versions.node.split('.').map(Number);
// The floor is what the dependencies declare (graphql-yoga's @whatwg-node packages: node >=22.15).
if (major < 22 || (major === 22 && minor < 15)) {
  console.error(`Goalpost needs Node.js 22.15 or newer; this is ${process.versions.node}. Install Node.js 22 LTS or newer (nvm install reads .nvmrc) and run the command again.`);
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
  // `npm install` keeps what is already installed (faster than `npm ci`, which starts from nothing); the
  // lock file lists every platform's optional packages, so it leaves the lock file as it is.
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('npm install failed: check the network access to the npm registry, then run the command again.');
    process.exit(result.status ?? 1);
  }
}

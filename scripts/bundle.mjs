// Compiles the processes the image runs into dist/ (the Dockerfile's build stage runs it):
// TypeScript → JavaScript with esbuild, the internal @goalpost/* packages bundled in, every other package
// left as an import of node_modules (installed there with `npm ci --omit=dev`). Node's own type stripping
// cannot run the sources: it rejects TypeScript-only syntax such as parameter properties.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

export const entryPoints = {
  gateway: 'apps/gateway/src/main.ts',
  worker: 'apps/worker/src/main.ts',
  'worker-healthcheck': 'apps/worker/src/cli/healthcheck.ts',
  migrate: 'packages/db/src/cli/migrate.ts',
};

/** Relative paths and @goalpost/* are compiled in; anything else is a dependency resolved at run time. */
const dependenciesStayExternal = {
  name: 'dependencies-stay-external',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@goalpost/') ? undefined : { path: args.path, external: true }));
  },
};

rmSync('dist', { recursive: true, force: true });
const result = await build({
  entryPoints,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  sourcemap: true,
  plugins: [dependenciesStayExternal],
  logLevel: 'warning',
  metafile: true,
});
const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.js'));
for (const [file, { bytes }] of outputs) console.log(`${file}  ${(bytes / 1024).toFixed(0)} KiB`);

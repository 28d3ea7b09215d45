// Compiles the processes the image runs into dist/ (the Dockerfile's build stage runs it):
// TypeScript → JavaScript with esbuild, the internal @goalpost/* packages bundled in, every other package
// left as an import of node_modules (installed there with `npm ci --omit=dev`). Node's own type stripping
// cannot run the sources: it rejects TypeScript-only syntax such as parameter properties.
//
// Each process is `dist/<name>.js`, a two-line start file that turns source maps on and imports the
// bundle `dist/<name>.bundle.js` (same folder, so its import.meta.url paths are unchanged). Stack traces
// are mapped to the TypeScript sources as with `node --enable-source-maps`, but without the flag: with
// it, every `util.getCallSites()` maps its frames, and pino calls it when a logger is made, which
// decodes the whole bundle's map at start (~9 MB of heap in the gateway) instead of at the first error.
import { rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

export const entryPoints = {
  gateway: 'apps/gateway/src/main.ts',
  worker: 'apps/worker/src/main.ts',
  'worker-healthcheck': 'apps/worker/src/cli/healthcheck.ts',
  migrate: 'packages/db/src/cli/migrate.ts',
};
const startFile = (name) => `// Source-mapped stack traces (see scripts/bundle.mjs), then the process itself.
process.setSourceMapsEnabled(true);
await import('./${name}.bundle.js');
`;

/** Relative paths and @goalpost/* are compiled in; anything else is a dependency resolved at run time. */
const dependenciesStayExternal = {
  name: 'dependencies-stay-external',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@goalpost/') ? undefined : { path: args.path, external: true }));
  },
};

rmSync('dist', { recursive: true, force: true });
const result = await build({
  entryPoints: Object.fromEntries(Object.entries(entryPoints).map(([name, source]) => [`${name}.bundle`, source])),
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  // A dynamic import() stays one: what a process loads on demand (Bull Board, say) goes to a chunk of its
  // own instead of the bundle's top-level imports. Chunks sit beside the bundles, in dist/.
  splitting: true,
  target: 'node22',
  sourcemap: true,
  plugins: [dependenciesStayExternal],
  logLevel: 'warning',
  metafile: true,
});
const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.js'));
for (const [file, { bytes }] of outputs) console.log(`${file}  ${(bytes / 1024).toFixed(0)} KiB`);
for (const name of Object.keys(entryPoints)) writeFileSync(`dist/${name}.js`, startFile(name));

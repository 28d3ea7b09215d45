// Every workspace declares the packages it imports (internal @goalpost/* included), and declares nothing it
// does not use: turbo orders tasks by these declarations, and a production install gets exactly these.
// Part of `npm test`; plain Node, run from the project root.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';

const builtin = new Set(builtinModules);
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const rootPkg = readJson('package.json');
// Workspaces as the root lists them: `dir/*` (every folder with a package.json) or a folder.
const roots = rootPkg.workspaces
  .flatMap((pattern) => (pattern.endsWith('/*') ? readdirSync(pattern.slice(0, -2)).map((name) => join(pattern.slice(0, -2), name)) : [pattern]))
  .filter((dir) => existsSync(join(dir, 'package.json')));
const rootDev = new Set(Object.keys({ ...rootPkg.devDependencies }));

const files = (dir) => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) return [];
  return statSync(path).isDirectory() ? files(path) : /\.(m?[jt]sx?)$/.test(name) ? [path] : [];
});

/** The package.json of `name` as Node would find it from `dir`. */
function manifestOf(name, dir) {
  for (let at = dir; ; at = dirname(at)) {
    const file = join(at, 'node_modules', name, 'package.json');
    if (existsSync(file)) return readJson(file);
    if (dirname(at) === at) return undefined;
  }
}

let bad = 0;
for (const root of roots) {
  const pkg = readJson(join(root, 'package.json'));
  const declared = new Set(Object.keys({ ...pkg.dependencies, ...pkg.devDependencies, ...pkg.peerDependencies, ...pkg.optionalDependencies }));
  const used = new Set();
  for (const file of files(root)) {
    const source = readFileSync(file, 'utf8');
    // Imports, and files of a package found by resolving them (fonts, data): require.resolve / import.meta.resolve.
    for (const m of source.matchAll(/(?:^|[^.\w])(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]|(?:require|import\.meta)\.resolve\(\s*['"]([^'"]+)['"]/gm)) {
      const spec = m[1] || m[2] || m[3] || m[4];
      if (!spec || spec.startsWith('.') || spec.startsWith('node:') || spec.startsWith('/') || spec.startsWith('virtual:') || spec.startsWith('~')) continue;
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      if (builtin.has(name) || name === pkg.name) continue;
      used.add(name);
    }
  }
  // A TypeScript language-service plugin is used by being named in tsconfig.json, not imported.
  const tsconfig = join(root, 'tsconfig.json');
  if (existsSync(tsconfig)) {
    for (const [, spec] of readFileSync(tsconfig, 'utf8').matchAll(/"name"\s*:\s*"([^"]+)"/g)) {
      used.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
    }
  }
  // Test-only tools may come from the root's devDependencies; internal packages never.
  const missing = [...used].filter((name) => !declared.has(name) && (name.startsWith('@goalpost/') || !rootDev.has(name)));
  // Declared and used: imported, the types of an imported package, or a peer an imported package requires.
  const needed = new Set(used);
  for (const name of used) {
    needed.add(`@types/${name.startsWith('@') ? name.slice(1).replace('/', '__') : name}`);
    for (const peer of Object.keys(manifestOf(name, root)?.peerDependencies ?? {})) needed.add(peer);
  }
  const unused = [...declared].filter((name) => !needed.has(name));
  if (missing.length) console.log(`FAIL ${root} imports undeclared: ${missing.join(', ')}`);
  if (unused.length) console.log(`FAIL ${root} declares unused: ${unused.join(', ')}`);
  if (missing.length || unused.length) bad++;
}
console.log(bad ? `${bad} workspaces with undeclared or unused dependencies` : `${roots.length} workspaces declare what they import, and only that`);
process.exit(bad ? 1 : 0);

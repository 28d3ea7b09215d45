// `npm run bench -- <name> [args…]` runs `bench/<name>.ts` with the rest of the arguments; with no name
// it lists the benchmarks. One file per benchmark, found by name, so adding one needs no registry.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const folder = fileURLToPath(new URL('.', import.meta.url));
const names = readdirSync(folder).filter((f) => f.endsWith('.ts') && f !== 'run.ts').map((f) => f.slice(0, -3)).sort();
const [name, ...rest] = process.argv.slice(2);

if (!name || !names.includes(name)) {
  if (name) console.error(`No benchmark named "${name}".`);
  console.log(`Usage: npm run bench -- <name> [args…]. Benchmarks (results in BENCHMARKS.md):\n${names.map((n) => `  ${n}`).join('\n')}`);
  process.exit(name ? 2 : 0);
}
// The benchmark reads its own arguments from argv[2…], as when run directly with tsx.
process.argv = [process.argv[0]!, fileURLToPath(new URL(`${name}.ts`, import.meta.url)), ...rest];
await import(pathToFileURL(process.argv[1]!).href);

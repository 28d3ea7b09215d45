// Benchmark (issue #14): the dashboard's initial JavaScript, gzipped, as the browser downloads it on the
// first visit: the entry script of dist/index.html and the chunks it preloads (screens and the chart
// load later, when opened). Budget: 250 KB. `npx tsx bench/dashboardBundle.ts`
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { dashboardDir, ensureDashboardBuilt } from '../apps/dashboard/scripts/dashboardBuild.ts';
import { machine } from './support/benchStack.ts';

await ensureDashboardBuilt((m) => console.log(m));
const dist = join(dashboardDir, 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/([^"]+\.js)"/g)].map((m) => m[1]!);
const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="\/([^"]+\.css)"/g)].map((m) => m[1]!);
const size = (file: string) => {
  const bytes = readFileSync(join(dist, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const rows = [...initial, ...css].map(size);
const lazy = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js') && !initial.includes(`assets/${f}`)).map((f) => size(`assets/${f}`));
const js = rows.filter((r) => r.file.endsWith('.js')).reduce((sum, r) => sum + r.gzip, 0);

console.log(`Machine: ${machine()}. ${new Date().toISOString().slice(0, 10)}.`);
console.log('\n| loaded | file | raw | gzip |\n|---|---|---|---|');
for (const r of rows) console.log(`| initial | ${r.file} | ${kb(r.raw)} | ${kb(r.gzip)} |`);
for (const r of lazy.sort((a, b) => b.gzip - a.gzip)) console.log(`| when opened | ${r.file} | ${kb(r.raw)} | ${kb(r.gzip)} |`);
console.log(`\nInitial JavaScript: ${kb(js)} gzipped (budget 250 KB): ${js <= 250 * 1024 ? 'within' : 'OVER'} budget.`);

// Benchmark (issue #3): evaluate 100,000 key results with 365 daily points each, against a floor that
// only sums the same arrays, measured in the same run. `npm run bench -- evaluateKeyResults` writes nothing; copy the table
// into BENCHMARKS.md with the machine line it prints.
import { cpus, totalmem } from 'node:os';
import { defaultThresholds, evaluateKeyResult, type KeyResultSpec, type SeriesPoint } from '@goalpost/domain';

const keyResults = Number(process.argv[2] ?? 100_000);
const days = 365;
const distinctSeries = 1000; // cycled, so memory stays small while every evaluation reads a full year

function series(seed: number): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  let value = 1000 + (seed % 500);
  for (let i = 0; i < days; i++) {
    value += ((seed * 7919 + i * 104729) % 21) - 8;
    out.push({ at: new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10), value });
  }
  return out;
}
const pool = Array.from({ length: distinctSeries }, (_, i) => series(i));
const spec: KeyResultSpec = { direction: 'INCREASE', baseline: 1000, target: 2500, startsOn: '2026-01-01', deadline: '2027-01-01' };
const now = new Date('2026-12-31T12:00:00Z');

function floor(): number {
  let total = 0;
  for (let k = 0; k < keyResults; k++) {
    const s = pool[k % distinctSeries]!;
    for (let i = 0; i < s.length; i++) total += s[i]!.value;
  }
  return total;
}

function evaluateAll(): number {
  let onTrack = 0;
  for (let k = 0; k < keyResults; k++) {
    if (evaluateKeyResult(spec, pool[k % distinctSeries]!, now, defaultThresholds).status === 'ON_TRACK') onTrack++;
  }
  return onTrack;
}

function time(run: () => number): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

time(floor);
time(evaluateAll); // warm-up
const rounds = 3;
const floorSeconds = Math.min(...Array.from({ length: rounds }, () => time(floor)));
const evalSeconds = Math.min(...Array.from({ length: rounds }, () => time(evaluateAll)));
console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
console.log(`| key results | points each | floor (sum) | evaluate | evaluations/s | ratio to floor |`);
console.log(`|---|---|---|---|---|---|`);
console.log(`| ${keyResults.toLocaleString('en-US')} | ${days} | ${floorSeconds.toFixed(3)} s | ${evalSeconds.toFixed(3)} s | ${Math.round(keyResults / evalSeconds).toLocaleString('en-US')} | ${(evalSeconds / floorSeconds).toFixed(1)}× |`);

import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { planReportCsv, planReportPdf, type PlanReport, type ReportKeyResult } from '@goalpost/reports';

const log = pino({ level: 'silent' });
const objectives = 100;
const perObjective = 5;
const days = 272;

/**
 * A large plan's report (500 key results, 272 days each) whose key results count how many of them the
 * writer has reached: each one's series is read once when it is drawn or written.
 */
function countedReport() {
  let reached = 0;
  const series = Array.from({ length: days }, (_, d) => ({ at: new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10), value: 1000 + d * 3 }));
  const keyResult = (i: number): ReportKeyResult => {
    const kr = {
      id: `KR-${i}`, metric: 'followers', metricLabel: 'Followers', unit: 'COUNT', accountHandle: '@cuenta', platform: 'INSTAGRAM', direction: 'INCREASE', pace: 'LINEAR',
      baseline: 1000, target: 2500, current: 1800, progress: 0.53, expectedProgress: 0.75, status: 'AT_RISK', startsOn: '2026-01-01', deadline: '2026-12-31',
      forecast: { value: 2300, low: 2100, high: 2500, confidence: 0.8, method: 'LEAST_SQUARES', asOf: '2026-09-29' },
    } as Omit<ReportKeyResult, 'series'>;
    let counted = false;
    return Object.defineProperty(kr, 'series', {
      enumerable: true,
      get: () => {
        if (!counted) reached++;
        counted = true;
        return series;
      },
    }) as ReportKeyResult;
  };
  const report: PlanReport = {
    plan: { id: 'UGxhbjox', name: 'Plan grande', description: null, startsOn: '2026-01-01', endsOn: '2026-12-31', status: 'ACTIVE' },
    objectiveCount: objectives,
    keyResultCount: objectives * perObjective,
    generatedAt: new Date('2026-09-30T12:00:00Z'),
    goals: [{
      id: 'goal', kind: 'OTHER', title: 'Meta', description: null,
      objectives: Array.from({ length: objectives }, (_, o) => ({
        id: `O-${o}`, title: `Objetivo ${o}`, framework: 'SMART', status: 'AT_RISK', score: null, startsOn: '2026-01-01', deadline: '2026-12-31',
        keyResults: Array.from({ length: perObjective }, (_, k) => keyResult(o * perObjective + k)),
      })),
    }],
  };
  return { report, reached: () => reached };
}

/** Event-loop turns with no new key result reached: the writer is waiting, not working. */
async function untilIdle(reached: () => number, turns = 50) {
  let last = -1;
  let still = 0;
  while (still < turns) {
    await new Promise((resolve) => setImmediate(resolve));
    const now = reached();
    still = now === last ? still + 1 : 0;
    last = now;
  }
  return last;
}

describe('report streams', () => {
  for (const [name, open] of [
    ['the CSV series', (report: PlanReport) => planReportCsv(report, 'series', log)],
    ['the PDF', (report: PlanReport) => planReportPdf(report, 'es', log)],
  ] as const) {
    it(`${name} is written only as far ahead as the client reads`, async () => {
      const { report, reached } = countedReport();
      const reader = open(report).getReader();
      const first = await reader.read();
      expect(first.done).toBe(false);
      // The client stops reading: the writer stops a few key results ahead, nowhere near the end.
      const whileStalled = await untilIdle(reached);
      expect(whileStalled).toBeGreaterThan(0);
      expect(whileStalled).toBeLessThan(report.keyResultCount / 4);
      let bytes = first.value!.byteLength;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        bytes += value.byteLength;
      }
      expect(reached()).toBe(report.keyResultCount);
      expect(bytes).toBeGreaterThan(1_000_000);
    }, 60_000);
  }

  it('stops drawing when the client goes away', async () => {
    const { report, reached } = countedReport();
    const stream = planReportPdf(report, 'en', log);
    const reader = stream.getReader();
    await reader.read();
    await reader.cancel();
    const atCancel = await untilIdle(reached);
    expect(atCancel).toBeLessThan(report.keyResultCount / 4);
  });
});

import { Readable, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';
import { dayNumber, expectedProgressOn } from '@goalpost/domain';
import type { Logger } from 'pino';
import { reportStreamStrategy } from './reportStreamStrategy.ts';
import type { PlanReport, ReportKeyResult } from './planReportModel.ts';

/** The CSV's two files: one row per key result, or the daily series of every key result. */
export type CsvPart = 'keyResults' | 'series';

type Cell = string | number | null;

const keyResultColumns = [
  'plan', 'goal', 'objective', 'objective_id', 'key_result_id', 'key_result', 'metric', 'scope', 'status',
  'baseline', 'current', 'target', 'progress', 'expected', 'forecast', 'forecast_low', 'forecast_high', 'deadline',
] as const;
const seriesColumns = ['plan', 'objective', 'key_result_id', 'key_result', 'metric', 'day', 'value', 'expected'] as const;

const scopeOf = (kr: ReportKeyResult) => kr.accountHandle ?? (kr.platform ? `every ${kr.platform} account` : '');
const keyResultLabel = (kr: ReportKeyResult) => `${kr.metricLabel} — ${scopeOf(kr)}`;

/** The value the pace curve expects on `day`, or null outside the period, for MAINTAIN, or without baseline and target. */
function expectedOn(kr: ReportKeyResult, day: string): number | null {
  if (kr.direction === 'MAINTAIN' || kr.baseline === null || kr.target === null) return null;
  const share = (dayNumber(day) - dayNumber(kr.startsOn)) / Math.max(1, dayNumber(kr.deadline) - dayNumber(kr.startsOn));
  return share < 0 || share > 1 ? null : kr.baseline + (kr.target - kr.baseline) * expectedProgressOn(kr.pace, share);
}

function* keyResultRows(report: PlanReport): Generator<Cell[]> {
  for (const goal of report.goals) {
    for (const o of goal.objectives) {
      for (const kr of o.keyResults) {
        yield [
          report.plan.name, goal.title ?? '', o.title, o.id, kr.id, keyResultLabel(kr), kr.metric, scopeOf(kr), kr.status,
          kr.baseline, kr.current, kr.target, kr.progress, kr.expectedProgress,
          kr.forecast?.value ?? null, kr.forecast?.low ?? null, kr.forecast?.high ?? null, kr.deadline,
        ];
      }
    }
  }
}

function* seriesRows(report: PlanReport): Generator<Cell[]> {
  for (const goal of report.goals) {
    for (const o of goal.objectives) {
      for (const kr of o.keyResults) {
        for (const point of kr.series) yield [report.plan.name, o.title, kr.id, keyResultLabel(kr), kr.metric, point.at, point.value, expectedOn(kr, point.at)];
      }
    }
  }
}

/**
 * The plan's report as CSV (csv-stringify), one part at a time: RFC 4180 (CRLF, quotes doubled), UTF-8
 * with a BOM so spreadsheet apps read the accents, and every text cell that a spreadsheet would run as a
 * formula (= + - @, tab, CR first) prefixed with a quote. Rows are written as the client reads them:
 * nothing beyond the stream's buffer is held.
 */
export function planReportCsv(report: PlanReport, part: CsvPart, log: Logger): ReadableStream<Uint8Array> {
  const stringifier = stringify({
    bom: true,
    header: true,
    columns: [...(part === 'series' ? seriesColumns : keyResultColumns)],
    record_delimiter: 'windows',
    escape_formulas: true,
    cast: { number: (value) => String(value) },
  });
  const rows = part === 'series' ? seriesRows(report) : keyResultRows(report);
  // pipeline() pulls rows only as fast as the client reads, and stops them when it goes away.
  pipeline(Readable.from(rows), stringifier, (error) => {
    if (error && (error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') {
      log.error({ err: error, planId: report.plan.id }, 'plan report CSV failed while streaming');
    }
  });
  return Readable.toWeb(stringifier, { strategy: reportStreamStrategy() }) as ReadableStream<Uint8Array>;
}

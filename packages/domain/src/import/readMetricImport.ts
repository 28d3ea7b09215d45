import { parse, CsvError } from 'csv-parse/sync';
import { findMetric } from '../catalog/metricCatalog.ts';
import { isIsoDate } from '../time/calendarDays.ts';
import type { IsoDate } from '../vocabulary.ts';
import { columnKey, metaExportColumns } from './metricImportColumns.ts';
import { validatePoint, type IncomingPoint } from './validatePoint.ts';

/**
 * The file layouts read:
 * - `long`: `date,metric,value` (any column order, extra columns ignored), one point per row;
 * - `wide`: `date,<metric>,<metric>…`, one day per row; columns are catalog ids or titles of Meta's
 *   exports (the Facebook Page Insights export, with its second line of descriptions);
 * - `meta-single-metric`: Meta Business Suite's export of one metric: an optional `sep=,` line, a title
 *   line naming the metric, then `Date,Primary` rows.
 */
export type MetricImportFormat = 'long' | 'wide' | 'meta-single-metric';

export interface MetricImportIssue {
  /** The line of the file (1 is the first line), so people find it in a spreadsheet. */
  row: number;
  /** The column title the problem is in, when it is in one. */
  column?: string;
  rule: string;
  message: string;
}

export type MetricImport =
  | { ok: true; format: MetricImportFormat; points: IncomingPoint[]; rows: number; ignoredColumns: string[] }
  | { ok: false; format?: MetricImportFormat; issues: MetricImportIssue[]; totalIssues: number };

export interface MetricImportOptions {
  today: IsoDate;
  /** More points than this is refused whole: split the file (each import is one transaction). */
  maxPoints?: number;
  /** At most this many issues are listed; `totalIssues` counts them all. */
  maxIssues?: number;
}

interface Line {
  row: number;
  cells: string[];
}

const thousands = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;
const plainNumber = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** A number as spreadsheets write it: `1234`, `1234.5`, `1,234`, `12%` is not one (say it plainly). */
function readNumber(text: string): number | undefined {
  const t = text.trim();
  if (thousands.test(t)) return Number(t.replace(/,/g, ''));
  return plainNumber.test(t) ? Number(t) : undefined;
}

/** `2026-03-01`, `2026-03-01T00:00:00` (Meta) or `03/01/2026` (US month first, as Meta's exports write it). */
function readDay(text: string): IsoDate | undefined {
  const t = text.trim();
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(t);
  if (iso) return isIsoDate(iso[1]!) ? iso[1] : undefined;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (!us) return undefined;
  const day = `${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}`;
  return isIsoDate(day) ? day : undefined;
}

/** The catalog metric a column title names: its id, or a known title of Meta's exports. */
function metricOfTitle(title: string): string | undefined {
  const id = title.trim().toLowerCase();
  if (findMetric(id)) return id;
  return metaExportColumns[columnKey(title)];
}

function readLines(text: string): { lines: Line[] } | { issue: MetricImportIssue } {
  // Meta's exports open with Excel's `sep=,` hint, which is no CSV record.
  const sepHint = /^\uFEFF?"?sep=.?"?\r?\n/i.exec(text);
  const body = sepHint ? text.slice(sepHint[0].length) : text;
  const offset = sepHint ? 1 : 0;
  try {
    const records = parse(body, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
    return { lines: records.map(({ record, info }) => ({ row: info.lines + offset, cells: record })) };
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const row = ((error as CsvError & { lines?: number }).lines ?? 1) + offset;
    return { issue: { row, rule: 'csv', message: `the file is not valid CSV here (${error.code}): check the quotes on this line` } };
  }
}

/**
 * Reads a metrics file into points, all or nothing: every bad row is reported with its line number and
 * why, and a file with any bad row yields no points. Each point obeys the same rules as manual entry
 * (`validatePoint`); a metric given twice for the same day is refused rather than one silently winning.
 */
export function readMetricImport(text: string, options: MetricImportOptions): MetricImport {
  const maxPoints = options.maxPoints ?? 50_000;
  const maxIssues = options.maxIssues ?? 50;
  const read = readLines(text);
  if ('issue' in read) return { ok: false, issues: [read.issue], totalIssues: 1 };
  const [header, ...rest] = read.lines;
  if (!header) return { ok: false, issues: [{ row: 1, rule: 'empty', message: 'the file has no rows: export it again, or start from a date,metric,value header' }], totalIssues: 1 };

  const issues: MetricImportIssue[] = [];
  const points: (IncomingPoint & { row: number; column: string })[] = [];
  const ignoredColumns: string[] = [];
  const keys = header.cells.map((c) => c.trim().toLowerCase());
  let format: MetricImportFormat;

  const addPoint = (row: number, column: string, metric: string, dayText: string, valueText: string, emptyIsMissing: boolean) => {
    const at = readDay(dayText);
    if (at === undefined) {
      issues.push({ row, column: 'date', rule: 'date', message: `"${dayText}" is not a date: write YYYY-MM-DD` });
      return;
    }
    if (valueText.trim() === '') {
      if (!emptyIsMissing) issues.push({ row, column, rule: 'required', message: 'the value is empty' });
      return;
    }
    const value = readNumber(valueText);
    if (value === undefined) {
      issues.push({ row, column, rule: 'number', message: `"${valueText}" is not a number: write digits, with a dot for decimals` });
      return;
    }
    for (const issue of validatePoint({ metric, at, value }, options.today)) {
      issues.push({ row, column: issue.field === 'at' ? 'date' : column, rule: issue.rule, message: issue.message });
    }
    points.push({ metric, at, value, row, column });
  };

  if (keys.includes('date') && keys.includes('metric') && keys.includes('value')) {
    format = 'long';
    const [d, m, v] = ['date', 'metric', 'value'].map((k) => keys.indexOf(k)) as [number, number, number];
    for (const line of rest) {
      const metric = (line.cells[m] ?? '').trim();
      addPoint(line.row, 'value', metric === '' ? '(empty)' : metric, line.cells[d] ?? '', line.cells[v] ?? '', false);
    }
  } else if (header.cells.length === 1 && rest[0] && rest[0].cells.map((c) => c.toLowerCase()).join(',') === 'date,primary') {
    format = 'meta-single-metric';
    const title = header.cells[0]!;
    const metric = metricOfTitle(title);
    if (!metric) {
      issues.push({ row: header.row, column: title, rule: 'catalog', message: `"${title}" is not a metric Goalpost reads from Meta's exports: import it as date,metric,value with a catalog metric` });
    } else {
      for (const line of rest.slice(1)) addPoint(line.row, title, metric, line.cells[0] ?? '', line.cells[1] ?? '', true);
    }
  } else if (keys[0] === 'date') {
    format = 'wide';
    const columns = header.cells.slice(1).map((title, i) => ({ title, index: i + 1, metric: metricOfTitle(title) }));
    for (const c of columns) if (!c.metric && c.title !== '') ignoredColumns.push(c.title);
    const read = columns.filter((c): c is typeof c & { metric: string } => c.metric !== undefined);
    if (read.length === 0) {
      issues.push({ row: header.row, rule: 'catalog', message: `none of the columns (${header.cells.slice(1).join(', ')}) is a catalog metric or a known Meta export title` });
    }
    // The Page Insights export's second line describes each column in words: not data.
    const described = rest[0] && readDay(rest[0].cells[0] ?? '') === undefined && rest[0].cells.slice(1).every((c) => c === '' || readNumber(c) === undefined);
    for (const line of described ? rest.slice(1) : rest) {
      for (const c of read) addPoint(line.row, c.title, c.metric, line.cells[0] ?? '', line.cells[c.index] ?? '', true);
    }
  } else {
    return {
      ok: false,
      issues: [{ row: header.row, rule: 'header', message: 'the first line must name the columns: date,metric,value (one point per row) or date followed by metric names (one day per row)' }],
      totalIssues: 1,
    };
  }

  const seen = new Map<string, number>();
  for (const p of points) {
    const key = `${p.metric}|${p.at}`;
    const first = seen.get(key);
    if (first !== undefined) issues.push({ row: p.row, column: p.column, rule: 'duplicate', message: `${p.metric} on ${p.at} is already given on line ${first}: keep one` });
    else seen.set(key, p.row);
  }
  if (points.length > maxPoints) {
    issues.push({ row: points[maxPoints]!.row, rule: 'too-many', message: `the file holds ${points.length} points; import at most ${maxPoints} at a time` });
  }
  if (issues.length > 0) {
    issues.sort((a, b) => a.row - b.row);
    return { ok: false, format, issues: issues.slice(0, maxIssues), totalIssues: issues.length };
  }
  return { ok: true, format, points: points.map(({ metric, at, value }) => ({ metric, at, value })), rows: rest.length, ignoredColumns };
}

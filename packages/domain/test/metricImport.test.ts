import { describe, expect, it } from 'vitest';
import { readMetricImport, validatePoint } from '../src/index.ts';

const today = '2026-03-15';

describe('validatePoint', () => {
  it('accepts a good point and names each broken rule otherwise', () => {
    expect(validatePoint({ metric: 'followers', at: '2026-03-01', value: 5000 }, today)).toEqual([]);
    const rules = (point: { metric: string; at: string; value: number }) => validatePoint(point, today).map((i) => `${i.field}:${i.rule}`);
    expect(rules({ metric: 'folowers', at: '2026-03-01', value: 1 })).toEqual(['metric:catalog']);
    expect(rules({ metric: 'engagement_rate_by_reach', at: '2026-03-01', value: 1 })).toEqual(['metric:raw']);
    expect(rules({ metric: 'reach', at: '2026-02-30', value: 1 })).toEqual(['at:date']);
    // Tomorrow has begun east of UTC; the day after has not begun anywhere.
    expect(rules({ metric: 'reach', at: '2026-03-16', value: 1 })).toEqual([]);
    expect(rules({ metric: 'reach', at: '2026-03-17', value: 1 })).toEqual(['at:not-future']);
    expect(rules({ metric: 'reach', at: '2026-03-01', value: -3 })).toEqual(['value:range']);
    expect(rules({ metric: 'reach', at: '2026-03-01', value: Number.NaN })).toEqual(['value:finite']);
    expect(rules({ metric: 'csat', at: '2026-03-01', value: 120 })).toEqual(['value:range']);
    expect(rules({ metric: 'nps', at: '2026-03-01', value: -40 })).toEqual([]);
  });
});

describe('readMetricImport', () => {
  it('reads a generic date,metric,value file', () => {
    const result = readMetricImport('\uFEFFDate,Metric,Value\r\n2026-03-01,followers,5000\r\n2026-03-02,followers,"5,012"\r\n\r\n2026-03-02,link_clicks,14\r\n', { today });
    expect(result).toEqual({
      ok: true, format: 'long', rows: 3, ignoredColumns: [],
      points: [
        { metric: 'followers', at: '2026-03-01', value: 5000 },
        { metric: 'followers', at: '2026-03-02', value: 5012 },
        { metric: 'link_clicks', at: '2026-03-02', value: 14 },
      ],
    });
  });

  it('refuses the whole file when one row is bad, naming its line, its column and the rule', () => {
    const result = readMetricImport('date,metric,value\n2026-03-01,followers,5000\n2026-03-02,followers,lots\n2026-03-03,followers,5020\n', { today });
    expect(result).toEqual({
      ok: false, format: 'long', totalIssues: 1,
      issues: [{ row: 3, column: 'value', rule: 'number', message: '"lots" is not a number: write digits, with a dot for decimals' }],
    });
  });

  it('reports every bad row, with the same rules as manual entry', () => {
    const csv = [
      'date,metric,value',
      '2026-03-01,folowers,10',
      '03/02/2026,reach,-1',
      '2026-13-01,reach,5',
      '2026-03-04,reach,',
      '2026-03-05,reach,7',
      '2026-03-05,reach,8',
    ].join('\n');
    const result = readMetricImport(csv, { today });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => `${i.row}:${i.column}:${i.rule}`)).toEqual([
      '2:value:catalog', '3:value:range', '4:date:date', '5:value:required', '7:value:duplicate',
    ]);
    expect(result.issues.at(-1)?.message).toBe('reach on 2026-03-05 is already given on line 6: keep one');
  });

  it('reads a wide file of catalog ids and Meta titles, leaving empty cells as missing and listing unknown columns', () => {
    const csv = 'Date,followers,Facebook Page reach,Shoe size\n2026-03-01,5000,1200,42\n2026-03-02,,1300,43\n';
    expect(readMetricImport(csv, { today })).toEqual({
      ok: true, format: 'wide', rows: 2, ignoredColumns: ['Shoe size'],
      points: [
        { metric: 'followers', at: '2026-03-01', value: 5000 },
        { metric: 'reach', at: '2026-03-01', value: 1200 },
        { metric: 'reach', at: '2026-03-02', value: 1300 },
      ],
    });
  });

  it("reads the Facebook Page Insights export, skipping its line of descriptions", () => {
    const csv = [
      'Date,Lifetime Total Likes,Daily Total Reach,Daily Total Impressions',
      ',"Lifetime: The total number of people who have liked your Page. (Unique Users)","Daily: The number of people who had any content from your Page enter their screen. (Unique Users)","Daily: The number of times any content from your Page entered a person\'s screen. (Total Count)"',
      '03/01/2026,5000,1200,1800',
      '03/02/2026,5010,1250,1900',
    ].join('\n');
    const result = readMetricImport(csv, { today });
    expect(result.ok && result.points).toEqual([
      { metric: 'followers', at: '2026-03-01', value: 5000 }, { metric: 'reach', at: '2026-03-01', value: 1200 }, { metric: 'impressions', at: '2026-03-01', value: 1800 },
      { metric: 'followers', at: '2026-03-02', value: 5010 }, { metric: 'reach', at: '2026-03-02', value: 1250 }, { metric: 'impressions', at: '2026-03-02', value: 1900 },
    ]);
  });

  it("reads Meta Business Suite's one-metric export, with its sep= line and timestamps", () => {
    const csv = 'sep=,\n"Instagram reach"\n"Date","Primary"\n"2026-03-01T00:00:00","812"\n"2026-03-02T00:00:00","790"\n';
    expect(readMetricImport(csv, { today })).toEqual({
      ok: true, format: 'meta-single-metric', rows: 3, ignoredColumns: [],
      points: [{ metric: 'reach', at: '2026-03-01', value: 812 }, { metric: 'reach', at: '2026-03-02', value: 790 }],
    });
    const unknown = readMetricImport('sep=,\n"Instagram follows"\n"Date","Primary"\n"2026-03-01T00:00:00","3"\n', { today });
    expect(unknown).toMatchObject({ ok: false, issues: [{ row: 2, rule: 'catalog' }] });
  });

  it('says what the header must be, and refuses broken quoting and oversized files', () => {
    expect(readMetricImport('day;count\n1;2\n', { today })).toMatchObject({ ok: false, issues: [{ row: 1, rule: 'header' }] });
    expect(readMetricImport('', { today })).toMatchObject({ ok: false, issues: [{ row: 1, rule: 'empty' }] });
    expect(readMetricImport('date,metric,value\n2026-03-01,reach,"12\n', { today })).toMatchObject({ ok: false, issues: [{ rule: 'csv' }] });
    const rows = Array.from({ length: 5 }, (_, i) => `2026-03-0${i + 1},reach,${i}`).join('\n');
    expect(readMetricImport(`date,metric,value\n${rows}`, { today, maxPoints: 3 })).toMatchObject({ ok: false, issues: [{ row: 5, rule: 'too-many' }] });
  });
});

import type { ReportWords } from './reportCatalog.ts';
import type { ReportFormatting } from './reportFormatting.ts';
import type { ChartPoint, KeyResultChartModel } from './keyResultChartModel.ts';

/**
 * Where a chart's parts sit, in PDF points from the top of its block: the plot box, then the day
 * labels, then the legend. The report tests find a chart by its legend and look at the box above it.
 */
export const chartLayout = {
  axisWidth: 56,
  plotHeight: 130,
  /** From the plot box's bottom edge to the legend's text line. */
  legendOffset: 20,
  blockHeight: 168,
} as const;

export const chartColors = {
  actual: '#1d4ed8',
  expected: '#6b7280',
  target: '#dc2626',
  forecast: '#f59e0b',
  frame: '#d1d5db',
  label: '#374151',
} as const;

/**
 * Draws a key result's chart as vectors at (x, y), `width` wide: the plot box with its value and day
 * scales, the forecast cone (filled, translucent) and its middle line, the expected path (dashed), the
 * target line, the actual series, and a legend naming each in the report's language.
 */
export function drawKeyResultChart(doc: PDFKit.PDFDocument, model: KeyResultChartModel, at: { x: number; y: number; width: number }, words: ReportWords, format: ReportFormatting, fontSize = 7) {
  const left = at.x + chartLayout.axisWidth;
  const top = at.y;
  const width = at.width - chartLayout.axisWidth;
  const height = chartLayout.plotHeight;
  const sx = (x: number) => left + ((x - model.xMin) / Math.max(1, model.xMax - model.xMin)) * width;
  const sy = (y: number) => top + height - ((y - model.yMin) / (model.yMax - model.yMin)) * height;
  const polyline = (points: readonly ChartPoint[]) => {
    points.forEach((p, i) => (i === 0 ? doc.moveTo(sx(p.x), sy(p.y)) : doc.lineTo(sx(p.x), sy(p.y))));
  };

  doc.save();
  doc.lineWidth(0.5).rect(left, top, width, height).stroke(chartColors.frame);
  doc.fontSize(fontSize).fillColor(chartColors.label);
  for (const share of [0, 0.5, 1]) {
    const value = model.yMin + (model.yMax - model.yMin) * share;
    const y = sy(value);
    if (share > 0 && share < 1) doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.25).stroke(chartColors.frame);
    doc.fillColor(chartColors.label).text(format.number(value), at.x, y - fontSize / 2, { width: chartLayout.axisWidth - 4, align: 'right', lineBreak: false });
  }
  const dayLabel = (day: number) => format.day(new Date(day * 86_400_000).toISOString().slice(0, 10));
  doc.text(dayLabel(model.xMin), left, top + height + 3, { lineBreak: false });
  const endLabel = dayLabel(model.xMax);
  doc.text(endLabel, left + width - doc.widthOfString(endLabel), top + height + 3, { lineBreak: false });

  // The plot is clipped to its box: a forecast far off the scale stays inside it.
  doc.save();
  doc.rect(left, top, width, height).clip();
  if (model.forecast) {
    const { from, low, high, value } = model.forecast;
    doc.polygon([sx(from.x), sy(from.y)], [sx(low.x), sy(low.y)], [sx(high.x), sy(high.y)]).fillOpacity(0.25).fill(chartColors.forecast);
    doc.fillOpacity(1);
    doc.moveTo(sx(from.x), sy(from.y)).lineTo(sx(value.x), sy(value.y)).lineWidth(1).stroke(chartColors.forecast);
  }
  if (model.expected.length) {
    polyline(model.expected);
    doc.lineWidth(1).dash(3, { space: 2 }).stroke(chartColors.expected);
    doc.undash();
  }
  if (model.target !== null) {
    doc.moveTo(left, sy(model.target)).lineTo(left + width, sy(model.target)).lineWidth(1).stroke(chartColors.target);
  }
  if (model.actual.length === 1) {
    const p = model.actual[0]!;
    doc.circle(sx(p.x), sy(p.y), 1.5).fill(chartColors.actual);
  } else if (model.actual.length > 1) {
    polyline(model.actual);
    doc.lineWidth(1.5).stroke(chartColors.actual);
  }
  doc.restore();

  // The legend: a swatch and a word for each line.
  let x = left;
  const y = top + height + chartLayout.legendOffset;
  for (const [color, label, dashed] of [
    [chartColors.actual, words.chart.actual, false],
    [chartColors.expected, words.chart.expected, true],
    [chartColors.target, words.chart.target, false],
    [chartColors.forecast, words.chart.forecast, false],
  ] as const) {
    doc.moveTo(x, y + fontSize / 2).lineTo(x + 12, y + fontSize / 2).lineWidth(2);
    if (dashed) doc.dash(3, { space: 2 });
    doc.stroke(color);
    doc.undash();
    doc.fillColor(chartColors.label).text(label, x + 15, y, { lineBreak: false });
    x += 15 + doc.widthOfString(label) + 14;
  }
  doc.restore();
}

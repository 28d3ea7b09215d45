import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import PDFDocument from 'pdfkit';
import type { Logger } from 'pino';
import { reportStreamStrategy } from './reportStreamStrategy.ts';
import { keyResultChartModel } from './keyResultChartModel.ts';
import { chartLayout, drawKeyResultChart } from './keyResultChartPdf.ts';
import type { PlanReport, ReportKeyResult, ReportObjective } from './planReportModel.ts';
import { reportWords, type ReportLanguage, type ReportWords } from './reportCatalog.ts';
import { reportFormatting, type ReportFormatting } from './reportFormatting.ts';

const require = createRequire(import.meta.url);
/**
 * DejaVu Sans from the dejavu-fonts-ttf package, embedded (subset) in every report: Latin accents and
 * beyond. Fonts are named by their path, never by a registered alias: pdfkit caches a font under the
 * name it was first opened by, and an alias of an open font would be read from disk again at each use.
 */
const fonts = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};

const margin = 50;
const colors = { text: '#111827', muted: '#4b5563', rule: '#e5e7eb' };

/** The statuses, most pressing first, as the cover counts them. */
const statusOrder = ['OFF_TRACK', 'AT_RISK', 'ON_TRACK', 'ACHIEVED', 'MISSED', 'NO_DATA', 'NOT_STARTED'] as const;

function scopeText(kr: ReportKeyResult, words: ReportWords): string {
  if (kr.accountHandle) return kr.accountHandle;
  return kr.platform ? words.everyAccountOf(kr.platform) : words.noValue;
}

class ReportWriter {
  constructor(readonly doc: PDFKit.PDFDocument, readonly words: ReportWords, readonly format: ReportFormatting) {}

  get contentWidth() {
    return this.doc.page.width - 2 * margin;
  }

  /** A new page when less than `height` points are left on this one. */
  room(height: number) {
    if (this.doc.y + height > this.doc.page.height - margin) this.doc.addPage();
  }

  line(text: string, options: { size?: number; bold?: boolean; color?: string; gap?: number } = {}) {
    this.doc.font(options.bold ? fonts.bold : fonts.regular).fontSize(options.size ?? 10).fillColor(options.color ?? colors.text);
    this.doc.text(text, margin, this.doc.y, { width: this.contentWidth });
    if (options.gap) this.doc.moveDown(options.gap);
  }

  cover(report: PlanReport) {
    const { words, format } = this;
    this.line(words.title.toUpperCase(), { size: 9, color: colors.muted, gap: 0.3 });
    this.line(report.plan.name, { size: 24, bold: true, gap: 0.2 });
    this.line(`${words.period}: ${format.day(report.plan.startsOn)} – ${format.day(report.plan.endsOn)}`, { size: 11, color: colors.muted });
    this.line(`${words.generatedOn} ${format.day(report.generatedAt.toISOString().slice(0, 10))}`, { size: 9, color: colors.muted, gap: 0.8 });
    if (report.plan.description) this.line(report.plan.description, { size: 10, gap: 0.8 });

    const counts = new Map<string, number>();
    for (const goal of report.goals) for (const o of goal.objectives) counts.set(o.status, (counts.get(o.status) ?? 0) + 1);
    if (counts.size) {
      this.line(words.objectivesByStatus, { size: 12, bold: true, gap: 0.2 });
      this.line(statusOrder.filter((s) => counts.has(s)).map((s) => `${words.status[s]}: ${counts.get(s)}`).join('   ·   '), { gap: 0.8 });
    }

    this.line(words.goals, { size: 14, bold: true, gap: 0.3 });
    if (report.goals.length === 0) this.line(words.noGoals, { color: colors.muted });
    for (const goal of report.goals) {
      this.room(40);
      const heading = goal.kind ? `${words.goalKind[goal.kind]} — ${goal.title}` : words.withoutGoal;
      this.line(heading, { size: 11, bold: true, gap: 0.1 });
      if (goal.description) this.line(goal.description, { size: 9, color: colors.muted, gap: 0.1 });
      if (goal.objectives.length === 0) this.line(words.noObjectives, { size: 9, color: colors.muted });
      for (const o of goal.objectives) this.line(`•  ${o.title} — ${words.status[o.status]}`, { size: 9 });
      this.doc.moveDown(0.5);
    }
  }

  objective(o: ReportObjective) {
    const { words, format } = this;
    this.room(120);
    this.doc.moveDown(0.5);
    this.doc.moveTo(margin, this.doc.y).lineTo(margin + this.contentWidth, this.doc.y).lineWidth(1).stroke(colors.rule);
    this.doc.moveDown(0.5);
    this.line(o.title, { size: 15, bold: true, gap: 0.1 });
    const score = o.score ? `${words.score}: ${format.share(o.score.score)} (${o.score.grade})` : `${words.score}: ${words.noScore}`;
    this.line(`${words.status[o.status]}   ·   ${score}   ·   ${words.framework}: ${o.framework}`, { size: 10, bold: true });
    this.line(`${words.period}: ${format.day(o.startsOn)} – ${format.day(o.deadline)}`, { size: 9, color: colors.muted, gap: 0.5 });
    if (o.keyResults.length === 0) this.line(words.noKeyResults, { size: 9, color: colors.muted, gap: 0.5 });
  }

  keyResult(kr: ReportKeyResult) {
    const { doc, words, format } = this;
    this.room(110 + chartLayout.blockHeight);
    this.line(`${kr.metricLabel} — ${words.direction[kr.direction]}`, { size: 11, bold: true });
    this.line(`${words.measuredOn}: ${scopeText(kr, words)}   ·   ${words.status[kr.status]}`, { size: 9, color: colors.muted, gap: 0.3 });
    const forecast = kr.forecast
      ? words.forecastRange(format.number(kr.forecast.value, kr.unit), format.number(kr.forecast.low, kr.unit), format.number(kr.forecast.high, kr.unit))
      : words.noForecast;
    const cells: [string, string][] = [
      [words.baseline, format.number(kr.baseline, kr.unit)],
      [words.current, format.number(kr.current, kr.unit)],
      [words.target, format.number(kr.target, kr.unit)],
      [words.progress, format.share(kr.progress)],
      [words.expected, format.share(kr.expectedProgress)],
      [words.deadline, format.day(kr.deadline)],
    ];
    // Numbers in three columns of label over value, then the forecast on a line of its own.
    const columnWidth = this.contentWidth / 3;
    for (let row = 0; row < cells.length; row += 3) {
      const y = doc.y;
      cells.slice(row, row + 3).forEach(([label, value], i) => {
        const x = margin + i * columnWidth;
        doc.font(fonts.regular).fontSize(8).fillColor(colors.muted).text(label, x, y, { width: columnWidth - 8, lineBreak: false });
        doc.font(fonts.bold).fontSize(10).fillColor(colors.text).text(value, x, y + 10, { width: columnWidth - 8, lineBreak: false });
      });
      doc.y = y + 26;
    }
    this.line(`${words.forecast}: ${forecast}`, { size: 9, gap: 0.4 });
    const top = doc.y;
    doc.font(fonts.regular);
    drawKeyResultChart(doc, keyResultChartModel(kr), { x: margin, y: top, width: this.contentWidth }, words, format);
    if (kr.series.length === 0) {
      doc.fontSize(8).fillColor(colors.muted).text(words.noSeries, margin + chartLayout.axisWidth + 6, top + 6, { lineBreak: false });
    }
    doc.x = margin;
    doc.y = top + chartLayout.blockHeight;
  }
}

/**
 * The plan's report as a PDF (pdfkit: vectors, no browser), streamed as it is drawn: the document is
 * a Readable that yields each finished page; between key results the drawing lets the pages already
 * done go out, and waits while the client has not read what is buffered. A client that goes away stops
 * the drawing.
 */
export function planReportPdf(report: PlanReport, language: ReportLanguage, log: Logger): ReadableStream<Uint8Array> {
  const words = reportWords[language];
  const format = reportFormatting(language, words.noValue);
  const doc = new PDFDocument({
    size: 'A4',
    margin,
    font: fonts.regular,
    lang: language,
    displayTitle: true,
    info: { Title: `${words.title}: ${report.plan.name}`, Creator: 'Goalpost', CreationDate: report.generatedAt },
  });
  const writer = new ReportWriter(doc, words, format);
  // pdfkit pushes pages whether or not anyone reads them; drawing waits while a full buffer is unread.
  let wake: (() => void) | null = null;
  const resume = () => {
    wake?.();
    wake = null;
  };
  doc._read = resume;
  doc.once('close', resume);
  const whileUnread = async () => {
    while (!doc.destroyed && doc.readableLength >= doc.readableHighWaterMark) await new Promise<void>((resolve) => (wake = resolve));
  };

  void (async () => {
    writer.cover(report);
    for (const goal of report.goals) {
      for (const objective of goal.objectives) {
        if (doc.destroyed) return;
        doc.addPage();
        writer.objective(objective);
        for (const kr of objective.keyResults) {
          if (doc.destroyed) return;
          writer.keyResult(kr);
          await yieldToEventLoop();
          await whileUnread();
        }
        await whileUnread();
      }
    }
    doc.end();
  })().catch((error: unknown) => {
    log.error({ err: error, planId: report.plan.id }, 'plan report PDF failed while streaming');
    doc.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return Readable.toWeb(doc, { strategy: reportStreamStrategy() }) as ReadableStream<Uint8Array>;
}

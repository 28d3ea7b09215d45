import { useEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { chartModel, type ChartInput } from './chartModel.ts';
import { statusColors } from './statusColors.ts';

export interface KeyResultChartProps {
  input: ChartInput;
  unit: string | undefined;
  label: string;
  /** Plan page: a smaller chart without the readout and the data table. */
  compact?: boolean;
}

const colors = { actual: '#1f4fa3', expected: '#4b5563', target: '#0f766e', cone: '#b45309' };

/**
 * The key result over its period, drawn with uPlot on a canvas: actual series, expected path, target,
 * today and the deadline, the forecast cone, and the status history as a band along the bottom.
 * Hover (or touch) reads one day out in words; the full chart also offers the numbers as a table.
 */
export default function KeyResultChart({ input, unit, label, compact = false }: KeyResultChartProps) {
  const { t, f } = useI18n();
  const model = useMemo(() => chartModel(input), [input]);
  const box = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<number | null>(null);
  const fmt = (v: number | null | undefined) => f.metric(v, unit);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const height = compact ? 120 : element.clientWidth < 500 ? 240 : 320;
    const bandHeight = compact ? 5 : 10;
    const opts: uPlot.Options = {
      width: Math.max(200, element.clientWidth),
      height,
      legend: { show: false },
      cursor: compact ? { show: false } : { points: { size: 7 }, drag: { x: false, y: false } },
      scales: { x: { time: true } },
      axes: [
        { values: (_u, splits) => splits.map((s) => f.shortDay(new Date(s * 1000).toISOString())), size: compact ? 24 : 36, font: '11px system-ui', stroke: '#374151', grid: { stroke: '#e5e7eb' } },
        { values: (_u, splits) => splits.map((s) => f.compact(s)), size: compact ? 40 : 52, font: '11px system-ui', stroke: '#374151', grid: { stroke: '#e5e7eb' } },
      ],
      series: [
        {},
        { label: t.chart.actual, stroke: colors.actual, width: 2, spanGaps: true, points: { show: false } },
        { label: t.chart.expected, stroke: colors.expected, width: 1.5, dash: [6, 4], points: { show: false } },
        { label: t.chart.target, stroke: colors.target, width: 1.5, dash: [2, 3], points: { show: false } },
        { label: t.chart.forecastLow, stroke: 'rgba(180,83,9,0.5)', width: 1, points: { show: false } },
        { label: t.chart.forecastHigh, stroke: 'rgba(180,83,9,0.5)', width: 1, points: { show: false } },
        { label: t.chart.forecast, stroke: colors.cone, width: 1.5, dash: [3, 3], points: { show: false } },
      ],
      bands: [{ series: [5, 4], fill: 'rgba(217,119,6,0.16)' }],
      hooks: {
        draw: [
          (u) => {
            const ctx = u.ctx;
            const { left, top, width, height: h } = u.bbox;
            const dpr = uPlot.pxRatio;
            // Status history along the bottom of the plot.
            const dayWidth = model.x.length > 1 ? u.valToPos(model.x[1]!, 'x', true) - u.valToPos(model.x[0]!, 'x', true) : width;
            model.statusOn.forEach((status, i) => {
              if (!status) return;
              ctx.fillStyle = statusColors[status];
              ctx.fillRect(u.valToPos(model.x[i]!, 'x', true) - dayWidth / 2, top + h - bandHeight * dpr, Math.ceil(dayWidth), bandHeight * dpr);
            });
            const vertical = (index: number | null, color: string, text: string) => {
              if (index === null || index < 0) return;
              const px = u.valToPos(model.x[index]!, 'x', true);
              ctx.save();
              ctx.strokeStyle = color;
              ctx.lineWidth = dpr;
              ctx.setLineDash([4 * dpr, 3 * dpr]);
              ctx.beginPath();
              ctx.moveTo(px, top);
              ctx.lineTo(px, top + h);
              ctx.stroke();
              if (!compact) {
                ctx.fillStyle = color;
                ctx.font = `${11 * dpr}px system-ui`;
                ctx.textAlign = px > left + width - 60 * dpr ? 'right' : 'left';
                ctx.fillText(text, px + (ctx.textAlign === 'right' ? -4 : 4) * dpr, top + 12 * dpr);
              }
              ctx.restore();
            };
            vertical(model.todayIndex, '#374151', t.chart.today);
            vertical(model.deadlineIndex, '#7c2d12', t.chart.deadline);
          },
        ],
        setCursor: [(u) => setHover(u.cursor.idx ?? null)],
      },
    };
    const data: uPlot.AlignedData = [model.x, model.actual, model.expected, model.target, model.coneLow, model.coneHigh, model.coneMid];
    const plot = new uPlot(opts, data, element);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(200, element.clientWidth), height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [model, compact, t, f]);

  const last = input.series.at(-1);
  const summary = t.chart.summary(label, last ? fmt(last.value) : '—', fmt(input.target), f.day(input.deadline),
    input.forecast ? `${fmt(input.forecast.low)}–${fmt(input.forecast.high)}` : null);
  const hovered = hover !== null ? hover : null;

  return (
    <figure className={compact ? 'chart chart-compact' : 'chart'}>
      <div ref={box} className="chart-canvas" role="img" aria-label={summary} data-testid="kr-chart" data-points={input.series.length} />
      {!compact && (
        <div className="chart-readout" aria-live="polite" data-testid="chart-readout">
          {hovered === null ? <span className="muted">{t.chart.hoverHint}</span> : (
            <>
              <strong>{f.day(model.days[hovered]!)}</strong>{' '}
              {t.chart.actual}: {fmt(model.actual[hovered])}
              {model.expected[hovered] !== null && <> · {t.chart.expected}: {fmt(model.expected[hovered])}</>}
              {model.coneMid[hovered] !== null && model.actual[hovered] === null && <> · {t.chart.forecast}: {fmt(model.coneLow[hovered])}–{fmt(model.coneHigh[hovered])}</>}
              {model.statusOn[hovered] && <> · <StatusBadge status={model.statusOn[hovered]!} /></>}
            </>
          )}
        </div>
      )}
      <figcaption className="chart-legend">
        <span><i className="key key-actual" aria-hidden="true" />{t.chart.actual}</span>
        <span><i className="key key-expected" aria-hidden="true" />{t.chart.expected}</span>
        <span><i className="key key-target" aria-hidden="true" />{t.chart.target}</span>
        <span><i className="key key-cone" aria-hidden="true" />{t.chart.cone}</span>
        {!compact && model.spans.length > 0 && (
          <span className="status-spans">
            {t.chart.statusHistory}:{' '}
            {model.spans.map((s) => (
              <span key={s.from} className="status-span">
                <i className="key" style={{ background: statusColors[s.status] }} aria-hidden="true" />
                {t.status[s.status]} ({f.shortDay(s.from)}–{f.shortDay(s.to)})
              </span>
            ))}
          </span>
        )}
      </figcaption>
      {!compact && (
        <details className="chart-table">
          <summary>{t.chart.table}</summary>
          <div className="table-scroll">
            <table>
              <thead><tr><th scope="col">{t.chart.day}</th><th scope="col">{t.chart.actual}</th><th scope="col">{t.chart.expected}</th><th scope="col">{t.chart.statusColumn}</th></tr></thead>
              <tbody>
                {model.days.map((day, i) => model.actual[i] === null ? null : (
                  <tr key={day}><th scope="row">{f.day(day)}</th><td>{fmt(model.actual[i])}</td><td>{fmt(model.expected[i])}</td><td>{model.statusOn[i] ? t.status[model.statusOn[i]!] : '—'}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </figure>
  );
}

/**
 * The geometry of a trend chart (drawn as SVG by nb-trends), DOM-free: one x position per year,
 * a y scale from 0 to a round maximum, the line broken where a year has no figure (no report,
 * a text-only year, a measure the year's format lacks), and bands marking text-only years.
 */
import type { TrendSeries, TrendYear } from '../../core/compare';

export interface ChartBox {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

export const CHART_BOX: ChartBox = {
  width: 420,
  height: 170,
  left: 44,
  right: 12,
  top: 12,
  bottom: 28,
};

export interface ChartGeometry {
  readonly box: ChartBox;
  readonly xs: readonly number[];
  /** Polyline pieces (runs of consecutive years with figures), as SVG point lists. */
  readonly lines: readonly string[];
  readonly dots: readonly { x: number; y: number; year: number; value: number }[];
  readonly ticks: readonly { y: number; label: string }[];
  /** Text-only and missing years: x and the kind. */
  readonly gaps: readonly { x: number; kind: 'legacy' | 'missing'; year: number }[];
}

/** A round maximum ≥ max: 1, 2, 5 × 10^n. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

function tickLabel(v: number, percent: boolean): string {
  const text = Number.isInteger(v) ? String(v) : v.toFixed(1);
  return percent ? `${text}%` : text;
}

export function chartGeometry(
  series: TrendSeries,
  years: readonly TrendYear[],
  box: ChartBox = CHART_BOX,
): ChartGeometry {
  const n = years.length;
  const plotW = box.width - box.left - box.right;
  const plotH = box.height - box.top - box.bottom;
  const xs = years.map((_, i) => box.left + (n <= 1 ? plotW / 2 : (i * plotW) / (n - 1)));
  const values = series.points.map((p) => p.value);
  const max = niceMax(Math.max(0, ...values.filter((v): v is number => v !== null)));
  const yOf = (v: number) => box.top + plotH - (v / max) * plotH;
  const lines: string[] = [];
  let run: string[] = [];
  const dots: ChartGeometry['dots'][number][] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length > 1) lines.push(run.join(' '));
      run = [];
      return;
    }
    const x = xs[i]!;
    const y = yOf(v);
    run.push(`${x.toFixed(1)},${y.toFixed(1)}`);
    dots.push({ x, y, year: years[i]!.year, value: v });
  });
  if (run.length > 1) lines.push(run.join(' '));
  const ticks = [0, 0.5, 1].map((f) => ({
    y: yOf(max * f),
    label: tickLabel(max * f, series.measure === '%'),
  }));
  const gaps = years.flatMap((y, i) =>
    y.kind === 'structured' ? [] : [{ x: xs[i]!, kind: y.kind, year: y.year }],
  );
  return { box, xs, lines, dots, ticks, gaps };
}

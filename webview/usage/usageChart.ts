// Stacked bar charts in SVG, drawn here: one <path> per series (each bar a subpath), so 30 models
// over 120 periods are 30 elements, not 3,600. No chart library: the page's CSP allows no inline
// style or eval, and bars, two axis labels and a legend are less code than adapting one.
// Colours come from VS Code's chart theme variables through classes (media/usage.css).

const SVG = 'http://www.w3.org/2000/svg';
export const PALETTE_SIZE = 8;

export interface ChartSeries { label: string; values: readonly number[] }

export interface ChartOptions {
  title: string;
  /** Epoch ms of the first bucket and the width of one, for the time axis. */
  startMs: number;
  bucketMs: number;
  /** Formats a value of the y axis (counts, tokens). */
  format: (n: number) => string;
}

/** The top of the y axis: a round number (1, 2, 5 × 10^n), even when small so that its middle line is a whole count. */
export function axisMax(max: number): number {
  const top = niceMax(max);
  return top < 10 ? Math.max(2, 2 * Math.ceil(top / 2)) : top;
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/** A round number at or above `max` for the top of the y axis (1, 2, 5 × 10^n). */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

// Formatters made once: each toLocale…String call builds one anew, which costs more than a chart.
const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const DATE = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

/** The time of an axis end: with the date when the chart spans more than a few hours. */
function timeLabel(ms: number, spanMs: number): string {
  const time = TIME.format(ms);
  if (spanMs <= 6 * 3_600_000) return time;
  const date = DATE.format(ms);
  return spanMs > 3 * 86_400_000 ? date : `${date} ${time}`;
}

/**
 * A stacked bar chart of the series (first series at the bottom), with its y maximum, the first and
 * last bucket's times, and an accessible summary. The SVG scales to its container's width.
 */
export function stackedBars(series: readonly ChartSeries[], o: ChartOptions): SVGSVGElement {
  const W = 800;
  const H = 200;
  const left = 48;
  const right = 8;
  const top = 10;
  const bottom = 22;
  const n = series[0]?.values.length ?? 0;
  const totals = new Array<number>(n).fill(0);
  for (const s of series) for (let i = 0; i < n; i++) totals[i]! += s.values[i] ?? 0;
  const yMax = axisMax(Math.max(0, ...totals));
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const slot = n ? plotW / n : plotW;
  const bar = Math.max(1, slot * 0.8);
  const y = (v: number) => top + plotH - (v / yMax) * plotH;

  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'usage-chart', role: 'img' });
  const sum = totals.reduce((a, b) => a + b, 0);
  root.setAttribute('aria-label', `${o.title}: ${o.format(sum)} in all, at most ${o.format(Math.max(0, ...totals))} per period`);
  // Grid: the baseline, the middle and the top, with their values.
  for (const f of [0, 0.5, 1]) {
    const gy = y(yMax * f);
    root.append(svg('line', { x1: left, x2: W - right, y1: gy, y2: gy, class: f === 0 ? 'usage-axis' : 'usage-grid' }));
    const t = svg('text', { x: left - 6, y: gy + 4, class: 'usage-tick', 'text-anchor': 'end' });
    t.textContent = o.format(yMax * f);
    root.append(t);
  }
  const base = new Array<number>(n).fill(0);
  series.forEach((s, k) => {
    let d = '';
    for (let i = 0; i < n; i++) {
      const v = s.values[i] ?? 0;
      if (v <= 0) continue;
      const x = left + i * slot + (slot - bar) / 2;
      const y0 = y(base[i]!);
      const y1 = y(base[i]! + v);
      base[i]! += v;
      d += `M${x.toFixed(1)} ${y0.toFixed(1)}V${y1.toFixed(1)}h${bar.toFixed(1)}V${y0.toFixed(1)}Z`;
    }
    if (!d) return;
    const path = svg('path', { d, class: `usage-series usage-series-${k % PALETTE_SIZE}`, 'data-series': s.label });
    const title = svg('title', {});
    title.textContent = s.label;
    path.append(title);
    root.append(path);
  });
  const t0 = svg('text', { x: left, y: H - 6, class: 'usage-tick', 'text-anchor': 'start' });
  t0.textContent = timeLabel(o.startMs, n * o.bucketMs);
  const t1 = svg('text', { x: W - right, y: H - 6, class: 'usage-tick', 'text-anchor': 'end' });
  t1.textContent = timeLabel(o.startMs + n * o.bucketMs, n * o.bucketMs);
  root.append(t0, t1);
  return root;
}

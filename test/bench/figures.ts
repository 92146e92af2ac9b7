// The figures a benchmark reports, and the one table `npm run bench` prints. Every figure is a
// ratio against a baseline measured in the same run, or a count/duration with its target, so the
// table reads the same on a fast or a noisy machine.
import { median } from './stats';

export interface Figure {
  /** What is measured, as in the README's table. */
  name: string;
  /** The measured value (NaN when the benchmark could not run; `note` says why). */
  value: number;
  /** How the value is shown: '×' ratio, 'ms', 'MB', 'KB', '/s', 'count'. */
  unit: '×' | 'ms' | 'MB' | 'KB' | '/s' | 'count';
  /** The target, as a bound on the value; undefined = reported only. */
  target?: { op: '<=' | '>='; value: number };
  /** The baseline or the raw figures behind a ratio, for the reader. */
  detail?: string;
  /** Why a figure is missing or how to read it. */
  note?: string;
  /**
   * The durations (ms) of the runs or samples behind the figure (for a ratio, its own side's).
   * The table adds their median and worst to the detail column: a busy machine shows in the worst.
   */
  runs?: readonly number[];
}

/** "median 12.3 ms, worst 45.6 ms of 10": what every duration figure adds to its detail. */
export function spread(runs: readonly number[]): string {
  if (!runs.length) return '';
  const ms = (v: number) => formatValue(v, 'ms');
  return `median ${ms(median(runs))}, worst ${ms(Math.max(...runs))} of ${runs.length}`;
}

export type Verdict = 'met' | 'MISSED' | 'info' | 'n/a';

export function verdict(f: Figure): Verdict {
  if (!Number.isFinite(f.value)) return 'n/a';
  if (!f.target) return 'info';
  const ok = f.target.op === '<=' ? f.value <= f.target.value : f.value >= f.target.value;
  return ok ? 'met' : 'MISSED';
}

export function formatValue(value: number, unit: Figure['unit']): string {
  if (!Number.isFinite(value)) return '—';
  switch (unit) {
    case '×': return `${value < 0.1 ? value.toFixed(3) : value.toFixed(2)}×`;
    case 'ms': return `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0)} ms`;
    case 'MB': return `${value.toFixed(1)} MB`;
    case 'KB': return `${value.toFixed(0)} KB`;
    case '/s': return `${value.toFixed(1)}/s`;
    case 'count': return String(Math.round(value));
  }
}

function targetText(f: Figure): string {
  return f.target ? `${f.target.op === '<=' ? '≤' : '≥'} ${formatValue(f.target.value, f.unit)}` : '—';
}

function detailText(f: Figure): string {
  const text = f.detail ?? f.note ?? '';
  if (!f.runs?.length) return text;
  return text ? `${spread(f.runs)}; ${text}` : spread(f.runs);
}

/** A Markdown table (it reads well in a terminal and pastes into the README as is). */
export function table(figures: Figure[]): string {
  const rows = figures.map((f) => [f.name, formatValue(f.value, f.unit), targetText(f), verdict(f), detailText(f)]);
  const head = ['Figure', 'Value', 'Target', 'Verdict', 'Baseline / detail'];
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map((_, i) => (i === 1 || i === 2 ? '---:' : '---')).join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

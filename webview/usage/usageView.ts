// Draws a usage report: two stacked bar charts (invocations, tokens) with one colour per model
// (the busiest models each, the rest as "Other models"), a legend, and the table per model.
// DOM only, no host: the benchmark draws the same function.

import type { ModelUsage, UsageReport } from '../../src/protocol/usage';
import { h } from '../dom';
import { type ChartSeries, PALETTE_SIZE, stackedBars } from './usageChart';

const count = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
const ms = (v: number | undefined) => (v === undefined ? '—' : v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${count.format(v)} ms`);

/** The busiest models get a colour each; the others are summed into one series. */
function seriesOf(models: readonly ModelUsage[], pick: (m: ModelUsage) => readonly number[], buckets: number): ChartSeries[] {
  const shown = models.slice(0, PALETTE_SIZE - 1);
  const rest = models.slice(PALETTE_SIZE - 1);
  const out: ChartSeries[] = shown.map((m) => ({ label: m.modelId, values: pick(m) }));
  if (rest.length) {
    const values = new Array<number>(buckets).fill(0);
    for (const m of rest) pick(m).forEach((v, i) => { values[i]! += v; });
    out.push({ label: `${rest.length} other models`, values });
  }
  return out;
}

function legend(series: readonly ChartSeries[]): HTMLElement {
  return h('ul', { class: 'usage-legend', 'aria-label': 'Colours' },
    ...series.map((s, k) => h('li', {}, h('span', { class: `usage-swatch usage-series-${k % PALETTE_SIZE}`, 'aria-hidden': 'true' }), s.label)));
}

function table(models: readonly ModelUsage[]): HTMLElement {
  const hasImages = models.some((m) => m.images > 0);
  const head = ['Model', 'Invocations', 'Input tokens', 'Output tokens', 'Latency p50', 'Latency p90', 'Throttles', 'Errors', ...(hasImages ? ['Images'] : [])];
  const num = (v: number) => h('td', { class: 'num' }, count.format(v));
  const rows = models.map((m) => h('tr', { 'data-model': m.modelId },
    h('th', { scope: 'row', class: 'usage-model' }, m.modelId),
    num(m.invocations), num(m.inputTokens), num(m.outputTokens),
    h('td', { class: 'num' }, ms(m.latencyP50)), h('td', { class: 'num' }, ms(m.latencyP90)),
    num(m.throttles),
    h('td', { class: 'num', title: `${m.clientErrors} client, ${m.serverErrors} server` }, count.format(m.clientErrors + m.serverErrors)),
    hasImages ? num(m.images) : null));
  const total = (f: (m: ModelUsage) => number) => models.reduce((n, m) => n + f(m), 0);
  const foot = h('tr', { class: 'usage-total' },
    h('th', { scope: 'row' }, 'All models'),
    num(total((m) => m.invocations)), num(total((m) => m.inputTokens)), num(total((m) => m.outputTokens)),
    h('td', {}), h('td', {}), num(total((m) => m.throttles)), num(total((m) => m.clientErrors + m.serverErrors)),
    hasImages ? num(total((m) => m.images)) : null);
  return h('div', { class: 'usage-table-wrap' },
    h('table', { class: 'usage-table' },
      h('thead', {}, h('tr', {}, ...head.map((t, i) => h('th', { scope: 'col', class: i ? 'num' : '' }, t)))),
      h('tbody', {}, ...rows),
      h('tfoot', {}, foot)));
}

/** The charts, legend and table of a report (or the sentence that there is nothing to show). */
export function renderReport(report: UsageReport): HTMLElement {
  const when = { hour: 'hour', day: '24 hours', week: '7 days', month: '30 days' }[report.range];
  if (!report.models.length) {
    return h('div', { class: 'usage-empty' }, `No Bedrock metrics in ${report.region} over the last ${when}. Invocations appear in CloudWatch a minute or so after they end.`);
  }
  const opts = { startMs: report.startMs, bucketMs: report.periodSeconds * 1000 };
  const inv = seriesOf(report.models, (m) => m.series.invocations, report.buckets);
  const tokens = seriesOf(report.models, (m) => m.series.inputTokens.map((v, i) => v + (m.series.outputTokens[i] ?? 0)), report.buckets);
  const period = report.periodSeconds >= 3600 ? `${report.periodSeconds / 3600} h` : `${report.periodSeconds / 60} min`;
  return h('div', { class: 'usage-report' },
    h('div', { class: 'usage-charts' },
      h('figure', { class: 'usage-figure', 'data-chart': 'invocations' },
        h('figcaption', {}, `Invocations per ${period}`), stackedBars(inv, { ...opts, title: 'Invocations', format: (n) => compact.format(n) })),
      h('figure', { class: 'usage-figure', 'data-chart': 'tokens' },
        h('figcaption', {}, `Tokens (input + output) per ${period}`), stackedBars(tokens, { ...opts, title: 'Tokens', format: (n) => compact.format(n) }))),
    legend(inv),
    table(report.models),
    h('p', { class: 'usage-note' }, 'Cost is not estimated here: the tokens are what Bedrock bills for text models.'));
}

// The playground's Usage tab: CloudWatch's AWS/Bedrock metrics for the current profile and Region
// over the last hour, day, week or month — charts and a table per model (usageView.ts), Refresh, and
// a link to the same metrics in the CloudWatch console (opened through the host's link consent).
// Talks to the host only through src/protocol/usage.ts.

import { USAGE_RANGES, UsageEvents, UsageRequests, type UsageRange, type UsageView } from '../../src/protocol/usage';
import { isOneOf } from '../../src/protocol/validate';
import { button, setDisabled } from '../components';
import { clear, h } from '../dom';
import { showErrorBox } from '../errorBox';
import type { HostConnection } from '../host';
import { readState, writeState } from '../state';
import { linkTabStylesheet } from '../stylesheet';
import type { TabContext, TabContribution } from '../tabs';
import { renderReport } from './usageView';

const RANGE_LABEL: Record<UsageRange, string> = { hour: 'Last hour', day: 'Last day', week: 'Last week', month: 'Last month' };

class UsageTab {
  readonly element: HTMLElement;
  private readonly rangeSelect = h('select', { id: 'usage-range', 'aria-label': 'Time range' },
    ...USAGE_RANGES.map((r) => h('option', { value: r }, RANGE_LABEL[r])));
  private readonly refreshButton: HTMLElement;
  private readonly status = h('div', { class: 'usage-status', role: 'status', 'aria-live': 'polite' });
  private readonly errorBox = h('div', { class: 'usage-error', role: 'alert', hidden: true });
  private readonly consoleLink = h('a', { class: 'usage-console', hidden: true }, 'Open in the CloudWatch console');
  private readonly output = h('div', { class: 'usage-output' });
  private loaded = false;

  constructor(private readonly host: HostConnection) {
    this.rangeSelect.value = readState('usageRange', isOneOf(USAGE_RANGES)) ?? 'day';
    this.rangeSelect.addEventListener('change', () => {
      writeState('usageRange', this.rangeSelect.value);
      this.load();
    });
    this.refreshButton = button({ label: 'Refresh', className: 'usage-refresh', title: 'Read the metrics from CloudWatch again', onClick: () => this.load() });
    this.element = h('div', { class: 'usage-tab' },
      h('div', { class: 'usage-bar' },
        h('label', { for: 'usage-range' }, 'Usage'), this.rangeSelect, this.refreshButton, this.consoleLink),
      this.status, this.errorBox, this.output);
  }

  private get range(): UsageRange {
    return this.rangeSelect.value as UsageRange;
  }

  /** Reads the metrics for the chosen range; the host answers with `usage/view` events. */
  load(): void {
    this.loaded = true;
    void this.host.request(UsageRequests.load, { range: this.range }).catch((err: unknown) => {
      this.status.textContent = `Could not read the metrics: ${err instanceof Error ? err.message : String(err)}`;
    });
  }

  /** First shown: read once (a reloaded page gets the host's last view instead). */
  shown(): void {
    if (!this.loaded) this.load();
  }

  setView(v: UsageView): void {
    this.loaded = true;
    const received = performance.now();
    if (v.range !== this.range) this.rangeSelect.value = v.range;
    setDisabled(this.refreshButton, v.loading);
    const where = `${v.region}${v.local ? ' (local endpoint)' : ''}`;
    const r = v.report;
    this.status.textContent = v.loading
      ? `Reading CloudWatch metrics in ${where}…`
      : r
        ? `${RANGE_LABEL[r.range]} in ${where}: ${r.models.length} model${r.models.length === 1 ? '' : 's'}, read with ${r.calls.listMetrics} ListMetrics and ${r.calls.getMetricData} GetMetricData call${r.calls.getMetricData === 1 ? '' : 's'}.${r.warnings.length ? ` Partial data: ${r.warnings.join('; ')}` : ''}`
        : '';
    showErrorBox(this.errorBox, v.error, { onAction: () => void this.runErrorAction(), actionClass: 'usage-error-action' });
    if (v.consoleUrl) this.consoleLink.setAttribute('href', v.consoleUrl);
    this.consoleLink.hidden = !v.consoleUrl;
    if (v.error && !r) clear(this.output);
    if (r && !v.loading) {
      clear(this.output);
      this.output.append(renderReport(r));
      // For tests and the benchmark: when the drawing was laid out after the data arrived.
      this.output.getBoundingClientRect();
      this.output.dataset.drawMs = (performance.now() - received).toFixed(2);
      this.output.dataset.state = 'ready';
      this.output.dataset.range = r.range;
    } else if (v.loading) {
      this.output.dataset.state = 'loading';
    } else if (v.error) {
      this.output.dataset.state = 'error';
    }
  }

  private async runErrorAction(): Promise<void> {
    const r = await this.host.request(UsageRequests.runErrorAction, {});
    if (r.retry) this.load();
  }
}

let mounted: UsageTab | undefined;

export const usageTab: TabContribution = {
  id: 'usage',
  title: 'Usage',
  mount(container: HTMLElement, ctx: TabContext) {
    linkTabStylesheet('usage.css');
    const tab = new UsageTab(ctx.host);
    ctx.host.on(UsageEvents.view, (v) => tab.setView(v));
    ctx.host.on(UsageEvents.reveal, () => ctx.select?.('usage'));
    container.appendChild(tab.element);
    mounted = tab;
  },
  shown() {
    mounted?.shown();
  },
};

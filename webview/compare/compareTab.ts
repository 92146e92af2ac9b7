// The Compare tab: 2 or 3 columns side by side, each with its own model and parameters; one prompt
// box sends the same conversation to every shown column at once, and the answers stream
// concurrently (one stream per column). Stop stops them all; a failure stays in its column. The
// summary row under the columns marks the fastest, the shortest and the cheapest answer to the last prompt.

import type { TurnView } from '../../src/protocol/chat';
import {
  type ColumnCount, type ColumnIndex, CompareEvents, CompareNotifications, CompareRequests, isColumnCount, MAX_COLUMNS,
} from '../../src/protocol/compare';
import { copySettings, summarize } from '../../src/protocol/compareSummary';
import { cheapest } from '../../src/protocol/cost';
import { button } from '../components';
import { h } from '../dom';
import { linkTabStylesheet } from '../stylesheet';
import type { HostConnection } from '../host';
import { readState, writeState } from '../state';
import type { TabContext, TabContribution } from '../tabs';
import { CompareColumn } from './compareColumn';
import { createPromptBox } from './promptBox';

const LAYOUT_KEY = 'compareColumns';

class CompareTab {
  private count: ColumnCount = 2;
  private readonly columns: CompareColumn[] = [];
  private readonly grid = h('div', { class: 'compare-columns' });
  private readonly status = h('div', { class: 'compare-status', role: 'status', 'aria-live': 'polite' });
  private readonly layoutButtons = new Map<ColumnCount, HTMLElement>();
  private readonly prompt;

  constructor(private readonly host: HostConnection, container: HTMLElement) {
    for (let i = 0; i < MAX_COLUMNS; i++) {
      const column = new CompareColumn(i as ColumnIndex, host, {
        changed: () => this.refresh(),
        busyChanged: () => this.refresh(),
        edit: (turn: TurnView) => this.prompt.edit(turn.text),
        say: (text: string) => this.say(text),
      });
      this.columns.push(column);
      this.grid.appendChild(column.element);
    }
    this.prompt = createPromptBox({ send: (text, mode) => this.send(text, mode), stop: () => this.stop() });

    const layout = h('div', { class: 'compare-layout', role: 'group', 'aria-label': 'Columns' },
      h('span', { class: 'field-label' }, 'Columns'),
      ...([2, 3] as const).map((n) => {
        const b = button({ label: String(n), className: `compare-layout-${n}`, title: `Compare ${n} models`, onClick: () => this.setCount(n, true) });
        this.layoutButtons.set(n, b);
        return b;
      }));
    const header = h('div', { class: 'compare-header' }, layout,
      h('div', { class: 'compare-header-actions' },
        button({ label: 'Copy settings from the first', className: 'compare-copy-settings', title: 'Give the other columns the first column\'s parameters (each keeps its model)', onClick: () => this.copyFromFirst() }),
        button({ label: 'Clear', className: 'compare-clear', title: 'Start over in every column', onClick: () => this.clear() })));
    container.append(header, this.grid, this.status, this.prompt.element);
    this.setCount(readState(LAYOUT_KEY, isColumnCount) ?? 2, false);

    // The webview's own state is written at once (the host's save may not reach disk before a
    // window reload), so when it has a layout it wins and the host is told.
    host.on(CompareEvents.layout, ({ columns }) => {
      const mine = readState(LAYOUT_KEY, isColumnCount);
      this.setCount(mine ?? columns, mine !== undefined && mine !== columns);
    });
    host.on(CompareEvents.columnState, ({ column, state }) => this.columns[column]!.applyState(state));
    host.on(CompareEvents.columnEarlierTurns, ({ column, ...e }) => this.columns[column]!.applyEarlier(e));
    host.on(CompareEvents.turn, ({ column, turn }) => this.columns[column]!.upsertTurn(turn));
    host.on(CompareEvents.removeTurns, ({ column, ids }) => this.columns[column]!.removeTurns(ids));
    host.on(CompareEvents.options, ({ column, options }) => this.columns[column]!.applyOptions(options));
    host.on(CompareEvents.models, (m) => { for (const c of this.columns) c.applyModels(m); this.say(''); });
  }

  focus(): void {
    this.prompt.focus();
  }

  private get shown(): CompareColumn[] {
    return this.columns.slice(0, this.count);
  }

  private setCount(n: ColumnCount, byUser: boolean): void {
    this.count = n;
    this.grid.dataset.count = String(n);
    this.columns.forEach((c, i) => { c.element.hidden = i >= n; });
    for (const [k, b] of this.layoutButtons) {
      b.setAttribute('appearance', k === n ? 'primary' : 'secondary');
      b.setAttribute('aria-pressed', String(k === n));
    }
    if (byUser) {
      writeState(LAYOUT_KEY, n);
      this.host.notify(CompareNotifications.setLayout, { columns: n });
    }
    this.refresh();
  }

  private send(text: string, mode: 'new' | 'edit'): boolean {
    if (this.shown.some((c) => c.busy)) return false;
    const missing = this.shown.findIndex((c) => !c.options.modelId);
    if (missing >= 0) {
      this.say(`Column ${missing + 1}: choose a model first.`);
      return false;
    }
    this.say('');
    for (const c of this.shown) c.send(mode, text);
    this.refresh();
    return true;
  }

  /** Stops every column's answer (each stream is cancelled; the host aborts each request). */
  private stop(): void {
    for (const c of this.columns) c.stop();
  }

  private copyFromFirst(): void {
    const [first, ...rest] = this.shown;
    if (!first) return;
    const notes: string[] = [];
    for (const c of rest) {
      const model = c.model;
      const copied = copySettings(first.options, c.options, model?.spec, model?.name);
      c.setOptions(copied.options);
      notes.push(...copied.notes.map((n) => `Column ${c.index + 1}: ${n}`));
    }
    this.say(notes.length ? notes.join(' ') : `Copied the first column's parameters to column${rest.length > 1 ? 's' : ''} ${rest.map((c) => c.index + 1).join(' and ')}.`);
  }

  private clear(): void {
    this.stop();
    void this.host.request(CompareRequests.clear, {}).then(() => this.say(''), (e: Error) => this.say(e.message));
  }

  /** Busy state of the prompt box and the summary row, after any column changed. */
  private refresh(): void {
    this.prompt.setBusy(this.columns.some((c) => c.busy));
    const shown = this.shown;
    const marks = summarize(shown.map((c) => c.latest));
    const cheap = cheapest(shown.map((c) => c.latest));
    shown.forEach((c, i) => c.showSummary(marks[i], cheap[i]));
  }

  private say(text: string): void {
    this.status.textContent = text;
  }
}

let tab: CompareTab | undefined;

export const compareTab: TabContribution = {
  id: 'compare',
  title: 'Compare',
  mount(container: HTMLElement, ctx: TabContext) {
    linkTabStylesheet('compare.css');
    tab = new CompareTab(ctx.host, container);
  },
  shown() {
    tab?.focus();
  },
};

// The playground's tab bar (Chat | Images ...). Each tab is a contribution from its own module,
// listed in tabList.ts; it mounts itself into its own panel element on first show.

import { h } from './dom';
import type { HostConnection } from './host';
import { readState, writeState } from './state';
import { isString } from '../src/protocol/validate';

export interface TabContext {
  host: HostConnection;
  /** Identifies the panel across reloads (also the chat's conversation id). */
  panelId: string;
  /** Brings a tab forward (a command on the host side asked for it, e.g. "Bedrock: Show Usage"). */
  select?: (id: string) => void;
}

export interface TabContribution {
  /** Short stable id (`chat`, `images`), also the prefix of the tab's protocol methods. */
  id: string;
  title: string;
  /**
   * Builds the tab's content into `container`. Called once per document, at start-up, for every tab
   * (hidden tabs too), so each can register its notification handlers before the host sends state.
   */
  mount(container: HTMLElement, ctx: TabContext): void;
  /** The tab became visible (focus its main input). */
  shown?(): void;
}

export interface TabBar {
  element: HTMLElement;
  select(id: string): void;
}

export function createTabs(tabs: readonly TabContribution[], ctx: TabContext, initial: string): TabBar {
  const list = h('div', { role: 'tablist', class: 'tabs', 'aria-label': 'Playground' });
  const panels = h('div', { class: 'tab-panels' });
  const buttons = new Map<string, HTMLButtonElement>();
  const views = new Map<string, HTMLElement>();

  const select = (id: string, focus = false) => {
    const tab = tabs.find((t) => t.id === id) ?? tabs[0];
    if (!tab) return;
    for (const t of tabs) {
      const selected = t.id === tab.id;
      const b = buttons.get(t.id)!;
      b.setAttribute('aria-selected', String(selected));
      b.tabIndex = selected ? 0 : -1;
      views.get(t.id)!.hidden = !selected;
    }
    writeState('tab', tab.id);
    if (focus) buttons.get(tab.id)?.focus();
    tab.shown?.();
  };

  for (const tab of tabs) {
    const b = h('button', { role: 'tab', id: `tab-${tab.id}`, class: 'tab', 'aria-controls': `panel-${tab.id}`, type: 'button' }, tab.title);
    b.addEventListener('click', () => select(tab.id));
    buttons.set(tab.id, b);
    list.appendChild(b);
    const view = h('div', { role: 'tabpanel', id: `panel-${tab.id}`, class: `tab-panel tab-panel-${tab.id}`, 'aria-labelledby': `tab-${tab.id}` });
    views.set(tab.id, view);
    panels.appendChild(view);
  }
  // Arrow keys move between tabs (the WAI-ARIA tabs pattern).
  list.addEventListener('keydown', (e) => {
    const i = tabs.findIndex((t) => buttons.get(t.id) === document.activeElement);
    if (i < 0) return;
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      select(tabs[e.key === 'Home' ? 0 : tabs.length - 1]!.id, true);
    } else if (step) {
      e.preventDefault();
      select(tabs[(i + step + tabs.length) % tabs.length]!.id, true);
    }
  });
  // With a single tab the bar says nothing useful; it appears when a second tab is contributed.
  list.hidden = tabs.length < 2;

  for (const tab of tabs) tab.mount(views.get(tab.id)!, { ...ctx, select: (id) => select(id) });
  select(readState('tab', isString(40)) ?? initial);
  return { element: h('div', { class: 'tabs-host' }, list, panels), select: (id) => select(id) };
}

// Which conversation a playground panel is on. A panel's id names its saved chat, images history and
// layouts on disk, so a panel that comes back after a reload must get its old id, not a new one.

import { isRecord, own } from '../protocol/validate';

export const PANEL_ID = /^[\w-]{1,100}$/;

export function isPanelId(v: unknown): v is string {
  return typeof v === 'string' && PANEL_ID.test(v);
}

export type RestoredFrom = 'state' | 'lastPanel' | 'new';

/**
 * The id for a panel VS Code restores after a reload. The webview's own state names it; when that
 * state is missing (the workbench's saved layout can predate the page's first `setState`, e.g. a
 * reload in a browser that cut the last save short), the panel the user was last in is the one
 * coming back, so its id (kept in workspace state, which is saved at once) is used. An id another open
 * panel already has gets a fresh one: two panels on one conversation would overwrite each other.
 */
export function restoredPanelId(state: unknown, lastPanelId: unknown, open: ReadonlySet<string>, fresh: () => string): { id: string; from: RestoredFrom } {
  const saved = isRecord(state) ? own(state, 'panelId') : undefined;
  if (isPanelId(saved)) return open.has(saved) ? { id: fresh(), from: 'new' } : { id: saved, from: 'state' };
  if (isPanelId(lastPanelId) && !open.has(lastPanelId)) return { id: lastPanelId, from: 'lastPanel' };
  return { id: fresh(), from: 'new' };
}

// Entry of the playground webview: reads the start-up state, builds the tab bar with every tab
// of tabList.ts, then says `ready` to the host (which answers with each tab's state).

import { isBootState } from '../src/protocol/envelope';
import { registerComponents } from './components';
import { HostConnection } from './host';
import { installLinkHandler } from './links';
import { isString } from '../src/protocol/validate';
import { readState, writeState } from './state';
import { TABS } from './tabList';
import { createTabs } from './tabs';

function readBoot(): { panelId: string; tab: string } {
  const el = document.getElementById('boot');
  let boot: unknown;
  try {
    boot = JSON.parse(el?.textContent ?? 'null');
  } catch {
    boot = null;
  }
  if (isBootState(boot)) return boot;
  // Never expected (the host always writes it); the id the webview saved before is the best guess.
  return { panelId: readState('panelId', isString(200)) ?? 'default', tab: 'chat' };
}

function start(): void {
  // First of all: VS Code hands this state back to the host's serializer after a window reload, and
  // the panel id in it is what finds the panel's saved conversation and images again.
  const boot = readBoot();
  writeState('panelId', boot.panelId);
  registerComponents();
  const host = new HostConnection();
  installLinkHandler(host);
  const app = document.getElementById('app')!;
  const tabs = createTabs(TABS, { host, panelId: boot.panelId }, boot.tab);
  app.appendChild(tabs.element);
  app.removeAttribute('aria-busy');
  host.start();
}

start();

// Driving VS Code's own UI the way a person does: the command palette, editors, webviews,
// notifications. Selectors are VS Code's (1.139 workbench); keep them here, in one place.
import type { Frame, FrameLocator, Locator, Page } from 'playwright-core';

const UI_TIMEOUT_MS = 30_000;

/**
 * The workbench is on screen, the remote extension host is connected, and this extension runs in
 * it: its status bar item ("Bedrock: …") is up. By then the extension's commands are in the
 * palette; on a busy machine that can take well over a minute after the page loads.
 */
export async function waitForWorkbench(page: Page, timeoutMs = 120_000): Promise<void> {
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('.part.statusbar .statusbar-item', { hasText: 'Bedrock:' }).first().waitFor({ state: 'visible', timeout: timeoutMs });
}

const paletteInput = (page: Page) => page.locator('.quick-input-widget input[type="text"]');
/** The command palette's input, as VS Code labels it (other quick inputs carry their own label). */
const PALETTE_LABEL = 'Type the name of a command to run.';

async function openPalette(page: Page, text: string, timeoutMs: number): Promise<void> {
  const input = paletteInput(page);
  if (await input.isVisible()) await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  await input.fill(text);
}

/** The palette row whose label is exactly `title` (its aria-label may add ", <keybinding>"). */
function paletteRow(page: Page, title: string): Locator {
  const t = title.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  return page.locator(`.quick-input-list .monaco-list-row[aria-label="${t}"], .quick-input-list .monaco-list-row[aria-label^="${t},"]`).first();
}

/**
 * Opens the palette, types `>title` and waits for a row labelled exactly `title`. Contributions of
 * an extension appear a few seconds after the workbench does, and an open palette does not pick
 * them up: so it is reopened until the row shows or the time is up.
 */
async function findInPalette(page: Page, title: string, timeoutMs: number): Promise<Locator> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await openPalette(page, `>${title}`, timeoutMs);
    const row = paletteRow(page, title);
    try {
      await row.waitFor({ state: 'visible', timeout: Math.min(3000, Math.max(500, deadline - Date.now())) });
      return row;
    } catch (err) {
      if (Date.now() >= deadline) {
        const shown = await page.locator('.quick-input-list .monaco-list-row').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
        throw new Error(`The command palette has no "${title}" (it shows: ${shown.join(' | ') || 'nothing'})`, { cause: err });
      }
    }
  }
}

/**
 * Runs a command from the palette by its full title, e.g. "Bedrock: Chat". Fails if no palette
 * entry has exactly that title (so a renamed command is caught, not a similar one run).
 */
export async function runCommand(page: Page, title: string, timeoutMs = UI_TIMEOUT_MS): Promise<void> {
  const row = await findInPalette(page, title, timeoutMs);
  await row.click();
  // The command may open a quick input of its own in the same widget at once (a model picker, a
  // prompt box): wait for the command palette itself to be gone, not for the widget to close.
  await page.locator(`.quick-input-widget input[aria-label="${PALETTE_LABEL}"]`).waitFor({ state: 'hidden', timeout: timeoutMs });
}

/**
 * Closes the primary and secondary side bars that are open (a suite that took over a shared
 * session may find them closed already, and the palette offers no "Close" for a closed one).
 */
export async function closeSideBars(page: Page): Promise<void> {
  for (const [part, title] of [['.part.sidebar', 'View: Close Primary Side Bar'], ['.part.auxiliarybar', 'View: Toggle Secondary Side Bar Visibility']] as const) {
    const bar = page.locator(part).first();
    if (!(await bar.isVisible())) continue;
    await runCommand(page, title);
    await bar.waitFor({ state: 'hidden' });
  }
}

/** Fails unless the palette offers a command titled exactly `title`; closes the palette again. */
export async function expectInPalette(page: Page, title: string, timeoutMs = UI_TIMEOUT_MS): Promise<void> {
  await findInPalette(page, title, timeoutMs);
  await page.keyboard.press('Escape');
}

/**
 * A webview's own document. Webviews are two iframes deep: the workbench's `iframe.webview`
 * (one per webview; hidden ones stay in the DOM) and its `#active-frame` with the content.
 * This is the visible one: the workbench leaves the iframe's title empty, so bring the wanted
 * editor to the front first (its tab: editorTab()).
 */
export function webview(page: Page): FrameLocator {
  return page.locator('iframe.webview.ready:visible').first().contentFrame().frameLocator('#active-frame');
}

/**
 * The visible webview's own document as a Frame (webview() is a FrameLocator), for what only a
 * frame does: waitForFunction, or an evaluate that installs an observer in the page.
 */
export async function webviewDocument(page: Page, timeoutMs = UI_TIMEOUT_MS): Promise<Frame> {
  const outer = await (await page.locator('iframe.webview.ready:visible').first().elementHandle({ timeout: timeoutMs })).contentFrame();
  const inner = outer && (await (await outer.locator('#active-frame').elementHandle({ timeout: timeoutMs })).contentFrame());
  if (!inner) throw new Error('The webview has no document');
  return inner;
}

/**
 * A later event than anything already set going in `frame` (a click's navigation or handler, a
 * load or error event of what is already loaded): the next animation frame, then a task queued
 * behind everything queued before it. "Nothing ran" is checked after this, not after a pause.
 */
export async function settled(frame: Frame | Page): Promise<void> {
  await frame.evaluate(() => new Promise<void>((resolve) => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(undefined);
    });
  }));
}

/** Waits until `text` is visible inside `scope` (the page, a webview, or a locator). */
export async function waitForText(scope: Page | FrameLocator | Locator, text: string | RegExp, timeoutMs = UI_TIMEOUT_MS): Promise<Locator> {
  const hit = scope.getByText(text).first();
  await hit.waitFor({ state: 'visible', timeout: timeoutMs });
  return hit;
}

/** The editor tab with this title (the visible tab strip). */
export function editorTab(page: Page, title: string | RegExp): Locator {
  return page.locator('.tabs-container .tab').filter({ has: page.locator('.label-name').getByText(title, { exact: typeof title === 'string' }) });
}

/** Notification toasts on screen (code-server shows them; the smoke-test driver would hide them). */
export function notifications(page: Page): Locator {
  return page.locator('.notification-toast');
}

/** Waits for a notification toast containing `text` and returns it. */
export async function waitForNotification(page: Page, text: string | RegExp, timeoutMs = UI_TIMEOUT_MS): Promise<Locator> {
  const toast = notifications(page).filter({ hasText: text }).first();
  await toast.waitFor({ state: 'visible', timeout: timeoutMs });
  return toast;
}

/** The channel the Output panel shows (e.g. "Bedrock" after "Bedrock: Show Log"), once it is open. */
export async function shownOutputChannel(page: Page, timeoutMs = UI_TIMEOUT_MS): Promise<string> {
  const picker = page.locator('.part.panel .monaco-select-box').first();
  await picker.waitFor({ state: 'visible', timeout: timeoutMs });
  return picker.evaluate((el) => (el instanceof HTMLSelectElement ? (el.options[el.selectedIndex]?.text ?? '') : (el.textContent ?? '')).trim());
}

/** Sends a message in a chat composer (`view`: the Chat tab or a webview body) by typing it and pressing Enter, as a person does. */
export async function sendMessage(view: Locator, text: string): Promise<void> {
  const input = view.locator('#composer-input');
  await input.click();
  await input.fill(text);
  await input.press('Enter');
}

/**
 * Waits until the window's workspace storage (IndexedDB in the browser) holds a state of the
 * extension `extensionId` for which `holds` is true. VS Code writes its storage a little after
 * `workspaceState.update` and may drop a write still pending when the page reloads: a test that
 * reloads must first see the state it depends on stored.
 */
export async function waitForWorkspaceState(page: Page, extensionId: string, holds: (state: Record<string, unknown>) => boolean, what: string, timeoutMs = UI_TIMEOUT_MS): Promise<void> {
  const read = () => page.evaluate(async (id) => {
    const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('vscode-web-state-db-') && !n.endsWith('-global'));
    const found: string[] = [];
    for (const name of names) {
      const db = await new Promise<IDBDatabase>((res, rej) => { const r = indexedDB.open(name); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
      try {
        if (!db.objectStoreNames.contains('ItemTable')) continue;
        const value = await new Promise<unknown>((res, rej) => { const r = db.transaction('ItemTable').objectStore('ItemTable').get(id); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
        if (typeof value === 'string') found.push(value);
      } finally {
        db.close();
      }
    }
    return found;
  }, extensionId);
  const deadline = Date.now() + timeoutMs;
  let last: string[] = [];
  while (Date.now() < deadline) {
    last = await read();
    if (last.some((text) => holds(JSON.parse(text) as Record<string, unknown>))) return;
    // Polled: the storage announces nothing. Each read is a round trip to the page.
    await page.waitForTimeout(100);
  }
  throw new Error(`The workspace storage never held ${what} (it holds: ${last.join(' | ').slice(0, 500) || 'nothing'})`);
}

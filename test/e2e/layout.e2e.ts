// The playground at the sizes people use it: a full window (1400×900), a small window beside VS
// Code's own Chat view (900×700: the playground gets about 400 px), and a narrow editor group
// (320 px). Every tab, measured in the real webview: the page never scrolls sideways, and the
// parts of a tab are never drawn over one another. The pictures are kept to be looked at.
import * as assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { useSession } from './support/session';
import { editorTab, runCommand, webview, webviewDocument } from './support/workbench';

const TABS = [['chat', 'Chat'], ['compare', 'Compare'], ['images', 'Images'], ['embeddings', 'Embeddings'], ['knowledgeBase', 'Knowledge base']] as const;

interface Measure {
  width: number;
  pageScrollWidth: number;
  /** Pairs of the tab's parts whose boxes intersect (names from their classes). */
  overlaps: string[];
}

/** The page's width, how far it scrolls sideways, and which of the tab's blocks overlap. */
function measure(frame: Frame, panelId: string): Promise<Measure> {
  return frame.evaluate((id) => {
    const panel = document.getElementById(id)!;
    // The blocks a tab is made of: the panel's children, and theirs one level down (form, results,
    // header, columns...), visible ones only.
    const blocks: Element[] = [];
    for (const child of Array.from(panel.children)) {
      blocks.push(child);
      for (const grand of Array.from(child.children)) blocks.push(grand);
    }
    const boxes = blocks
      .map((el) => ({ el, r: el.getBoundingClientRect(), name: `${el.tagName.toLowerCase()}.${Array.from(el.classList).join('.')}` }))
      .filter((b) => b.r.width > 0 && b.r.height > 0 && getComputedStyle(b.el).visibility !== 'hidden');
    const overlaps: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
        const x = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const y = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (x > 1 && y > 1) overlaps.push(`${a.name} × ${b.name}`);
      }
    }
    return { width: document.documentElement.clientWidth, pageScrollWidth: document.documentElement.scrollWidth, overlaps };
  }, panelId);
}

async function openPlayground(page: Page): Promise<Frame> {
  await runCommand(page, 'Bedrock: Chat');
  await editorTab(page, 'Bedrock Chat').waitFor({ state: 'visible' });
  await webview(page).locator('#app:not([aria-busy])').waitFor({ state: 'attached' });
  return webviewDocument(page);
}

async function checkEveryTab(page: Page, shot: (name: string) => Promise<string>, size: string): Promise<void> {
  const frame = await openPlayground(page);
  const view = webview(page);
  const problems: string[] = [];
  for (const [id, title] of TABS) {
    // Into the side bar, away from the editor tab, whose hover would cover the tab bar.
    await page.mouse.move(150, (page.viewportSize()?.height ?? 700) / 2);
    await view.getByRole('tab', { name: title }).click();
    await view.locator(`#panel-${id}:not([hidden])`).waitFor({ state: 'visible' });
    // Laid out with its models (or its "none" line): the pickers have left their loading state.
    await frame.waitForFunction((panel) => !document.querySelector(`#${panel}`)?.textContent?.includes('Loading'), `panel-${id}`, { timeout: 30_000 });
    const m = await measure(frame, `panel-${id}`);
    await shot(`${size}-${id}`);
    if (m.pageScrollWidth > m.width) problems.push(`${title}: the page scrolls sideways (${m.pageScrollWidth} px of content in ${m.width} px)`);
    for (const o of m.overlaps) problems.push(`${title}: ${o} overlap`);
  }
  assert.deepEqual(problems, [], `at ${size}`);
}

describe('the playground at the sizes people use', () => {
  const session = useSession({ name: 'layout' });

  after(async () => {
    await session().page.setViewportSize({ width: 1400, height: 900 });
  });

  it('every tab at 1400×900 and at 900×700 beside VS Code\'s Chat view: no sideways page, nothing drawn over anything', async () => {
    const { page } = session();
    await page.setViewportSize({ width: 1400, height: 900 });
    await checkEveryTab(page, (n) => session().screenshot(n), '1400x900');
    await page.setViewportSize({ width: 900, height: 700 });
    await checkEveryTab(page, (n) => session().screenshot(n), '900x700');
  });

  it('every tab in a 320 px wide editor group', async () => {
    const { page } = session();
    await page.setViewportSize({ width: 1400, height: 900 });
    const frame = await openPlayground(page);
    // Narrow the window until the editor group is 320 px wide: the side bars keep their widths.
    const width = await frame.evaluate(() => document.documentElement.clientWidth);
    await page.setViewportSize({ width: 1400 - (width - 320), height: 800 });
    await frame.waitForFunction(() => document.documentElement.clientWidth <= 340, undefined, { timeout: 10_000 });
    await checkEveryTab(page, (n) => session().screenshot(n), '320');
  });
});

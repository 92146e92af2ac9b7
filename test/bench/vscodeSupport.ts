// What the real-VS Code benchmarks share: polling the page, and each extension's webview found by
// the extension it belongs to (ours and the baseline's panels are visible side by side).
import type { FrameLocator, Page } from 'playwright-core';
import type { ProbeRecord } from './vscodeProbe';

export const OUR_EXTENSION_ID = 'bedrock-playground.bedrock-playground';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function poll<T>(what: string, get: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await get().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** The document of the visible webview of one extension (VS Code names the extension in the frame's URL; case aside). */
export function webviewOf(page: Page, extensionId: string): FrameLocator {
  return page.locator(`iframe.webview.ready[src*="extensionId=${extensionId}" i]:visible`).first().contentFrame().frameLocator('#active-frame');
}

/** The probe's record (vscodeProbe.ts) in that webview; `root` is an element its document has. */
export const readProbe = (view: FrameLocator, root: string): Promise<ProbeRecord | undefined> =>
  view.locator(root).evaluate(() => (globalThis as unknown as { __bench?: ProbeRecord }).__bench);

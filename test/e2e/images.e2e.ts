// The playground's Images tab as a person uses it: pick a model, set a seed, generate two images,
// see the thumbnails, save one, find it in the Explorer; the history is still there after a reload.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PNG } from 'pngjs';
import type { FrameLocator, Page } from 'playwright-core';
import { useSession } from './support/session';
import { readmeScreenshot } from './support/artifacts';
import { editorTab, runCommand, waitForText, waitForWorkbench, webview } from './support/workbench';

const NOVA = 'amazon.nova-canvas-v1:0';

async function openImagesTab(page: Page): Promise<FrameLocator> {
  await runCommand(page, 'Bedrock: Open Image Playground');
  const view = webview(page);
  await view.locator('#panel-images .images-form').waitFor({ state: 'visible' });
  assert.equal(await view.locator('#tab-images').getAttribute('aria-selected'), 'true', 'the command brings the Images tab to the front');
  return view;
}

/**
 * The sizes of the tab's images once each has loaded from its webview resource URI: decode()
 * settles when the image has loaded (or failed: a broken image reads as 0×0).
 */
async function loadedThumbnails(view: FrameLocator): Promise<Array<{ w: number; h: number }>> {
  // (No DOM types in the test's compilation: the element is read structurally.)
  return view.locator('.images-thumb').evaluateAll((imgs: unknown[]) =>
    Promise.all(imgs.map(async (img) => {
      const i = img as { naturalWidth: number; naturalHeight: number; decode(): Promise<void> };
      return i.decode().then(() => ({ w: i.naturalWidth, h: i.naturalHeight }), () => ({ w: 0, h: 0 }));
    })),
  );
}

/** Puts a new untitled editor in front of the playground, which unloads the playground's page. */
async function hidePlayground(page: Page): Promise<void> {
  await runCommand(page, 'File: New Untitled Text File');
  await page.locator('.tabs-container .tab.active', { hasText: /^Untitled/ }).first().waitFor({ state: 'visible' });
  await page.locator('iframe.webview.ready:visible').first().waitFor({ state: 'hidden' });
}

describe('the Images tab of the playground', () => {
  const session = useSession({ name: 'images' });

  it('generates two images with a chosen seed and shows them as thumbnails', async () => {
    const { page, bedrock } = session();
    // A playground of its own, the only one open ("Bedrock Chat": no conversation yet): the
    // session may be shared with suites that left chats open.
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'Bedrock: New Chat');
    await editorTab(page, 'Bedrock Chat').waitFor({ state: 'visible' });
    const view = await openImagesTab(page);
    const model = view.locator('#images-model');
    // The picker lists image models only.
    await view.locator(`#images-model option[value="${NOVA}"]`).waitFor({ state: 'attached' });
    const offered = await model.locator('option').evaluateAll((os: unknown[]) => os.map((o) => (o as { value: string }).value));
    assert.ok(offered.length >= 4, `image models offered: ${offered.join(', ')}`);
    assert.ok(!offered.some((id) => /claude|llama|nova-(pro|lite|micro)|embed/.test(id)), `only image models: ${offered.join(', ')}`);

    await model.selectOption(NOVA);
    // Nova Canvas has a size, a count up to 5, a CFG scale, quality and style; no steps.
    await view.locator('#images-size').waitFor();
    assert.equal(await view.locator('#images-steps').count(), 0);
    assert.equal(await view.locator('#images-count option').count(), 5);
    assert.equal(await view.locator('#images-cfgScale').getAttribute('max'), '10');

    await view.locator('#images-prompt').fill('A lighthouse on a rocky coast at dawn, watercolor');
    await view.locator('#images-size').selectOption('512x512');
    await view.locator('#images-count').selectOption('2');
    await view.locator('.images-seed-random').click();
    await view.locator('#images-seed').fill('1234');
    await session().screenshot('form-filled');

    await view.locator('.images-generate').click();
    const tiles = view.locator('.images-generation').first().locator('.images-tile');
    await tiles.nth(1).waitFor({ state: 'visible' });
    assert.equal(await tiles.count(), 2);
    await waitForText(view, 'seed 1234');
    const sizes = await loadedThumbnails(view);
    assert.deepEqual(sizes, [{ w: 512, h: 512 }, { w: 512, h: 512 }], 'thumbnails load through the webview (CSP img-src)');
    await session().screenshot('two-thumbnails');
    await readmeScreenshot(session().page, 'images');

    const call = await bedrock.waitForRequest((r) => r.operation === 'InvokeModel' && r.modelId === NOVA);
    const config = (call.body as { imageGenerationConfig: Record<string, unknown> }).imageGenerationConfig;
    assert.equal(config.seed, 1234);
    assert.equal(config.numberOfImages, 2);
    assert.equal(config.width, 512);
  });

  it('saves one image into the workspace and it shows in the Explorer', async () => {
    const { page, workspace } = session();
    const view = webview(page);
    const tile = view.locator('.images-generation').first().locator('.images-tile').first();
    await tile.locator('.images-save').click();
    const saved = await waitForText(tile, /Saved as images\//);
    const savedText = (await saved.textContent()) ?? '';
    const name = /images\/(\S+\.png)/.exec(savedText)?.[1];
    assert.ok(name, savedText);
    const file = path.join(workspace, 'images', name);
    assert.ok(fs.existsSync(file), `${file} exists`);
    assert.equal(PNG.sync.read(fs.readFileSync(file)).width, 512);
    const sidecar = JSON.parse(fs.readFileSync(file.replace(/\.png$/, '.json'), 'utf8')) as { seed: number; model: { id: string } };
    assert.equal(sidecar.seed, 1234);
    assert.equal(sidecar.model.id, NOVA);

    await runCommand(page, 'View: Show Explorer');
    const explorer = page.locator('.explorer-folders-view');
    await explorer.locator('.monaco-list-row', { hasText: /^images$/ }).first().click();
    await explorer.locator('.monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible' });
    await session().screenshot('saved-in-explorer');
  });

  it('keeps the history after the window reloads', async () => {
    const { page } = session();
    await page.reload();
    await waitForWorkbench(page);
    const view = webview(page);
    await view.locator('#tab-images').click({ timeout: 60_000 });
    const tiles = view.locator('.images-generation').first().locator('.images-tile');
    await tiles.nth(1).waitFor({ state: 'visible', timeout: 60_000 });
    assert.deepEqual(await loadedThumbnails(view), [{ w: 512, h: 512 }, { w: 512, h: 512 }]);
    await waitForText(view, /Saved as images\//);
    assert.equal(await view.locator('#images-prompt').inputValue(), 'A lighthouse on a rocky coast at dawn, watercolor');
    await session().screenshot('after-reload');
  });

  it('shows a slow generation in progress and cancels it, keeping nothing', async () => {
    const { page, bedrock } = session();
    const view = webview(page);
    const before = await view.locator('.images-generation').count();
    await bedrock.injectFault({ operation: 'InvokeModel', fault: 'delayFirstEvent', delayMs: 20_000 });
    try {
      await view.locator('.images-generate').click();
      await view.locator('.images-cancel').waitFor({ state: 'visible' });
      await waitForText(view, /Generating 2 images…/);
      await session().screenshot('generating');
      await view.locator('.images-cancel').click();
      await waitForText(view, 'Cancelled. Nothing was generated.');
      assert.ok(await view.locator('.images-cancel').isHidden());
      assert.equal(await view.locator('.images-generation').count(), before);
      await session().screenshot('cancelled');
    } finally {
      await bedrock.clearFaults();
    }
  });

  it('follows a generation that was running while the panel was hidden (its page unloaded)', async () => {
    const { page, bedrock } = session();
    let view = webview(page);
    const before = await view.locator('.images-generation').count();
    // The answer is held at the endpoint until the panel is back: the run is surely still going then.
    await bedrock.hold();
    try {
      await view.locator('.images-generate').click();
      await view.locator('.images-cancel').waitFor({ state: 'visible' });
      await bedrock.waitForRequest((r) => r.operation === 'InvokeModel' && r.held === true);
      await view.locator('body').evaluate(() => { (globalThis as Record<string, unknown>).pageBeforeHiding = true; });
      // Another editor in front unloads the webview's page (no retainContextWhenHidden)...
      await hidePlayground(page);
      await editorTab(page, 'Bedrock Chat').click();
      view = webview(page);
      // ...the page that comes back shows the run still going, then its result.
      await view.locator('#panel-images .images-form').waitFor({ state: 'visible' });
      assert.equal(await view.locator('body').evaluate(() => (globalThis as Record<string, unknown>).pageBeforeHiding), undefined, 'a new page');
      await view.locator('.images-cancel').waitFor({ state: 'visible' });
      await bedrock.release();
      await waitForText(view, /2 images in \d/, 60_000);
      assert.equal(await view.locator('.images-generation').count(), before + 1);
    } finally {
      await bedrock.release();
    }
  });

  it('opens a picture full size, copies its seed, reuses its settings and removes a generation', async () => {
    const { page } = session();
    const view = webview(page);
    const first = view.locator('.images-generation').first();
    const tile = first.locator('.images-tile').first();
    const seed = Number(await tile.getAttribute('data-seed'));

    await tile.locator('.images-open').click();
    await page.locator('.tabs-container .tab', { hasText: new RegExp(`^a-lighthouse-on-a-rocky-coast-at-dawn-seed${seed}-.*\\.png`) }).first().waitFor({ state: 'visible' });
    // The image preview says the picture's size in the status bar once it has loaded it.
    await page.locator('.part.statusbar', { hasText: '512x512' }).waitFor({ state: 'visible' });
    await session().screenshot('opened-full-size');
    await page.locator('.tabs-container .tab', { hasText: 'Bedrock Chat' }).first().click();

    const pane = webview(page);
    await pane.locator('#panel-images .images-form').waitFor({ state: 'visible' });
    await pane.locator('.images-generation').first().locator('.images-copy-seed').first().click();
    await waitForText(pane, `Seed ${seed} copied.`);

    // Change the form, then Reuse brings the generation's model, settings and seed back.
    await pane.locator('#images-model').selectOption('stability.sd3-5-large-v1:0');
    await pane.locator('#images-prompt').fill('something else');
    await pane.locator('.images-generation').first().locator('.images-reuse').first().click();
    assert.equal(await pane.locator('#images-model').inputValue(), NOVA);
    assert.equal(await pane.locator('#images-prompt').inputValue(), 'A lighthouse on a rocky coast at dawn, watercolor');
    assert.equal(await pane.locator('#images-seed').inputValue(), String(seed));
    assert.equal(await pane.locator('#images-size').inputValue(), '512x512');
    assert.equal(await pane.locator('#images-count').inputValue(), '2');

    const count = await pane.locator('.images-generation').count();
    await pane.locator('.images-generation').first().locator('.images-remove').click();
    await pane.locator('.images-generation').nth(count - 1).waitFor({ state: 'detached' });
    assert.equal(await pane.locator('.images-generation').count(), count - 1);
    await session().screenshot('reused-and-removed');
  });

  it('names the parameter at fault and sends nothing when the prompt is too long', async () => {
    const { page, bedrock } = session();
    const view = webview(page);
    await bedrock.clearRequests();
    await view.locator('#images-prompt').fill('x'.repeat(1100));
    await view.locator('.images-generate').click();
    await waitForText(view, /takes at most 1024/);
    await session().screenshot('prompt-too-long');
    assert.equal((await bedrock.requestsFor('InvokeModel')).length, 0);
  });

  it("refuses what the Bedrock layer would refuse under the field at fault, before sending (one check for both)", async () => {
    const { page, bedrock } = session();
    const view = webview(page);
    await bedrock.clearRequests();
    await view.locator('#images-model').selectOption('amazon.titan-image-generator-v2:0');
    await view.locator('#images-prompt').fill('a quiet harbour');
    await view.locator('#images-negativePrompt').fill('ab');
    await view.locator('.images-generate').click();
    await waitForText(view.locator('#images-negativePrompt-problem'), /negative prompt must be at least 3 characters/i);
    await session().screenshot('negative-prompt-refused');
    assert.equal((await bedrock.requestsFor('InvokeModel')).length, 0, 'refused before sending');
  });

  it("shows Bedrock's own refusal under the field at fault", async () => {
    const { page, bedrock } = session();
    const view = webview(page);
    // A refusal only Bedrock makes (the form's check passes): its message names the parameter.
    await bedrock.injectFault({ operation: 'InvokeModel', fault: 'validation', message: '1 validation error detected: Value at `seed` failed to satisfy constraint' });
    try {
      await view.locator('#images-negativePrompt').fill('');
      await view.locator('.images-generate').click();
      await waitForText(view.locator('.images-error'), /Bedrock rejected seed/);
      assert.match((await view.locator('#images-seed-problem').textContent()) ?? '', /failed to satisfy constraint/);
      await session().screenshot('bedrock-refusal-under-field');
    } finally {
      await bedrock.clearFaults();
    }
  });
});

// "Bedrock: Generate Image" from the command palette as a person runs it: the selection becomes
// the prompt, the model is picked once (and remembered), the image is saved and opened; a slow
// generation is cancelled from its progress notification and leaves nothing on disk.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PNG } from 'pngjs';
import { waitForFile } from './support/files';
import { useSession } from './support/session';
import { runCommand, waitForNotification, webview } from './support/workbench';

const TITAN = 'amazon.titan-image-generator-v2:0';

function savedPngs(workspace: string): string[] {
  const dir = path.join(workspace, 'images');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.png')).sort() : [];
}

describe('"Bedrock: Generate Image" from the command palette', () => {
  const session = useSession({ name: 'images-command', files: { 'notes.md': 'Ideas\nA paper boat on a quiet pond\n' } });

  it('turns the selection into a prompt, asks for the model once, saves the image and opens it', async () => {
    const { page, workspace, bedrock } = session();
    // Open notes.md and select its second line.
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input[type="text"]').fill('notes.md');
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-lines', { hasText: 'A paper boat' }).first().waitFor({ state: 'visible' });
    await page.locator('.monaco-editor .view-lines', { hasText: 'A paper boat' }).first().click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');

    await runCommand(page, 'Bedrock: Generate Image');
    // No default image model yet: a picker of image models only.
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Titan Image Generator G1 v2' }).first().waitFor({ state: 'visible' });
    const labels = await rows.evaluateAll((els: unknown[]) => els.map((e) => (e as { getAttribute(n: string): string | null }).getAttribute('aria-label') ?? ''));
    assert.ok(!labels.some((l) => /Claude|Llama|Nova Pro|Embed/.test(l)), `image models only: ${labels.join(' | ')}`);
    await session().screenshot('model-picker');
    await page.locator('.quick-input-widget input[type="text"]').fill('Titan Image Generator G1 v2');
    await page.keyboard.press('Enter');

    // The prompt box comes pre-filled with the selection.
    const input = page.locator('.quick-input-widget input[type="text"]');
    await page.waitForFunction(() => document.querySelector('.quick-input-widget .quick-input-title')?.textContent?.includes('Generate Image with'), undefined, { timeout: 60_000 });
    assert.equal(await input.inputValue(), 'A paper boat on a quiet pond');
    await session().screenshot('prompt-prefilled');
    await page.keyboard.press('Enter');

    // Saved, announced, and opened in an editor.
    await waitForNotification(page, /Saved a-paper-boat-on-a-quiet-pond-\d{8}-\d{6}-seed\d+\.png to images\//);
    await page.locator('.tabs-container .tab', { hasText: /a-paper-boat-on-a-quiet-pond-.*\.png/ }).first().waitFor({ state: 'visible' });
    const [png] = savedPngs(workspace);
    assert.ok(png, 'an image in images/');
    const decoded = PNG.sync.read(fs.readFileSync(path.join(workspace, 'images', png)));
    assert.deepEqual([decoded.width, decoded.height], [1024, 1024], "the model's default size");
    const sidecar = JSON.parse(fs.readFileSync(path.join(workspace, 'images', png.replace(/\.png$/, '.json')), 'utf8')) as { prompt: string; model: { id: string } };
    assert.deepEqual([sidecar.prompt, sidecar.model.id], ['A paper boat on a quiet pond', TITAN]);
    assert.equal((await bedrock.requestsFor('InvokeModel')).length, 1);
    // VS Code's image preview shows the picture (a webview of its own).
    await webview(page).locator('img').first().waitFor({ state: 'visible' });
    await session().screenshot('image-opened');

    // "Remember" makes it the default: the next run asks no model. The choice is saved in the user
    // settings a moment after the click; the next test starts once it is there.
    const remember = await waitForNotification(page, /Use Titan Image Generator G1 v2 for "Bedrock: Generate Image" from now on\?/);
    await remember.getByRole('button', { name: 'Remember' }).click();
    await waitForFile(path.join(session().userData, 'User'), (rel) => rel === 'settings.json', (text) => (/"bedrock\.defaultImageModel"\s*:\s*"amazon\.titan-image-generator-v2:0"/.test(text) ? true : undefined), 'the remembered model in the user settings');
  });

  it('cancels a slow generation from its progress notification, writing nothing', async () => {
    const { page, workspace, bedrock } = session();
    const before = savedPngs(workspace);
    // The answer is held at the endpoint: the generation is surely still running when it is cancelled.
    await bedrock.hold();
    try {
      // (Not runCommand: it waits for the palette to close, and here the prompt box follows at once.)
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget input[type="text"]').fill('>Bedrock: Generate Image');
      await page.locator('.quick-input-list .monaco-list-row[aria-label^="Bedrock: Generate Image"]').first().click();
      // The remembered model: straight to the prompt.
      await page.waitForFunction(() => document.querySelector('.quick-input-widget .quick-input-title')?.textContent?.includes('Generate Image with Titan Image Generator G1 v2'), undefined, { timeout: 60_000 });
      await page.locator('.quick-input-widget input[type="text"]').fill('a slow sunrise');
      await page.keyboard.press('Enter');
      const progress = await waitForNotification(page, /Generating an image with Titan Image Generator G1 v2/);
      await session().screenshot('progress');
      await progress.getByRole('button', { name: 'Cancel' }).click();
      await waitForNotification(page, 'Image generation cancelled. Nothing was saved.');
      // The request itself was cancelled: the endpoint saw its client go away, so no image can come.
      assert.equal((await bedrock.waitForEnd((r) => r.operation === 'InvokeModel' && JSON.stringify(r.body).includes('a slow sunrise'))).ended, 'clientClosed');
      assert.deepEqual(savedPngs(workspace), before);
      await session().screenshot('cancelled');
    } finally {
      await bedrock.release();
    }
  });
});

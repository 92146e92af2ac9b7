// Where "Bedrock: Generate Image" saves when the window is not one plain folder: with several
// workspace folders it asks which; with no folder open it asks for a place in a Save dialog.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { useSession } from './support/session';
import { waitForNotification, waitForWorkbench } from './support/workbench';

const TITAN = 'amazon.titan-image-generator-v2:0';
const input = (page: Page) => page.locator('.quick-input-widget input[type="text"]');

/** Runs the command from the palette and answers its prompt box. */
async function generate(page: Page, prompt: string): Promise<void> {
  // The extension's commands reach the palette a few seconds after a window opens, and an open
  // palette does not pick them up: reopen it until the command shows.
  const row = page.locator('.quick-input-list .monaco-list-row[aria-label^="Bedrock: Generate Image"]').first();
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('F1');
    await input(page).fill('>Bedrock: Generate Image');
    try {
      await row.waitFor({ state: 'visible', timeout: 3000 });
      break;
    } catch (err) {
      if (attempt >= 10) throw err;
      await page.keyboard.press('Escape');
    }
  }
  await row.click();
  await page.waitForFunction(() => document.querySelector('.quick-input-widget .quick-input-title')?.textContent?.includes('Generate Image with'), undefined, { timeout: 60_000 });
  await input(page).fill(prompt);
  await page.keyboard.press('Enter');
}

describe('"Bedrock: Generate Image" with several folders, or none', () => {
  const session = useSession({
    name: 'images-places',
    settings: { 'bedrock.defaultImageModel': TITAN },
    files: { 'multi/alpha/readme.txt': 'alpha\n', 'multi/beta/readme.txt': 'beta\n' },
  });

  it('asks which workspace folder, and saves into that one', async () => {
    const { page, workspace } = session();
    const multi = path.join(workspace, 'multi');
    const file = path.join(multi, 'two.code-workspace');
    // The browser window is a remote one: its folders are named by vscode-remote URIs.
    const authority = new URL(session().url).host;
    const folder = (name: string) => ({ uri: `vscode-remote://${authority}${path.join(multi, name)}` });
    fs.writeFileSync(file, JSON.stringify({ folders: [folder('alpha'), folder('beta')] }));
    // Opening a window on a workspace file sometimes shows it empty at first on this server: reload until both folders show.
    const beta = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'beta' }).first();
    for (let attempt = 0; ; attempt++) {
      await page.goto(`${new URL(session().url).origin}/?workspace=${encodeURIComponent(file)}`);
      await waitForWorkbench(page);
      try {
        await beta.waitFor({ state: 'visible', timeout: 20_000 });
        break;
      } catch (err) {
        if (attempt >= 2) throw err;
      }
    }

    await generate(page, 'two rivers meeting');
    const choice = page.locator('.quick-input-list .monaco-list-row', { hasText: 'beta' }).first();
    await choice.waitFor({ state: 'visible' });
    assert.equal(await input(page).getAttribute('placeholder'), 'Which workspace folder should the images be saved in?');
    await session().screenshot('which-folder');
    await choice.click();
    await waitForNotification(page, /Saved two-rivers-meeting-.*\.png to images\/ in beta/);
    const saved = fs.readdirSync(path.join(multi, 'beta', 'images')).filter((f) => f.endsWith('.png'));
    assert.equal(saved.length, 1);
    assert.equal(PNG.sync.read(fs.readFileSync(path.join(multi, 'beta', 'images', saved[0]!))).width, 1024);
    assert.ok(!fs.existsSync(path.join(multi, 'alpha', 'images')), 'nothing in the other folder');
  });

  it('with no folder open, saves where the Save dialog says', async () => {
    const { page, workspace } = session();
    const elsewhere = path.join(path.dirname(workspace), 'chosen-place');
    fs.mkdirSync(elsewhere, { recursive: true });
    await page.goto(`${new URL(session().url).origin}/?ew=true`);
    await waitForWorkbench(page);

    await generate(page, 'a lone pine');
    // VS Code's own Save dialog (the simple one in the browser): a path box, pre-filled with the suggested name.
    await page.waitForFunction(() => /a-lone-pine-\d{8}-\d{6}-seed\d+\.png$/.test((document.querySelector('.quick-input-widget input[type="text"]') as { value?: string } | null)?.value ?? ''));
    await session().screenshot('save-dialog');
    await input(page).fill(path.join(elsewhere, 'my-pine.png'));
    // The dialog checks the typed path before it accepts, and ignores an OK pressed before it has
    // checked: press OK, wait for the dialog to close, and press again if it did not.
    const ok = page.locator('.quick-input-widget .monaco-button', { hasText: /^OK$/ });
    for (let attempt = 0; attempt < 10 && (await ok.isVisible()); attempt++) {
      await ok.click().catch(() => undefined);
      await ok.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
    }
    await waitForNotification(page, /Saved my-pine\.png to /);
    assert.ok(fs.existsSync(path.join(elsewhere, 'my-pine.png')));
    assert.ok(fs.existsSync(path.join(elsewhere, 'my-pine.json')), 'with its sidecar');
    assert.equal(PNG.sync.read(fs.readFileSync(path.join(elsewhere, 'my-pine.png'))).height, 1024);
  });
});

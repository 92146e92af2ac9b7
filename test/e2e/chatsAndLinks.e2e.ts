// A link in a chat answer, clicked as a person does, and a closed chat found again. In the real
// VS Code (code-server) in Chromium, with the packaged VSIX: one click on a link gives one modal
// with the full address (VS Code's link protection, reached through the extension's opener: the
// webview's own click no longer reaches VS Code), and Open opens it exactly once; Cancel opens nothing. Then the chat's panel is closed and reopened from the
// Chats view in the Bedrock side bar, with its messages.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { useSession } from './support/session';
import { editorTab, runCommand, sendMessage, settled, webview, webviewDocument } from './support/workbench';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const LINK = 'https://docs.example.com/bedrock/guide?section=links&x=1';

async function openChat(page: Page): Promise<Locator> {
  await runCommand(page, 'Bedrock: New Chat');
  await editorTab(page, 'Bedrock Chat').waitFor({ state: 'visible' });
  const view = webview(page).locator('body');
  await view.locator('#app:not([aria-busy])').waitFor({ state: 'attached' });
  await view.locator(`#model-select option[value="${HAIKU}"]`).waitFor({ state: 'attached', timeout: 30_000 });
  await view.locator('#model-select').selectOption(HAIKU);
  return view;
}

const dialog = (page: Page) => page.locator('.monaco-dialog-box');

describe('links in answers and the Chats view', () => {
  const session = useSession({ name: 'chats-and-links' });
  const prompt = 'Where is the guide on links?';
  const title = 'Where is the guide on links?';

  it('a click on a link in an answer asks once with the full address, and Open opens it exactly once', async () => {
    const { page, browser, bedrock } = session();
    const view = await openChat(page);
    await bedrock.setReply(`The guide is [here](${LINK}), and a [second copy](${LINK}#again).`, 1);
    await sendMessage(view, prompt);
    const link = view.locator('.turn-assistant .turn-body a').first();
    await link.waitFor({ state: 'visible', timeout: 30_000 });

    const opened: string[] = [];
    browser.on('page', (p) => { opened.push(p.url()); });

    // Cancel: nothing opens.
    await link.click();
    await dialog(page).waitFor({ state: 'visible' });
    assert.equal(await dialog(page).count(), 1, 'one question');
    assert.ok(((await dialog(page).textContent()) ?? '').includes(LINK), 'the full address is shown');
    assert.deepEqual((await dialog(page).locator('.monaco-button').allTextContents()).map((t) => t.trim()).filter((t) => ['Open', 'Copy', 'Cancel'].includes(t)).sort(), ['Cancel', 'Copy', 'Open']);
    await session().screenshot('link-modal');
    await dialog(page).locator('.monaco-button', { hasText: /^Cancel$/ }).click();
    await dialog(page).waitFor({ state: 'detached' });
    await settled(await webviewDocument(page));
    await settled(page);
    assert.equal(await dialog(page).count(), 0, 'no second question after Cancel');
    assert.deepEqual(opened, [], 'Cancel opens nothing');

    // Open: exactly one new browser page, and no second question.
    await link.click();
    await dialog(page).waitFor({ state: 'visible' });
    const popup = browser.waitForEvent('page');
    // The new page asks for the link itself (the machine may be offline: its load can fail after).
    const requested = browser.waitForEvent('request', { predicate: (r) => r.url() === LINK });
    await dialog(page).locator('.monaco-button', { hasText: /^Open$/ }).click();
    const tab = await popup;
    await dialog(page).first().waitFor({ state: 'detached' });
    await settled(page);
    assert.equal(await dialog(page).count(), 0, 'VS Code did not ask a second time');
    assert.equal(opened.length, 1, `opened once (${opened.join(', ')})`);
    assert.equal((await requested).url(), LINK);
    await tab.close();
  });

  it('a closed chat is reopened from the Chats view with its messages', async () => {
    const { page } = session();
    // The Bedrock side bar, then its Chats view (collapsed until first opened).
    const models = page.locator('.part.sidebar .pane-header').filter({ hasText: 'Foundation Models' }).first();
    if (!(await models.isVisible())) await page.locator('.part.activitybar .action-item .action-label[aria-label^="Bedrock"]').first().click();
    const header = page.locator('.part.sidebar .pane-header').filter({ hasText: /^Chats/i }).first();
    await header.waitFor({ state: 'visible' });
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    const row = page.locator('.part.sidebar .monaco-list-row').filter({ hasText: title }).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match((await row.textContent()) ?? '', /\d\d:\d\d · Claude 3 Haiku · [\d.]+ (B|KB)/);
    await session().screenshot('chats-view');

    await runCommand(page, 'View: Close All Editors');
    await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached' });

    await row.click();
    await editorTab(page, title).waitFor({ state: 'visible', timeout: 30_000 });
    const view = webview(page).locator('body');
    await view.locator('.turn-user', { hasText: prompt }).waitFor({ state: 'visible', timeout: 30_000 });
    await view.locator('.turn-assistant .turn-body a', { hasText: 'here' }).waitFor({ state: 'visible' });
    await session().screenshot('chat-reopened');
  });
});

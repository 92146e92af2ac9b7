// The model explorer and Rewrite Selection as a person uses them, in VS Code's own UI: the
// Bedrock activity-bar view lists providers and models; right-click → Open in Playground
// preselects the model; select text → Rewrite Selection changes it; Ctrl+Z brings it back.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { useSession } from './support/session';
import { readmeScreenshot } from './support/artifacts';
import { editorTab, runCommand, webview } from './support/workbench';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const NOTES = [
  '# Meeting notes',
  '',
  'The meeting, which was held on tuesday, it went on for long.',
  '',
  'Next meeting: Friday.',
  '',
].join('\n');
const REWRITTEN = 'The Tuesday meeting ran long.';

/** A row of the Foundation Models tree, by the start of its accessible label. */
function treeRow(page: Page, label: string): Locator {
  return page.locator(`.part.sidebar .monaco-list-row[aria-label^="${label.replace(/"/g, '\\"')}"]`).first();
}

/** Opens the quick input with `text` typed (a `>` prefix makes it the command palette) and picks the row labelled `label`. */
async function pick(page: Page, text: string, label: string): Promise<void> {
  const input = page.locator('.quick-input-widget input[type="text"]');
  if (text) {
    // The palette may be closing (inert) when F1 arrives, or F1 may land in a webview that was
    // focused last: try again from a closed palette rather than fail on a transition.
    for (let attempt = 1; ; attempt++) {
      if (await input.isVisible()) {
        await page.keyboard.press('Escape');
        await input.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
      }
      await page.keyboard.press('F1');
      try {
        await input.fill(text, { timeout: 5000 });
        break;
      } catch (err) {
        if (attempt >= 4) throw err;
      }
    }
  }
  // Labels may start with an icon, which the row's aria-label spells out: match the visible text.
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: label }).first();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  await row.click();
}

/** Opens the Bedrock view from the activity bar (a click on the icon of a shown view would hide it). */
async function showBedrockView(page: Page): Promise<void> {
  // Its container also holds the Chats view: the name is on the view's own header (or in the side
  // bar's title when it is the only view shown).
  const title = page.locator('.part.sidebar .composite.title, .part.sidebar .pane-header').filter({ hasText: 'Foundation Models' }).first();
  if (!(await title.isVisible())) await page.locator('.part.activitybar .action-item .action-label[aria-label^="Bedrock"]').first().click();
  await title.waitFor({ state: 'visible' });
}

const EDITOR_LINES = '.editor-group-container.active .monaco-editor .view-lines';

/** The visible text of the active editor (Monaco renders non-breaking spaces). */
async function editorText(page: Page): Promise<string> {
  const text = await page.locator(EDITOR_LINES).first().innerText();
  return text.replace(/\u00a0/g, ' ');
}

/** Waits until the active editor shows `shown` (re-checked by the page as it renders), and returns its text. */
async function waitForEditorText(page: Page, shown: string, what: string): Promise<string> {
  try {
    await page.waitForFunction(([selector, text]) => (document.querySelector(selector)?.textContent ?? '').replace(/\u00a0/g, ' ').includes(text), [EDITOR_LINES, shown] as const, { timeout: 30_000 });
  } catch (err) {
    throw new Error(`The editor never showed ${what}; it shows:\n${await editorText(page)}`, { cause: err });
  }
  return editorText(page);
}

describe('model explorer and Rewrite Selection in the workbench', () => {
  const session = useSession({ name: 'models', files: { 'notes.md': NOTES } });

  it('shows the connection in the status bar', async () => {
    const { page } = session();
    await page.locator('.part.statusbar .statusbar-item', { hasText: 'Bedrock: local endpoint' }).first().waitFor({ state: 'visible', timeout: 30_000 });
  });

  it('lists providers and models in the Bedrock view', async () => {
    const { page } = session();
    await showBedrockView(page);
    for (const provider of ['Amazon', 'Anthropic']) await treeRow(page, provider).waitFor({ state: 'visible', timeout: 30_000 });
    await treeRow(page, 'Claude 3 Haiku,').waitFor({ state: 'visible' });
    const label = await treeRow(page, 'Claude 3 Haiku,').getAttribute('aria-label');
    assert.match(label ?? '', new RegExp(`${HAIKU.replace(/[.]/g, '\\.')} · streaming`));
    await session().screenshot('explorer');
    await readmeScreenshot(session().page, 'models');
  });

  it('right-click → Open in Playground opens the chat with that model selected', async () => {
    const { page } = session();
    await treeRow(page, 'Claude 3 Haiku,').click({ button: 'right' });
    const item = page.locator('.context-view .monaco-menu .action-item', { hasText: 'Open in Playground' }).first();
    await item.waitFor({ state: 'visible' });
    await session().screenshot('context-menu');
    await item.click();
    await editorTab(page, 'Bedrock Chat').waitFor({ state: 'visible' });
    // The model's option becomes the selected one (:checked) once the playground has preselected it.
    await webview(page).locator(`#model-select option[value="${HAIKU}"]:checked`).waitFor({ state: 'attached', timeout: 30_000 });
    assert.equal(await webview(page).locator('#model-select').inputValue(), HAIKU);
    await page.mouse.move(700, 600); // away from the tree, whose tooltip would cover the panel
    await session().screenshot('playground-preselected');
  });

  it('Open in Playground on an image model opens the Images tab with it selected', async () => {
    const { page } = session();
    await showBedrockView(page);
    await treeRow(page, 'Nova Canvas,').click({ button: 'right' });
    await page.locator('.context-view .monaco-menu .action-item', { hasText: 'Open in Playground' }).first().click();
    await webview(page).locator('#images-model option[value="amazon.nova-canvas-v1:0"]:checked').waitFor({ state: 'attached', timeout: 30_000 });
    assert.equal(await webview(page).locator('#images-model').inputValue(), 'amazon.nova-canvas-v1:0');
    await page.mouse.move(700, 600);
    await session().screenshot('images-preselected');
  });

  it('rewrites the selected text in place, and Ctrl+Z restores it', async () => {
    const { page, bedrock } = session();
    await pick(page, 'notes.md', 'notes.md');
    await waitForEditorText(page, 'Meeting notes', 'the notes');
    // Select line 3.
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input[type="text"]').fill(':3');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');
    await page.locator('.part.statusbar .statusbar-item', { hasText: '(60 selected)' }).first().waitFor({ state: 'visible' });

    await bedrock.setReply(`<rewrite>${REWRITTEN}</rewrite>`);
    await pick(page, '>Bedrock: Rewrite Selection', 'Bedrock: Rewrite Selection');
    await page.locator('.quick-input-list .monaco-list-row[aria-label^="Fix grammar and spelling"]').first().waitFor({ state: 'visible', timeout: 30_000 });
    await session().screenshot('rewrite-instructions');
    await pick(page, '', 'Fix grammar and spelling');

    const after = await waitForEditorText(page, REWRITTEN, 'the rewrite');
    assert.ok(!after.includes('which was held on tuesday'), 'the original sentence is gone');
    assert.ok(after.includes('Next meeting: Friday.'), 'the rest of the file is untouched');
    await session().screenshot('rewritten');

    await page.keyboard.press('Control+Z');
    const undone = await waitForEditorText(page, 'which was held on tuesday', 'the original after Ctrl+Z');
    assert.ok(!undone.includes(REWRITTEN), 'one Ctrl+Z removed the whole rewrite');
    await session().screenshot('undone');
  });

  it('without credentials the welcome leads to the demo in one click, a chat answers there, and Use AWS goes back', async () => {
    const { page, bedrock } = session();
    await showBedrockView(page);
    // The status bar item's menu: stop using the local endpoint (this session has no AWS credentials).
    await page.locator('.part.statusbar .statusbar-item', { hasText: 'Bedrock: local endpoint' }).first().click();
    await pick(page, '', 'Use AWS Endpoints');
    const welcome = page.locator('.part.sidebar .welcome-view-content');
    await welcome.getByText('No usable AWS credentials were found').waitFor({ state: 'visible', timeout: 60_000 });
    for (const button of ['Choose AWS Profile', 'Set Region', 'Try Without an AWS Account']) await welcome.getByRole('button', { name: button }).waitFor({ state: 'visible' });
    await page.locator('.part.statusbar .statusbar-item', { hasText: 'Bedrock: default · us-east-1' }).first().waitFor({ state: 'visible' });
    await session().screenshot('welcome-no-credentials');

    // As a newcomer finds it: no playground open yet.
    await runCommand(page, 'View: Close All Editors');
    await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached' });
    await bedrock.clearRequests();
    await welcome.getByRole('button', { name: 'Try Without an AWS Account' }).click();
    await editorTab(page, 'Bedrock Chat').waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('.part.statusbar .statusbar-item', { hasText: 'Bedrock: Demo' }).first().waitFor({ state: 'visible' });
    await treeRow(page, 'Anthropic').waitFor({ state: 'visible', timeout: 30_000 });
    // The view's description (beside its title, cut off at this width; the header's label has it whole).
    await page.locator('.part.sidebar .pane-header[aria-label="Foundation Models - Demo Section"]').waitFor({ state: 'attached' });
    const view = webview(page);
    await view.locator('#panel-chat .demo-note').waitFor({ state: 'visible', timeout: 30_000 });
    const input = view.locator('#composer-input');
    await input.fill('Hello from the demo');
    await input.press('Enter');
    const answer = view.locator('.turn-assistant').last();
    await answer.locator('.metric-demo').waitFor({ state: 'visible', timeout: 60_000 });
    assert.ok((await answer.locator('.turn-body').innerText()).trim().length > 0, 'the demo answered');
    await page.mouse.move(700, 600);
    await session().screenshot('demo-chat');
    assert.deepEqual((await bedrock.requests()).map((r) => r.operation), [], 'nothing reached the configured endpoint while the demo answered');

    await page.locator('.part.statusbar .statusbar-item', { hasText: 'Bedrock: Demo' }).first().click();
    await pick(page, '', 'Use AWS');
    await welcome.getByText('No usable AWS credentials were found').waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator('.part.statusbar .statusbar-item', { hasText: 'Bedrock: default · us-east-1' }).first().waitFor({ state: 'visible' });

    // Back to the session's endpoint for the tests after this one, through the menu a user would use.
    await page.locator('.part.statusbar .statusbar-item', { hasText: 'Bedrock: default · us-east-1' }).first().click();
    await pick(page, '', 'Use Another Endpoint');
    const address = page.locator('.quick-input-widget input[type="text"]');
    await address.waitFor({ state: 'visible' });
    await address.fill(bedrock.endpoint);
    await page.keyboard.press('Enter');
    await treeRow(page, 'Anthropic').waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('.part.statusbar .statusbar-item', { hasText: 'Bedrock: local endpoint' }).first().waitFor({ state: 'visible' });
  });

  it('offers a getting-started walkthrough', async () => {
    const { page } = session();
    await pick(page, '>Welcome: Open Walkthrough', 'Welcome: Open Walkthrough...');
    await pick(page, '', 'Get Started with Bedrock Playground');
    await page.locator('.gettingStartedContainer', { hasText: 'Choose a profile and region' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    for (const step of ['Browse the foundation models', 'Chat with a model', 'Generate an image']) {
      await page.locator('.gettingStartedContainer', { hasText: step }).first().waitFor({ state: 'visible' });
    }
    await session().screenshot('walkthrough');
  });
});

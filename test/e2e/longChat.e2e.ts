// A long conversation in the real VS Code: 1,000 saved turns restored into the panel show their
// last turn at once, and scrolling to the top reaches the first turn (the older turns are added
// above the last ones in idle time, or when scrolled near).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { waitForFile } from './support/files';
import { useSession } from './support/session';
import { runCommand, sendMessage, webview, webviewDocument } from './support/workbench';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const TURNS = 1000;

function longConversation(n: number): unknown[] {
  const at = Date.now() - n * 60_000;
  return Array.from({ length: n }, (_, i) => (i % 2 === 0
    ? { id: `long-${i}`, role: 'user', text: `Question number ${i / 2 + 1} of the long chat`, status: 'done', createdAt: at + i * 60_000 }
    : { id: `long-${i}`, role: 'assistant', text: `Answer number ${(i + 1) / 2}: **some** markdown, a list:\n\n- one\n- two\n\nand a closing line.`, status: 'done', modelId: HAIKU, createdAt: at + i * 60_000 }));
}

/** The saved conversation of this session, once its last answer is saved as done. */
function savedConversation(root: string): Promise<string> {
  return waitForFile(root, (rel) => /[\\/]chat[\\/]conversations[\\/][\w-]+\.json$/.test(rel), (contents, rel) => {
    try {
      const c = JSON.parse(contents) as { turns?: Array<{ role: string; status: string }> };
      return c.turns?.at(-1)?.role === 'assistant' && c.turns.at(-1)?.status === 'done' ? path.join(root, rel) : undefined;
    } catch {
      return undefined; // being written: read again on the next change
    }
  }, 'the saved conversation');
}

describe('a 1,000-turn chat', () => {
  const session = useSession({ name: 'long-chat' });

  async function restored(page: Page): Promise<Frame> {
    const { workspace } = session();
    await runCommand(page, 'Bedrock: Chat');
    const view = webview(page).locator('#panel-chat');
    await view.locator(`#model-select option[value="${HAIKU}"]`).waitFor({ state: 'attached', timeout: 30_000 });
    await view.locator('#model-select').selectOption(HAIKU);
    await sendMessage(view, 'A first question, so the chat is saved');
    // The answer is complete (the composer takes the focus back then, which would close a palette).
    await view.locator('.turn-assistant .turn-footer .metrics').waitFor({ timeout: 30_000 });
    await view.locator('vscode-button.send:not(.stop)').waitFor({ state: 'visible' });
    const file = await savedConversation(path.dirname(workspace));
    await runCommand(page, 'View: Close All Editors');
    await webview(page).locator('#app').waitFor({ state: 'detached' });
    // Closed, the panel saves nothing more: the saved chat becomes a long one, opened again.
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { turns: unknown[] };
    saved.turns = longConversation(TURNS);
    fs.writeFileSync(file, JSON.stringify(saved));
    await runCommand(page, 'Bedrock: Chat');
    return webviewDocument(page);
  }

  it('shows its last turn at once, and scrolling to the top reaches the first turn', async () => {
    const { page } = session();
    const doc = await restored(page);
    const last = webview(page).locator(`.turn[data-turn-id="long-${TURNS - 1}"]`);
    await last.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await last.innerText(), new RegExp(`Answer number ${TURNS / 2}`));
    await session().screenshot('long-chat-restored');

    // To the top, as Ctrl+Home does.
    await doc.waitForFunction(() => {
      const log = document.querySelector('.conversation')!;
      log.scrollTop = 0;
      return document.querySelector('.turn[data-turn-id="long-0"]') !== null && log.scrollTop === 0;
    }, undefined, { polling: 'raf', timeout: 60_000 });
    const first = webview(page).locator('.turn[data-turn-id="long-0"]');
    await first.waitFor({ state: 'visible' });
    assert.match(await first.innerText(), /Question number 1 of the long chat/);
    assert.equal(await doc.evaluate(() => document.querySelector('.conversation')!.scrollTop), 0);
    // Once the scrolling stops, the answers on screen are rendered as markdown; those never scrolled
    // near stay plain text (cheap), until they are.
    await webview(page).locator('.turn[data-turn-id="long-1"] .turn-body strong').waitFor({ timeout: 30_000 });
    assert.match(await webview(page).locator('.turn[data-turn-id="long-1"] .turn-body li').first().innerText(), /one/);
    assert.equal(await webview(page).locator('.turn[data-turn-id="long-501"] .md-deferred').count(), 1, 'an answer far below is not rendered');
    await session().screenshot('long-chat-top');
  });
});

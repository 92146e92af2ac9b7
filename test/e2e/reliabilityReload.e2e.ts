// Reliability in the real VS Code (code-server) and Chromium: a window reload in the middle of a
// streaming answer brings the conversation back with the interrupted reply marked so; a stream
// cut after partial text shows the partial text, the error and Retry, and Retry answers; and
// 10,000 malformed messages posted through the webview's own channel into the real extension
// host change nothing and leave the panel working; and a chat older than bedrock.chats.keepDays
// that a background panel is on survives the clean-up at the next start.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { useSession } from './support/session';
import { waitForFile } from './support/files';
import { runCommand, sendMessage, waitForWorkbench, waitForWorkspaceState, webview, webviewDocument } from './support/workbench';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
/** The id of the request posted after the 10,000 malformed messages (none of them uses it). */
const BARRIER_ID = 999_999_937;

/** A saved conversation (its JSON) whose answer was saved while streaming, with text in it. */
function savedMidAnswer(json: string): true | undefined {
  try {
    const c = JSON.parse(json) as { turns?: Array<{ role: string; status: string; text: string }> };
    const last = c.turns?.at(-1);
    return last?.role === 'assistant' && last.status === 'streaming' && last.text.trim().length > 0 ? true : undefined;
  } catch {
    return undefined; // being written: the next change reads it again
  }
}

function chat(page: Page): Locator {
  return webview(page).locator('#panel-chat');
}

async function openChat(page: Page): Promise<Locator> {
  await runCommand(page, 'Bedrock: Chat');
  const view = chat(page);
  await view.locator(`#model-select option[value="${HAIKU}"]`).waitFor({ state: 'attached', timeout: 30_000 });
  await view.locator('#model-select').selectOption(HAIKU);
  return view;
}

const lastAnswer = (view: Locator) => view.locator('.turn-assistant').last();

async function idle(view: Locator, timeoutMs = 30_000): Promise<void> {
  await view.locator('vscode-button.send:not(.stop)').waitFor({ state: 'visible', timeout: timeoutMs });
}

/** The webview's host page (the workbench's webview iframe, parent of the webview document), for evaluate(). */
async function webviewFrame(page: Page): Promise<Frame> {
  const outer = await (await page.locator('iframe.webview.ready:visible').first().elementHandle())!.contentFrame();
  if (!outer) throw new Error('The webview is not loaded');
  return outer;
}

describe('reliability in the real VS Code', () => {
  const session = useSession({ name: 'reliability', settings: { 'workbench.colorTheme': 'Default Dark Modern', 'bedrock.chats.keepDays': 30 } });

  it('a stream cut after partial text: the partial text, the error and Retry; Retry answers', async () => {
    const { page, bedrock } = session();
    const view = await openChat(page);
    await bedrock.injectFault({ operation: 'ConverseStream', fault: 'dropAfterEvents', afterEvents: 8 });
    await sendMessage(view, 'Tell me about cut streams');
    const box = lastAnswer(view).locator('.error-box');
    await box.waitFor({ timeout: 30_000 });
    assert.match(await box.locator('.error-message').innerText(), /cut off/);
    await box.locator('.partial-note').waitFor();
    assert.ok((await lastAnswer(view).locator('.turn-body').innerText()).trim().length > 0, 'the partial text is shown');
    await session().screenshot('stream-cut-partial-with-retry');
    await box.locator('vscode-button').getByText('Retry').click();
    await idle(view);
    await lastAnswer(view).locator('.turn-footer .metrics').waitFor({ timeout: 30_000 });
    assert.match(await lastAnswer(view).locator('.turn-body').innerText(), /Tell me about cut streams/);
  });

  it('a window reload mid-stream brings the conversation back, the interrupted reply marked so, and the panel answers again', async () => {
    const { page, bedrock } = session();
    const view = chat(page);
    await bedrock.setTokensPerSecond(25);
    await sendMessage(view, 'Write something long about reloading windows');
    // Some text, and past the session's periodic save (every 2 s while streaming): a save of the
    // answer with text in it, made while it streams, has reached the disk.
    await lastAnswer(view).locator('.turn-body').getByText(/\S{3}/).first().waitFor({ timeout: 30_000 });
    await waitForFile(path.join(session().userData, 'User', 'workspaceStorage'), (rel) => /[\\/]chat[\\/]conversations[\\/][^\\/]+\.json$/.test(rel), savedMidAnswer, 'a save of the answer made while it streams');
    const shown = await lastAnswer(view).locator('.turn-body').innerText();
    await page.reload();
    await waitForWorkbench(page);
    await bedrock.setTokensPerSecond(0);
    const restored = chat(page);
    const answer = restored.locator('.turn-assistant').last();
    await answer.locator('.status-interrupted').waitFor({ timeout: 60_000 });
    assert.match(await answer.locator('.status-interrupted').innerText(), /Interrupted — the answer above is partial/);
    const kept = await answer.locator('.turn-body').innerText();
    assert.ok(kept.trim().length > 0 && shown.startsWith(kept.trim().slice(0, 40)), `the text saved before the reload is back (${kept.length} chars)`);
    await restored.getByText('Write something long about reloading windows').first().waitFor();
    await session().screenshot('interrupted-after-reload');

    await restored.locator(`#model-select option[value="${HAIKU}"]`).waitFor({ state: 'attached', timeout: 30_000 });
    const turns = await restored.locator('.turn').count();
    await sendMessage(restored, 'Are you back?');
    await restored.locator('.turn').nth(turns + 1).waitFor({ timeout: 30_000 });
    await idle(restored);
    await restored.locator('.turn-assistant').last().locator('.turn-footer .metrics').waitFor({ timeout: 30_000 });
  });

  it('10,000 malformed messages from the webview into the extension host change nothing; the panel still answers', async function () {
    this.timeout(300_000);
    const { page, bedrock } = session();
    const view = chat(page);
    const turnsBefore = await view.locator('.turn').count();
    await bedrock.clearRequests();
    const frame = await webviewFrame(page);
    // The webview's document gets the host's answer to the barrier request posted after the storm.
    const inner = await webviewDocument(page);
    await inner.evaluate((id) => {
      (window as unknown as { barrier: Promise<void> }).barrier = new Promise<void>((resolve) => {
        window.addEventListener('message', (e: MessageEvent) => {
          const m = e.data as { type?: string; id?: number } | undefined;
          if (m?.type === 'response' && m.id === id) resolve();
        });
      });
    }, BARRIER_ID);
    // Posted through the webview's own channel to the host, exactly as acquireVsCodeApi().postMessage
    // does. A string script: the page's CSP has no eval, and the runner's transform would add helpers.
    const posted = await frame.evaluate(`(async () => {
      let seed = 20261122;
      const r = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
      const pick = (l) => l[Math.floor(r() * l.length)];
      // 100 KB, not megabytes: every message crosses to the extension host over the network here
      // (the 4 MB cases run in the integration fuzz, straight into the host's router).
      const big = 'x'.repeat(100000);
      const strings = ['', big, '__proto__', 'constructor', '<script>alert(1)</script>', '../../etc/passwd', 'chat/send', '\\u0000\\uffff'];
      // Not chat/clear: its params are ignored by design (any record is a Clear), so a fuzzed one is a real Clear.
      const methods = ['chat/send', 'chat/setOptions', 'links/open', 'chat/runAction', 'chat/copyAsCode', 'images/generate', 'embeddings/compute', 'knowledgeBase/ask', 'nope/nope', '__proto__/polluted', ''];
      const value = (d) => {
        const k = Math.floor(r() * (d > 2 ? 5 : 7));
        if (k === 0) return null;
        if (k === 1) return pick([0, -1, 1.5, 2 ** 60, 1e308]);
        if (k === 2) return r() < 0.5;
        if (k === 3 || k === 4) return pick(strings);
        if (k === 5) return [value(d + 1), value(d + 1)];
        return JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"k":' + JSON.stringify(value(d + 1) ?? null) + '}');
      };
      const message = () => {
        switch (Math.floor(r() * 8)) {
          case 0: return value(0);
          case 1: return { type: pick(['request', 'notify', 'cancel', 'ready', 'response', 'chunk', '', 7]), id: pick([1, -1, 0.5, 2 ** 60, '3', null]), method: pick(methods), params: value(0) };
          case 2: return { type: 'request', id: 1 + Math.floor(r() * 1000), method: pick(methods), params: value(0) };
          case 3: return { type: 'notify', method: pick(methods), params: value(0) };
          case 4: return { type: 'cancel', id: pick([1, 2, -5, 'x', null, 2 ** 60]) };
          case 5: return { type: 'request', id: 1 + Math.floor(r() * 1000), method: 'chat/send', params: { mode: pick(['new', 'retry', 'edit', 'x']), text: pick(strings), attachments: pick([[], null, [{ format: 'exe', base64: '!!', name: big }]]), options: value(0) } };
          case 6: return { type: 'notify', method: 'chat/setOptions', params: { options: { modelId: pick(strings), temperature: 'hot', stopSequences: null } } };
          default: return JSON.parse('{"type":"request","id":5,"method":"chat/send","params":{"__proto__":{"polluted":1}}}');
        }
      };
      // The webview host page's bridge to the extension host (what acquireVsCodeApi().postMessage calls).
      const post = window.__vscode_post_message__ || window.parent.__vscode_post_message__;
      if (typeof post !== 'function') throw new Error('no webview bridge in ' + location.href);
      let n = 0;
      for (let i = 0; i < 10000; i++) {
        post('onmessage', { message: message(), transfer: [] });
        n++;
        // Let the page's other work run between bursts (a task, not a timer).
        if (i % 200 === 199) await new Promise((res) => { const c = new MessageChannel(); c.port1.onmessage = res; c.port2.postMessage(0); });
      }
      // Last, a request for a method nobody serves: the host answers it as it dispatches it, in
      // order, so its answer means every message before it has been dispatched.
      post('onmessage', { message: { type: 'request', id: ${BARRIER_ID}, method: 'barrier/unknown', params: {} }, transfer: [] });
      return n;
    })()`);
    assert.equal(posted, 10_000);
    await inner.evaluate(() => (window as unknown as { barrier: Promise<void> }).barrier);
    // Nothing changed in the conversation, no error notification.
    assert.equal(await view.locator('.turn').count(), turnsBefore, 'the conversation is unchanged');
    assert.equal(await page.locator('.notification-toast.error, .notifications-toasts .codicon-error').count(), 0, 'no error notification');
    await session().screenshot('after-10000-malformed-messages');
    // And it still answers.
    await sendMessage(view, 'Still answering after the storm?');
    await view.locator('.turn').nth(turnsBefore + 1).waitFor({ timeout: 60_000 });
    await idle(view, 60_000);
    await view.locator('.turn-assistant').last().locator('.turn-footer .metrics').waitFor({ timeout: 30_000 });
    assert.match(await view.locator('.turn-assistant').last().locator('.turn-body').innerText(), /Still answering after the storm/);
    // Nothing reached Bedrock but that question: a malformed message turned into a request would
    // have gone out before it.
    const calls = await bedrock.requestsFor('ConverseStream');
    assert.deepEqual(calls.map((c) => /Still answering after the storm/.test(JSON.stringify(c.body))), [true], 'no malformed message became a request');
  });

  it('a chat older than bedrock.chats.keepDays survives the clean-up at the next start while a background panel is on it', async () => {
    const { page } = session();
    const logs = path.join(session().userData, 'logs');
    const cleanUpLine = /Chats clean-up \(bedrock\.chats\.keepDays 30\): deleted \d+ chats?; the (\d+) that panels are on were kept/;
    const cleanUpLogs = () => fs.readdirSync(logs, { recursive: true, encoding: 'utf8' }).filter((rel) => rel.endsWith('Bedrock.log') && cleanUpLine.test(fs.readFileSync(path.join(logs, rel), 'utf8')));
    // The panel of the tests above, with their conversation, goes to the background: a new chat is the last one active.
    const conversations = path.join(session().userData, 'User', 'workspaceStorage');
    const oldFile = await waitForFile(conversations, (rel) => /[\\/]chat[\\/]conversations[\\/][^\\/]+\.json$/.test(rel), (text, rel) => (text.includes('Still answering after the storm?') ? rel : undefined), 'the conversation of the tests above');
    await runCommand(page, 'Bedrock: New Chat');
    await page.locator('.tab.active', { hasText: 'Bedrock Chat' }).waitFor({ timeout: 30_000 });
    // The record of both panels is stored before the reload (a write still pending then is lost).
    await waitForWorkspaceState(page, 'bedrock-playground.bedrock-playground', (state) => {
      const open = state['bedrock.playground.openPanelIds'];
      return Array.isArray(open) && open.length >= 2 && open.includes(state['bedrock.playground.lastPanelId']);
    }, 'the two open panels');
    // Its last change, 400 days ago: past the 30 days kept.
    const file = path.join(conversations, oldFile);
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { updatedAt: number };
    stored.updatedAt = Date.now() - 400 * 86_400_000;
    fs.writeFileSync(file, JSON.stringify(stored));
    const before = new Set(cleanUpLogs());

    await page.reload();
    await waitForWorkbench(page);
    const kept = await waitForFile(logs, (rel) => rel.endsWith('Bedrock.log') && !before.has(rel), (text) => cleanUpLine.exec(text)?.[1], 'the clean-up of the restarted extension');
    assert.ok(Number(kept) >= 2, `both panels' chats are kept (${kept})`);
    assert.ok(fs.existsSync(file), 'the old chat a panel is on is not deleted');
    // And the background panel still shows it.
    await page.locator('.tab', { hasText: 'Tell me about' }).first().click();
    await chat(page).getByText('Still answering after the storm?').first().waitFor({ timeout: 60_000 });
  });
});

// The playground panel in the extension host: "Bedrock: Chat" opens one (a second call focuses
// it), "Bedrock: New Chat" opens another, a prompt sent through the command is answered by the
// local endpoint and saved, the conversation comes back when the panel is reopened, and
// "Bedrock: Export Chat as Markdown" writes it to a file.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeExtension, localBedrock } from './support/extension';
import { closePlaygrounds, playgroundTabs, tabsSettled, untilTabs } from './support/vscodeEvents';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';

/**
 * Runs `read` again and again until it gives a value. Only for the conversation a panel holds: the
 * panel keeps it to itself, no event an extension can observe says it changed, and "Bedrock: Export
 * Chat as Markdown" is the only way to read it. So this polls, on a short interval (100 ms) with a
 * generous overall time (60 s); the tests first wait for the event that matters (the request's
 * stream ending at the local endpoint), so the read usually succeeds at once.
 */
async function pollExport<T>(read: () => Promise<T | undefined>, label: string, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Exports the active playground's conversation to `file` and returns the Markdown. */
async function exportTo(file: vscode.Uri): Promise<string> {
  await vscode.commands.executeCommand('bedrock.exportChat', file);
  return fs.existsSync(file.fsPath) ? fs.readFileSync(file.fsPath, 'utf8') : '';
}

describe('the playground panel', function () {
  this.timeout(60_000);
  const bedrock = localBedrock();
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'playground-export-'));

  before(async () => {
    await activeExtension();
    await closePlaygrounds();
  });
  afterEach(async () => { await bedrock.reset(); });
  after(async () => {
    await closePlaygrounds();
    fs.rmSync(outDir, { recursive: true, force: true });
  });

  it('opens one playground for "Bedrock: Chat", focuses it on the next call, and "New Chat" opens another', async () => {
    await vscode.commands.executeCommand('bedrock.chat');
    await untilTabs(() => playgroundTabs().length === 1, 'a playground tab');
    await vscode.commands.executeCommand('bedrock.chat');
    // A tab the second call opened would be in before the tab of an editor opened after it.
    await tabsSettled();
    assert.equal(playgroundTabs().length, 1, 'the second call focuses the open one');
    await vscode.commands.executeCommand('bedrock.newChat');
    await untilTabs(() => playgroundTabs().length === 2, 'a second playground tab');
    await closePlaygrounds();
  });

  it('answers a prompt sent with the command, saves it, and brings it back when reopened; exports it', async () => {
    const prompt = `Integration prompt ${Date.now()}`;
    await vscode.commands.executeCommand('bedrock.newChat', { modelId: HAIKU, prompt });
    const ours = (r: { operation: string; body: unknown }) => r.operation === 'ConverseStream' && JSON.stringify(r.body).includes(prompt);
    const call = await bedrock.waitForRequest(ours);
    assert.ok(call.modelId?.includes(HAIKU));
    assert.equal((await bedrock.waitForEnd(ours)).ended, 'completed');

    const first = vscode.Uri.file(path.join(outDir, 'first.md'));
    const exported = await pollExport(async () => {
      const text = await exportTo(first);
      return /stop: end_turn/.test(text) ? text : undefined;
    }, 'the answer to be complete in the export');
    assert.match(exported, new RegExp(`> ${prompt}`), 'the user message, quoted');
    assert.match(exported, /## Claude 3 Haiku/);
    assert.match(exported, /stand-in/i, 'the answer text');
    assert.match(exported, /stop: end_turn/);
    assert.equal(/accessKeyId|secretAccessKey|Authorization/i.test(exported), false);

    // Close the panel; "Bedrock: Chat" reopens the last conversation from storage.
    await closePlaygrounds();
    await vscode.commands.executeCommand('bedrock.chat');
    await untilTabs(() => playgroundTabs().length === 1, 'the reopened playground');
    const second = vscode.Uri.file(path.join(outDir, 'second.md'));
    const restored = await pollExport(async () => (await exportTo(second)) || undefined, 'the restored export');
    const body = (s: string) => s.replace(/^\*Exported from .*$/m, '');
    assert.equal(body(restored), body(exported), 'the same conversation came back');
    assert.equal(playgroundTabs()[0]!.label.startsWith('Integration prompt'), true, `tab title: ${playgroundTabs()[0]!.label}`);
  });

  it('keeps a failed answer in the conversation with the error in plain words', async () => {
    await bedrock.injectFault({ operation: 'ConverseStream', fault: 'accessDenied', times: 1 });
    await vscode.commands.executeCommand('bedrock.chat', { modelId: HAIKU, prompt: 'Will this be denied?' });
    await bedrock.waitForRequest((r) => r.operation === 'ConverseStream' && JSON.stringify(r.body).includes('Will this be denied?'));
    const file = vscode.Uri.file(path.join(outDir, 'denied.md'));
    const text = await pollExport(async () => {
      const t = await exportTo(file);
      return /\*\*Error:\*\*/.test(t) ? t : undefined;
    }, 'the error in the export');
    assert.match(text, /> Will this be denied\?/);
    assert.match(text, /\*\*Error:\*\* .*access/i);
  });
});

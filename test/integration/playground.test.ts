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

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';

function playgroundTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('bedrock.playground'));
}

async function until<T>(what: () => Promise<T | undefined | false> | T | undefined | false, label: string, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await what();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function closePlaygrounds(): Promise<void> {
  await vscode.window.tabGroups.close(playgroundTabs());
  await until(() => playgroundTabs().length === 0, 'playground tabs to close');
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
    await until(() => playgroundTabs().length === 1, 'a playground tab');
    await vscode.commands.executeCommand('bedrock.chat');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(playgroundTabs().length, 1, 'the second call focuses the open one');
    await vscode.commands.executeCommand('bedrock.newChat');
    await until(() => playgroundTabs().length === 2, 'a second playground tab');
    await closePlaygrounds();
  });

  it('answers a prompt sent with the command, saves it, and brings it back when reopened; exports it', async () => {
    const prompt = `Integration prompt ${Date.now()}`;
    await vscode.commands.executeCommand('bedrock.newChat', { modelId: HAIKU, prompt });
    const call = await until(async () => (await bedrock.requestsFor('ConverseStream')).find((r) => JSON.stringify(r.body).includes(prompt)), 'the request at the local endpoint');
    assert.ok(call.modelId?.includes(HAIKU));

    const first = vscode.Uri.file(path.join(outDir, 'first.md'));
    const exported = await until(async () => {
      await vscode.commands.executeCommand('bedrock.exportChat', first);
      const text = fs.existsSync(first.fsPath) ? fs.readFileSync(first.fsPath, 'utf8') : '';
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
    await until(() => playgroundTabs().length === 1, 'the reopened playground');
    const second = vscode.Uri.file(path.join(outDir, 'second.md'));
    const restored = await until(async () => {
      await vscode.commands.executeCommand('bedrock.exportChat', second);
      return fs.existsSync(second.fsPath) ? fs.readFileSync(second.fsPath, 'utf8') : undefined;
    }, 'the restored export');
    const body = (s: string) => s.replace(/^\*Exported from .*$/m, '');
    assert.equal(body(restored), body(exported), 'the same conversation came back');
    assert.equal(playgroundTabs()[0]!.label.startsWith('Integration prompt'), true, `tab title: ${playgroundTabs()[0]!.label}`);
  });

  it('keeps a failed answer in the conversation with the error in plain words', async () => {
    await bedrock.injectFault({ operation: 'ConverseStream', fault: 'accessDenied', times: 1 });
    await vscode.commands.executeCommand('bedrock.chat', { modelId: HAIKU, prompt: 'Will this be denied?' });
    const file = vscode.Uri.file(path.join(outDir, 'denied.md'));
    const text = await until(async () => {
      await vscode.commands.executeCommand('bedrock.exportChat', file);
      const t = fs.existsSync(file.fsPath) ? fs.readFileSync(file.fsPath, 'utf8') : '';
      return /\*\*Error:\*\*/.test(t) ? t : undefined;
    }, 'the error in the export');
    assert.match(text, /> Will this be denied\?/);
    assert.match(text, /\*\*Error:\*\* .*access/i);
  });
});

// The Chats view's commands in the extension host, against the local endpoint: a chat started
// in a panel is listed; renaming it renames its open panel; after the panel is closed, "Open
// Chat" brings it back in a new panel with its messages; a closed chat is renamed and exported
// too; "Delete Chat" closes its panel and removes it from the list.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChatSummary } from '../../src/playground/chat/chatLibrary';
import { activeExtension, localBedrock } from './support/extension';
import { answerNextModal } from './support/uiCalls';
import { closePlaygrounds, playgroundTabs, untilTabs } from './support/vscodeEvents';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';

const chats = async (): Promise<ChatSummary[]> => (await vscode.commands.executeCommand<ChatSummary[]>('bedrock.chats.refresh')) ?? [];

describe('the Chats view commands', function () {
  this.timeout(60_000);
  const bedrock = localBedrock();
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chats-export-'));

  before(async () => {
    await activeExtension();
    await closePlaygrounds();
  });
  afterEach(async () => { await bedrock.reset(); });
  after(async () => {
    await closePlaygrounds();
    fs.rmSync(outDir, { recursive: true, force: true });
  });

  it('lists a chat, renames it, reopens it after its panel closed, exports it, and deletes it', async () => {
    const prompt = `A question for the chats list ${Date.now()}`;
    await vscode.commands.executeCommand('bedrock.newChat', { modelId: HAIKU, prompt });
    // The conversation is saved before its request goes out, and kept again when the answer ends.
    await bedrock.waitForEnd((r) => r.operation === 'ConverseStream' && JSON.stringify(r.body).includes(prompt));
    const listed = (await chats()).find((c) => c.title === prompt.slice(0, 39) + '…' || c.title === prompt);
    assert.ok(listed, `the new chat is listed (${JSON.stringify((await chats()).map((c) => c.title))})`);
    assert.equal(listed.modelId, HAIKU);
    assert.ok(listed.bytes > 0 && listed.turns >= 1);

    // Rename while open: the panel's title follows.
    await vscode.commands.executeCommand('bedrock.chats.rename', listed, 'Renamed while open');
    await untilTabs(() => playgroundTabs().some((t) => t.label === 'Renamed while open'), 'the panel to take the new title');
    assert.ok((await chats()).some((c) => c.id === listed.id && c.title === 'Renamed while open'));

    // Closed, then reopened from the list: the same conversation, in a new panel.
    await closePlaygrounds();
    await vscode.commands.executeCommand('bedrock.chats.rename', listed.id, 'Renamed while closed');
    assert.ok((await chats()).some((c) => c.id === listed.id && c.title === 'Renamed while closed'));
    await vscode.commands.executeCommand('bedrock.chats.open', listed);
    await untilTabs(() => playgroundTabs().some((t) => t.label === 'Renamed while closed'), 'the chat to reopen in a panel');

    const file = vscode.Uri.file(path.join(outDir, 'chat.md'));
    await vscode.commands.executeCommand('bedrock.chats.export', listed.id, file);
    const md = fs.readFileSync(file.fsPath, 'utf8');
    assert.match(md, /^# Renamed while closed/);
    assert.ok(md.includes(prompt), 'the export has the question');

    // Delete: its panel closes and it leaves the list.
    await vscode.commands.executeCommand('bedrock.chats.delete', listed);
    await untilTabs(() => playgroundTabs().length === 0, 'the deleted chat\'s panel to close');
    assert.equal((await chats()).some((c) => c.id === listed.id), false);
  });

  it('"Delete All Chats…" asks in a modal first: Cancel keeps every chat, Delete All deletes them and closes their panels', async () => {
    const prompt = `A chat to delete with the others ${Date.now()}`;
    await vscode.commands.executeCommand('bedrock.newChat', { modelId: HAIKU, prompt });
    await bedrock.waitForEnd((r) => r.operation === 'ConverseStream' && JSON.stringify(r.body).includes(prompt));
    const before = await chats();
    assert.ok(before.length >= 1);

    const asked = answerNextModal(undefined);
    await vscode.commands.executeCommand('bedrock.chats.deleteAll');
    assert.match((await asked).message, new RegExp(`^Delete all ${before.length} saved Bedrock chats?\\?$`));
    assert.deepEqual((await asked).buttons, ['Delete All']);
    assert.equal((await chats()).length, before.length, 'Cancel deletes nothing');

    const again = answerNextModal('Delete All');
    await vscode.commands.executeCommand('bedrock.chats.deleteAll');
    await again;
    assert.deepEqual(await chats(), []);
    await untilTabs(() => playgroundTabs().length === 0, 'the deleted chats\' panels to close');
  });
});

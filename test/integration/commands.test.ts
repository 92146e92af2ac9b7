import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, readManifest } from './support/extension';

describe('commands', () => {
  before(async () => {
    await activeExtension();
  });

  it('registers a handler for every command package.json contributes', async () => {
    const contributed = (readManifest().contributes.commands ?? []).map((c) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('names every command "Bedrock: ..." in the palette', () => {
    for (const c of readManifest().contributes.commands ?? []) {
      assert.equal(c.category, 'Bedrock', `${c.command} has category ${String(c.category)}`);
      assert.ok(c.title.trim().length > 0, `${c.command} has no title`);
    }
  });

  it('runs "Bedrock: Show Log" without error', async () => {
    await vscode.commands.executeCommand('bedrock.showLog');
  });
});

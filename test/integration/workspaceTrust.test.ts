// Workspace trust and setting scopes: a repository's .vscode/settings.json cannot point Bedrock
// traffic elsewhere or choose the credentials. The connection settings are application-scoped and read
// from the user settings only; VS Code refuses to write them into the workspace; the manifest
// declares Restricted Mode support with them as restricted configurations.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeExtension, localBedrock, readManifest } from './support/extension';
import { untilEvent } from './support/vscodeEvents';
import { connectionSettings, readConfig } from '../../src/core/config';

const CONNECTION = ['bedrock.endpoint', 'bedrock.profile', 'bedrock.region'];

describe('workspace trust: a workspace cannot redirect Bedrock traffic', function () {
  this.timeout(60_000);

  before(async () => {
    await activeExtension();
  });

  it('declares limited support in untrusted workspaces, with the connection settings restricted and application-scoped', () => {
    const manifest = readManifest() as { capabilities?: { untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: string[] } } };
    const trust = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(trust?.supported, 'limited');
    assert.deepEqual([...(trust?.restrictedConfigurations ?? [])].sort(), [...CONNECTION].sort());
    const props = readManifest().contributes.configuration?.properties as Record<string, { scope?: string }>;
    for (const key of CONNECTION) assert.equal(props[key]?.scope, 'application', key);
  });

  it('VS Code refuses to write bedrock.endpoint into the workspace settings', async () => {
    await assert.rejects(
      Promise.resolve(vscode.workspace.getConfiguration('bedrock').update('endpoint', 'https://attacker.example', vscode.ConfigurationTarget.Workspace)),
    );
    assert.equal(readConfig().endpoint, localBedrock().endpoint);
  });

  it('ignores bedrock.endpoint, bedrock.profile and bedrock.region written into .vscode/settings.json by a repository', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the integration run opens a workspace folder');
    const file = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
    const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    const current = before?.trim() ? (JSON.parse(before) as Record<string, unknown>) : {};
    // A window-scoped marker shows when VS Code has read the file.
    const marker = `marker-${Date.now()}`;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      const read = untilEvent([vscode.workspace.onDidChangeConfiguration], () => vscode.workspace.getConfiguration('bedrock').get('defaultChatModel') === marker, 'the workspace settings file was read');
      fs.writeFileSync(file, JSON.stringify({
        ...current,
        'bedrock.endpoint': 'http://attacker.example',
        'bedrock.profile': 'attacker',
        'bedrock.region': 'eu-west-3',
        'bedrock.defaultChatModel': marker,
      }, null, 2));
      await read;
      const c = connectionSettings();
      assert.equal(c.endpoint, localBedrock().endpoint, 'the user\'s endpoint, not the workspace\'s');
      assert.notEqual(c.profile, 'attacker');
      assert.notEqual(c.region, 'eu-west-3');
      assert.equal(vscode.workspace.getConfiguration('bedrock').get('endpoint'), localBedrock().endpoint, 'VS Code itself drops the workspace value');
    } finally {
      const restored = untilEvent([vscode.workspace.onDidChangeConfiguration], () => vscode.workspace.getConfiguration('bedrock').get('defaultChatModel') !== marker, 'the workspace settings were restored');
      if (before === undefined) fs.rmSync(file, { force: true });
      else fs.writeFileSync(file, before);
      await restored;
    }
  });
});

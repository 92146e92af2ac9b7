import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, extensionId, manifestPath, readManifest } from './support/extension';

describe('activation', () => {
  it('activates the extension under development without throwing', async () => {
    const ext = await activeExtension();
    assert.equal(ext.isActive, true);
    assert.equal(ext.id.toLowerCase(), extensionId().toLowerCase());
  });

  it('runs the build of this repository (not some installed copy)', async () => {
    const ext = await activeExtension();
    const manifest = readManifest();
    assert.equal(ext.packageJSON.version, manifest.version);
    assert.equal(vscode.Uri.joinPath(ext.extensionUri, 'package.json').fsPath, manifestPath());
  });

  it('runs in a Node extension host (the AWS SDK needs Node, not a web worker)', () => {
    assert.equal(typeof process.versions.node, 'string');
    assert.notEqual(vscode.env.uiKind, undefined);
  });
});

// "Bedrock: Set API Key" / "Clear API Key" in the real extension host: the key goes into VS Code's
// secret storage, the connection then uses it (and says so), and clearing it falls back.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension } from './support/extension';
import { setSetting } from './support/modelTree';

const KEY = 'ABSKaW50ZWdyYXRpb24tdGVzdC1rZXktbm90LXJlYWw=';

type Source = { kind: string; origin?: string; profile?: string };
const source = () => vscode.commands.executeCommand<Source>('bedrock.account.credentialSource');

describe('account: API key in the secret storage', function () {
  this.timeout(60_000);
  const savedEnv = process.env.AWS_BEARER_TOKEN_BEDROCK;

  before(async () => {
    await activeExtension();
    delete process.env.AWS_BEARER_TOKEN_BEDROCK;
    // An AWS endpoint (no override): the local endpoint never receives a key.
    await setSetting('endpoint', '');
  });

  after(async () => {
    await vscode.commands.executeCommand('bedrock.clearApiKey');
    await setSetting('endpoint', undefined);
    if (savedEnv !== undefined) process.env.AWS_BEARER_TOKEN_BEDROCK = savedEnv;
  });

  it('refuses a value that cannot be a key and stores nothing', async () => {
    assert.equal(await vscode.commands.executeCommand('bedrock.setApiKey', 'not a key'), false);
    assert.notEqual((await source()).kind, 'bearerToken');
  });

  it('stores a key, uses it as the bearer token, and wins over AWS_BEARER_TOKEN_BEDROCK', async () => {
    assert.equal(await vscode.commands.executeCommand('bedrock.setApiKey', KEY), true);
    assert.deepEqual(await source(), { kind: 'bearerToken', origin: 'secretStorage' });
    process.env.AWS_BEARER_TOKEN_BEDROCK = 'bedrock-api-key-from-the-environment';
    try {
      assert.deepEqual(await source(), { kind: 'bearerToken', origin: 'secretStorage' });
      await vscode.commands.executeCommand('bedrock.clearApiKey');
      // The commands update the extension's copy of the key before they resolve: no wait needed.
      assert.deepEqual(await source(), { kind: 'bearerToken', origin: 'env' });
    } finally {
      delete process.env.AWS_BEARER_TOKEN_BEDROCK;
    }
    assert.notEqual((await source()).kind, 'bearerToken', 'cleared, and no key in the environment');
  });
});

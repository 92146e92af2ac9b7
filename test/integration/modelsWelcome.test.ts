// The model explorer's welcome states: no credentials, and a region without Bedrock. The SDK
// reads AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE in this extension host, so the test points
// them at files of its own and never touches the user's.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeExtension } from './support/extension';
import { modelTree, setSetting } from './support/modelTree';

const ENV_KEYS = ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_BEARER_TOKEN_BEDROCK'] as const;

describe('model explorer welcome states', function () {
  this.timeout(90_000);
  let dir: string;
  const savedEnv: Partial<Record<(typeof ENV_KEYS)[number], string>> = {};

  before(async () => {
    await activeExtension();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-welcome-'));
    for (const k of ENV_KEYS) {
      savedEnv[k] = process.env[k];
      delete process.env[k];
    }
    fs.writeFileSync(path.join(dir, 'config'), [
      '[profile keys-only]', 'region = us-east-1', '',
      '[profile sso-dev]', 'sso_session = corp', 'sso_account_id = 111122223333', 'sso_role_name = Developer', 'region = us-east-1', '',
      '[sso-session corp]', 'sso_start_url = https://corp.example.awsapps.com/start', 'sso_region = us-east-1', 'sso_registration_scopes = sso:account:access', '',
    ].join('\n'));
    fs.writeFileSync(path.join(dir, 'credentials'), '[keys-only]\naws_access_key_id = AKIDLOCALTEST\naws_secret_access_key = local-test-secret\n');
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
  });

  after(async () => {
    for (const k of ENV_KEYS) {
      if (savedEnv[k] === undefined) delete process.env[k];
      else process.env[k] = savedEnv[k];
    }
    await setSetting('profile', undefined);
    await setSetting('region', undefined);
    await setSetting('endpoint', undefined);
    assert.equal((await modelTree()).state, 'ready', 'back on the local endpoint');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows the "no credentials" welcome when the profile has none', async () => {
    await setSetting('endpoint', '');
    await setSetting('profile', 'no-such-profile');
    const tree = await modelTree();
    assert.equal(tree.state, 'noCredentials', tree.message);
    assert.deepEqual(tree.items, [], 'the tree is empty so the welcome content (Choose AWS Profile, Set Region, Try Without an AWS Account) shows');
    assert.match(tree.message ?? '', /no-such-profile/);
  });

  it('offers Sign in when the SSO profile has no session, and reloads after signing in', async function () {
    if (process.platform === 'win32') this.skip();
    await setSetting('endpoint', '');
    await setSetting('region', 'us-east-1');
    await setSetting('profile', 'sso-dev');
    const tree = await modelTree();
    assert.equal(tree.state, 'ssoExpired', tree.message);
    assert.match(tree.message ?? '', /sso-dev/);
    assert.deepEqual(tree.items, []);

    // "Sign In with AWS SSO" (the welcome view's button) runs the CLI in a terminal; a stand-in
    // CLI that succeeds without writing a token leaves the session missing, and the view says so again.
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin, { recursive: true });
    fs.writeFileSync(path.join(bin, 'aws'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const savedPath = process.env.PATH;
    process.env.PATH = `${bin}${path.delimiter}${savedPath ?? ''}`;
    try {
      assert.equal(await vscode.commands.executeCommand<boolean>('bedrock.signIn'), true);
    } finally {
      process.env.PATH = savedPath;
    }
    assert.equal((await modelTree()).state, 'ssoExpired');
  });

  it('shows why in the tree, with Retry, when the endpoint cannot be reached', async () => {
    await setSetting('maxAttempts', 1);
    try {
      await setSetting('endpoint', 'http://127.0.0.1:9');
      const tree = await modelTree();
      assert.equal(tree.state, 'error', tree.message);
      assert.deepEqual(tree.items.map((i) => i.label), ['Cannot reach http://127.0.0.1:9.', 'Retry', 'Switch Connection…', 'Show Log']);
      assert.equal(tree.description, 'local endpoint', 'the title says where it looked');
    } finally {
      await setSetting('maxAttempts', undefined);
    }
  });

  it('says so when the region has no Bedrock', async () => {
    await setSetting('endpoint', '');
    await setSetting('profile', 'keys-only');
    await setSetting('maxAttempts', 1);
    try {
      await setSetting('region', 'xx-nowhere-1');
      const tree = await modelTree();
      assert.equal(tree.state, 'noBedrock', tree.message);
      assert.equal(tree.message, 'Amazon Bedrock is not available in xx-nowhere-1.');
      assert.deepEqual(tree.items, []);
    } finally {
      await setSetting('maxAttempts', undefined);
    }
  });
});

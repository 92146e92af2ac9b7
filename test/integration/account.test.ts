// The account: profiles listed from the test's own shared files, region/profile/endpoint
// commands writing their settings, and SSO sign-in running the AWS CLI in a terminal.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeExtension } from './support/extension';
import { setSetting } from './support/modelTree';
import { connectionSettings, readConfig } from '../../src/core/config';
import { statusBarText } from '../../src/account/accountText';

interface ListedProfile { name: string; kind: string; region?: string; ssoStartUrl?: string; sources: string[] }

const CONFIG = `[default]
region = us-west-2

[profile sso-dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Developer
region = eu-central-1

[profile ops.admin]
role_arn = arn:aws:iam::111122223333:role/Ops
source_profile = default

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
`;
const CREDENTIALS = `[default]
aws_access_key_id = AKIDDEFAULTTEST
aws_secret_access_key = default-secret-value

[ci]
aws_access_key_id = AKIDCITEST
aws_secret_access_key = ci-secret-value
`;

function bedrockSetting<T>(key: string): T | undefined {
  return vscode.workspace.getConfiguration('bedrock').get<T>(key);
}

describe('account: profiles, region, endpoint, sign-in', function () {
  this.timeout(60_000);
  let dir: string;
  const saved = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE, path: process.env.PATH };

  before(async () => {
    await activeExtension();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-account-'));
    fs.writeFileSync(path.join(dir, 'config'), CONFIG);
    fs.writeFileSync(path.join(dir, 'credentials'), CREDENTIALS);
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
  });

  after(async () => {
    const restore = (k: 'AWS_CONFIG_FILE' | 'AWS_SHARED_CREDENTIALS_FILE' | 'PATH', v: string | undefined) => (v === undefined ? delete process.env[k] : (process.env[k] = v));
    restore('AWS_CONFIG_FILE', saved.config);
    restore('AWS_SHARED_CREDENTIALS_FILE', saved.credentials);
    restore('PATH', saved.path);
    // The commands write user settings when the workspace sets none: clear both levels.
    for (const key of ['profile', 'region']) {
      await setSetting(key, undefined);
      await vscode.workspace.getConfiguration('bedrock').update(key, undefined, vscode.ConfigurationTarget.Global);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists the profiles of the shared files the environment names, SSO marked, no secrets', async () => {
    const profiles = await vscode.commands.executeCommand<ListedProfile[]>('bedrock.account.profiles');
    assert.deepEqual(profiles.map((p) => [p.name, p.kind]), [['default', 'keys'], ['ci', 'keys'], ['ops.admin', 'assumeRole'], ['sso-dev', 'sso']]);
    assert.equal(profiles.find((p) => p.name === 'sso-dev')?.ssoStartUrl, 'https://corp.awsapps.com/start');
    assert.doesNotMatch(JSON.stringify(profiles), /secret|AKID/);
  });

  it('Select Profile sets a listed profile and refuses an unknown one', async () => {
    assert.equal(await vscode.commands.executeCommand('bedrock.selectProfile', 'ops.admin'), 'ops.admin');
    assert.equal(bedrockSetting('profile'), 'ops.admin');
    assert.equal(await vscode.commands.executeCommand('bedrock.selectProfile', 'not-in-the-files'), undefined);
    assert.equal(bedrockSetting('profile'), 'ops.admin', 'an unknown profile changes nothing');
    await vscode.commands.executeCommand('bedrock.selectProfile', '');
    assert.equal(bedrockSetting('profile'), '');
  });

  it('Select Region sets the region and refuses what is not a region name', async () => {
    assert.equal(await vscode.commands.executeCommand('bedrock.selectRegion', 'eu-central-1'), 'eu-central-1');
    assert.equal(bedrockSetting('region'), 'eu-central-1');
    assert.equal(await vscode.commands.executeCommand('bedrock.selectRegion', 'Frankfurt'), undefined);
    assert.equal(bedrockSetting('region'), 'eu-central-1');
  });

  it('Region: unset, it follows AWS_REGION, then the profile\'s region; the setting wins; an invalid one is a settings error', async () => {
    const savedRegion = process.env.AWS_REGION;
    try {
      await vscode.workspace.getConfiguration('bedrock').update('region', undefined, vscode.ConfigurationTarget.Global);
      await setSetting('profile', 'sso-dev');
      delete process.env.AWS_REGION;
      assert.deepEqual([readConfig().region, readConfig().regionSource], ['eu-central-1', { kind: 'profile', profile: 'sso-dev' }]);
      assert.equal(statusBarText({ ...connectionSettings(), local: false }), 'Bedrock: sso-dev · eu-central-1 (from profile sso-dev)');
      await setSetting('profile', '');
      assert.deepEqual([readConfig().region, readConfig().regionSource], ['us-west-2', { kind: 'profile', profile: 'default' }]);
      process.env.AWS_REGION = 'ap-south-1';
      assert.deepEqual([readConfig().region, readConfig().regionSource], ['ap-south-1', { kind: 'env', variable: 'AWS_REGION' }]);
      await setSetting('region', 'ca-central-1');
      assert.deepEqual([readConfig().region, readConfig().regionSource], ['ca-central-1', { kind: 'setting' }]);

      await setSetting('region', 'us-east-1.evil.example');
      const tree = await vscode.commands.executeCommand<{ state: string; message?: string }>('bedrock.models.snapshot');
      assert.equal(tree.state, 'error', JSON.stringify(tree));
      assert.match(tree.message ?? '', /is not an AWS Region name/);
    } finally {
      if (savedRegion === undefined) delete process.env.AWS_REGION; else process.env.AWS_REGION = savedRegion;
      await setSetting('region', undefined);
      await setSetting('profile', undefined);
    }
  });

  it('Use Another Endpoint validates the address', async () => {
    const before = bedrockSetting<string>('endpoint');
    assert.equal(await vscode.commands.executeCommand('bedrock.useLocalEndpoint', 'ftp://127.0.0.1:1'), undefined);
    assert.equal(await vscode.commands.executeCommand('bedrock.useLocalEndpoint', 'http://user:pw@127.0.0.1:1'), undefined);
    assert.equal(bedrockSetting('endpoint'), before, 'a refused address changes nothing');
  });

  it('Sign In runs `aws sso login --profile <p>` in a terminal and reports when it ends', async function () {
    if (process.platform === 'win32') this.skip();
    // A stand-in AWS CLI first on the PATH: records its arguments and exits as told.
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    const record = path.join(dir, 'aws-args.txt');
    fs.writeFileSync(path.join(bin, 'aws'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}'\nexit "\${FAKE_AWS_EXIT:-0}"\n`, { mode: 0o755 });
    process.env.PATH = `${bin}${path.delimiter}${saved.path ?? ''}`;
    const opened = new Promise<vscode.Terminal>((resolve) => { const d = vscode.window.onDidOpenTerminal((t) => { d.dispose(); resolve(t); }); });
    const ok = await vscode.commands.executeCommand<boolean>('bedrock.signIn', 'sso-dev');
    assert.equal(ok, true);
    assert.equal((await opened).name, 'AWS sign-in: sso-dev');
    assert.deepEqual(fs.readFileSync(record, 'utf8').trim().split('\n'), ['sso', 'login', '--profile', 'sso-dev']);

    // A sign-in that fails (the CLI exits non-zero) is reported as not signed in, without waiting for the terminal to be closed.
    fs.writeFileSync(path.join(bin, 'aws'), '#!/bin/sh\necho "Error: the device code expired" >&2\nexit 3\n', { mode: 0o755 });
    assert.equal(await vscode.commands.executeCommand<boolean>('bedrock.signIn', 'sso-dev'), false);
    for (const t of vscode.window.terminals) if (t.name.startsWith('AWS sign-in')) t.dispose();
  });
});

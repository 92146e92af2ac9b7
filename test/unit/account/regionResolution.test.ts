// Region resolution as the AWS CLI and SDKs do it: the setting, AWS_REGION, AWS_DEFAULT_REGION,
// the selected profile's region, us-east-1; where it came from in words; a value that is not a
// Region refused before a client or a URL is built from it (through the real SDK clients against
// the local Bedrock endpoint, whose model ARNs carry the Region the request was signed for).
import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveRegion, checkRegion, describeRegionSource, InvalidRegionError, DEFAULT_REGION } from '../../../src/bedrock/region';
import { profileRegionSync, type SharedFiles } from '../../../src/bedrock/sharedFiles';
import { describeError, iamPoliciesUrl, modelAccessUrl, serviceQuotasUrl } from '../../../src/bedrock/errors';
import { createClients } from '../../../src/bedrock/clients';
import { statusBarText, statusBarTooltip } from '../../../src/account/accountText';
import { localService, useLocalBedrock } from '../bedrock/localEndpoint';

const CONFIG = `[default]
region = us-west-2

[profile dev]
region = eu-central-1
credential_process = helper --arg="a;b"

[profile no-region]
aws_access_key_id = AKIDNOREGION
`;
const CREDENTIALS = `[ci]
aws_access_key_id = AKIDCI
aws_secret_access_key = ci-secret
region = ap-northeast-1

[dev]
region = sa-east-1
`;

describe('Region resolution (setting, AWS_REGION, AWS_DEFAULT_REGION, profile, us-east-1)', () => {
  let dir: string;
  let files: SharedFiles;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bedrock-region-'));
    files = { configFile: join(dir, 'config'), credentialsFile: join(dir, 'credentials') };
    await writeFile(files.configFile, CONFIG);
    await writeFile(files.credentialsFile, CREDENTIALS);
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  const resolve = (setting: string | undefined, env: Record<string, string>, profile: string) =>
    resolveRegion({ setting, env, profile, profileRegion: (p) => profileRegionSync(p, files) });

  it('the setting wins over everything', () => {
    assert.deepEqual(resolve('ca-central-1', { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-2' }, 'dev'), { region: 'ca-central-1', source: { kind: 'setting' } });
  });

  it('then AWS_REGION, then AWS_DEFAULT_REGION (empty values skipped)', () => {
    assert.deepEqual(resolve(undefined, { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-2' }, 'dev'), { region: 'eu-west-1', source: { kind: 'env', variable: 'AWS_REGION' } });
    assert.deepEqual(resolve('  ', { AWS_REGION: '', AWS_DEFAULT_REGION: 'eu-west-2' }, 'dev'), { region: 'eu-west-2', source: { kind: 'env', variable: 'AWS_DEFAULT_REGION' } });
  });

  it("then the selected profile's region: config file first, then the credentials file", () => {
    assert.deepEqual(resolve(undefined, {}, 'dev'), { region: 'eu-central-1', source: { kind: 'profile', profile: 'dev' } });
    assert.deepEqual(resolve(undefined, {}, 'default'), { region: 'us-west-2', source: { kind: 'profile', profile: 'default' } });
    assert.deepEqual(resolve(undefined, {}, 'ci'), { region: 'ap-northeast-1', source: { kind: 'profile', profile: 'ci' } });
  });

  it('then us-east-1: a profile without a region, a profile in no file, no files at all', () => {
    assert.deepEqual(resolve(undefined, {}, 'no-region'), { region: DEFAULT_REGION, source: { kind: 'default' } });
    assert.deepEqual(resolve(undefined, {}, 'nowhere'), { region: 'us-east-1', source: { kind: 'default' } });
    const missing = { configFile: join(dir, 'absent-config'), credentialsFile: join(dir, 'absent-credentials') };
    assert.equal(profileRegionSync('default', missing), undefined);
  });

  it('says where the Region came from, in the status bar and its tooltip', () => {
    assert.equal(describeRegionSource({ kind: 'profile', profile: 'dev' }), 'from profile dev');
    assert.equal(statusBarText({ region: 'eu-central-1', profile: 'dev', regionSource: { kind: 'profile', profile: 'dev' } }), 'Bedrock: dev · eu-central-1 (from profile dev)');
    assert.equal(statusBarText({ region: 'eu-west-1', regionSource: { kind: 'env', variable: 'AWS_REGION' } }), 'Bedrock: default · eu-west-1 (from AWS_REGION)');
    assert.equal(statusBarText({ region: 'us-east-1', regionSource: { kind: 'default' } }), 'Bedrock: default · us-east-1');
    assert.equal(statusBarText({ region: 'eu-west-3', regionSource: { kind: 'setting' } }), 'Bedrock: default · eu-west-3');
    assert.match(statusBarTooltip({ region: 'us-east-1', regionSource: { kind: 'default' } }), /Region: us-east-1 — US East \(N\. Virginia\) \(the default: no Region set anywhere\)/);
    assert.match(statusBarTooltip({ region: 'eu-west-3', regionSource: { kind: 'setting' } }), /\(set in settings\)/);
  });

  it('refuses a value that is not a Region name, naming where it came from', () => {
    for (const bad of ['us-east-1.evil.example', 'us-east-1/x', 'us-east-1?x=1', 'US-EAST-1', 'eu-west-1#', '', 'a'.repeat(80) + '-1']) {
      assert.throws(() => checkRegion(bad, { kind: 'setting' }), InvalidRegionError, bad);
    }
    assert.throws(() => checkRegion('evil.example', { kind: 'env', variable: 'AWS_REGION' }), /AWS_REGION environment variable/);
    assert.throws(() => checkRegion('evil.example', { kind: 'profile', profile: 'dev' }), /profile "dev"/);
    assert.doesNotThrow(() => checkRegion('us-gov-west-1'));
  });

  it('builds no console URL from a value that is not a Region', () => {
    const bad = 'evil.example/x?';
    for (const url of [modelAccessUrl(bad), serviceQuotasUrl(bad), iamPoliciesUrl(bad)]) {
      assert.equal(new URL(url).hostname, 'console.aws.amazon.com', url);
      assert.ok(!url.includes('evil'), url);
    }
    assert.equal(new URL(modelAccessUrl('eu-west-1')).hostname, 'eu-west-1.console.aws.amazon.com');
    assert.equal(new URL(modelAccessUrl('eu-west-1')).searchParams.get('region'), 'eu-west-1');
  });
});

describe('Region resolution through the real SDK against the local endpoint', () => {
  const local = useLocalBedrock();

  it("the profile's Region is the one the request is signed for", async () => {
    const service = localService(local.lb, { region: 'eu-central-1', regionSource: { kind: 'profile', profile: 'dev' } });
    try {
      const catalog = await service.catalog();
      const arns = catalog.models.map((m) => m.arn);
      assert.ok(arns.length > 0);
      for (const arn of arns) assert.match(arn, /^arn:aws:bedrock:eu-central-1:/);
    } finally {
      service.dispose();
    }
  });

  it('an invalid Region is a settings error before anything is sent', async () => {
    await local.control.reset();
    const service = localService(local.lb, { region: 'us-east-1.evil.example', regionSource: { kind: 'setting' } });
    try {
      await assert.rejects(createClients(service.connection), InvalidRegionError);
      const err = await service.catalog().then(() => undefined, (e: unknown) => e);
      const info = describeError(err, { region: service.connection.region, local: false });
      assert.equal(info.action?.kind, 'configure');
      assert.equal(info.action?.kind === 'configure' ? info.action.setting : '', 'bedrock.region');
      assert.match(info.message, /is not an AWS Region name/);
      assert.deepEqual(await local.control.requests(), [], 'nothing reached the endpoint');
    } finally {
      service.dispose();
    }
  });
});

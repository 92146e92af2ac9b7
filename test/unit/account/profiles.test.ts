import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeProfileKind, listProfiles, sharedFilePaths, type AwsProfile } from '../../../src/account/profiles';
import { loadProfileSections, parseAwsIni, type ProfileSections } from '../../../src/bedrock/sharedFiles';

/** Writes the two files into a folder of the test's own and reads them as the extension does (the SDK's parser). */
async function withFiles<T>(config: string, credentials: string, fn: (files: { configFile: string; credentialsFile: string }) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'bedrock-profiles-'));
  try {
    const files = { configFile: join(dir, 'config'), credentialsFile: join(dir, 'credentials') };
    await writeFile(files.configFile, config);
    await writeFile(files.credentialsFile, credentials);
    return await fn(files);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const profilesFromIni = (config: string, credentials: string): Promise<AwsProfile[]> => withFiles(config, credentials, (files) => listProfiles(files));
const sectionsOf = (config: string, credentials = ''): Promise<ProfileSections> => withFiles(config, credentials, (files) => loadProfileSections(files));

const CONFIG = `
[default]
region = us-west-2

[profile dev.admin]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Admin
region = eu-central-1

[profile legacy-sso]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-1

[profile role]
role_arn = arn:aws:iam::111122223333:role/Dev
source_profile = default

[profile proc]
credential_process = /usr/local/bin/creds
s3 =
  max_concurrent_requests = 20

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[services my-services]
bedrock =
  endpoint_url = http://localhost:1
`;

const CREDENTIALS = `
[default]
aws_access_key_id = AKIDEXAMPLE
aws_secret_access_key = SECRETEXAMPLE

[ci]
aws_access_key_id = AKIDCI
aws_secret_access_key = SECRETCI
`;

describe('AWS profiles from the shared files', () => {
  it('keeps dotted profile names whole (the ini parser nests them otherwise)', async () => {
    const sections = parseAwsIni(CONFIG);
    assert.ok(sections['profile dev.admin']);
    assert.equal(sections['profile dev.admin']?.sso_session, 'corp');
    assert.equal((await sectionsOf(CONFIG)).config['dev.admin']?.sso_session, 'corp', 'the SDK\'s parser too');
  });

  it('reads credential_process = helper --arg="a;b" whole, as the SDK does (the ini package cut it at the ;)', async () => {
    const config = '[profile tool]\ncredential_process = helper --arg="a;b"\nregion = eu-west-1 ; a comment\ns3 =\n  max_concurrent_requests = 20\n';
    const { config: sections } = await sectionsOf(config);
    assert.equal(sections.tool?.credential_process, 'helper --arg="a;b"');
    assert.equal(sections.tool?.['s3.max_concurrent_requests'], '20', 'sub-properties kept, not flattened away');
    assert.notEqual(parseAwsIni(config)['profile tool']?.credential_process, 'helper --arg="a;b"', 'the ini parser this replaces cuts it');
    const [tool] = await profilesFromIni(config, '');
    assert.deepEqual([tool?.name, tool?.kind], ['tool', 'process']);
  });

  it('merges both files, default first, and marks each kind', async () => {
    const profiles = await profilesFromIni(CONFIG, CREDENTIALS);
    assert.deepEqual(profiles.map((p) => [p.name, p.kind]), [
      ['default', 'keys'],
      ['ci', 'keys'],
      ['dev.admin', 'sso'],
      ['legacy-sso', 'sso'],
      ['proc', 'process'],
      ['role', 'assumeRole'],
    ]);
    const def = profiles[0];
    assert.deepEqual(def?.sources, ['config', 'credentials']);
    assert.equal(def?.region, 'us-west-2');
  });

  it('finds the SSO start URL through the sso-session section', async () => {
    const dev = (await profilesFromIni(CONFIG, '')).find((p) => p.name === 'dev.admin');
    assert.equal(dev?.ssoStartUrl, 'https://corp.awsapps.com/start');
    assert.equal(dev?.region, 'eu-central-1');
    assert.equal((await profilesFromIni(CONFIG, '')).find((p) => p.name === 'legacy-sso')?.ssoStartUrl, 'https://legacy.awsapps.com/start');
  });

  it('never hands out secrets', async () => {
    const text = JSON.stringify(await profilesFromIni(CONFIG, CREDENTIALS));
    assert.ok(!text.includes('SECRET'), text);
    assert.ok(!text.includes('AKID'), text);
  });

  it('ignores sections that are not profiles', async () => {
    const names = (await profilesFromIni(CONFIG, '')).map((p) => p.name);
    assert.ok(!names.some((n) => n.includes('services') || n.includes('corp')), names.join());
  });

  it('honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, and ~ in them', () => {
    assert.deepEqual(sharedFilePaths({}, '/home/u'), { configFile: '/home/u/.aws/config', credentialsFile: '/home/u/.aws/credentials' });
    assert.deepEqual(sharedFilePaths({ AWS_CONFIG_FILE: '~/c', AWS_SHARED_CREDENTIALS_FILE: '/x/k' }, '/home/u'), { configFile: '/home/u/c', credentialsFile: '/x/k' });
  });

  it('reads real files, a missing one counting as empty', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bedrock-profiles-'));
    try {
      await writeFile(join(dir, 'config'), CONFIG);
      const profiles = await listProfiles({ configFile: join(dir, 'config'), credentialsFile: join(dir, 'missing') });
      assert.equal(profiles.length, 5);
      assert.deepEqual(await listProfiles({ configFile: join(dir, 'none'), credentialsFile: join(dir, 'none2') }), []);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names kinds in plain words', () => {
    assert.equal(describeProfileKind('sso'), 'SSO');
    assert.equal(describeProfileKind('assumeRole'), 'assumed role');
  });
});

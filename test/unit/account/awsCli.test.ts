import * as assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { findOnPath, ssoLoginArgs } from '../../../src/account/awsCli';
import { endpointProblem } from '../../../src/account/endpointAddress';

describe('the AWS CLI and endpoint addresses', () => {
  it('finds an executable on the PATH, and only an executable one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bedrock-cli-'));
    const other = await mkdtemp(join(tmpdir(), 'bedrock-cli-'));
    try {
      await writeFile(join(other, 'aws'), 'not executable');
      await writeFile(join(dir, 'aws'), '#!/bin/sh\n');
      await chmod(join(dir, 'aws'), 0o755);
      assert.equal(await findOnPath('aws', { PATH: [other, dir].join(delimiter) }, 'linux'), join(dir, 'aws'));
      assert.equal(await findOnPath('aws', { PATH: other }, 'linux'), undefined);
      assert.equal(await findOnPath('aws', {}, 'linux'), undefined);
    } finally {
      await rm(dir, { recursive: true, force: true });
      await rm(other, { recursive: true, force: true });
    }
  });

  it('passes the profile as one argument, whatever it contains', () => {
    assert.deepEqual(ssoLoginArgs('dev; rm -rf ~'), ['sso', 'login', '--profile', 'dev; rm -rf ~']);
  });

  it('accepts http(s) endpoints and explains what is wrong with others', () => {
    assert.equal(endpointProblem('http://127.0.0.1:4000'), undefined);
    assert.equal(endpointProblem('https://vpce-123.bedrock-runtime.us-east-1.vpce.amazonaws.com'), undefined);
    assert.match(endpointProblem('127.0.0.1:4000') ?? '', /http/);
    assert.match(endpointProblem('ftp://x') ?? '', /http:\/\/ or https:\/\//);
    assert.match(endpointProblem('http://u:p@127.0.0.1:1') ?? '', /credentials/);
    assert.match(endpointProblem('http://127.0.0.1:1/?a=b') ?? '', /query/);
    assert.match(endpointProblem('not a url') ?? '', /Enter a URL/);
  });
});

import * as assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { findOnPath, isValidProfileName, ssoLoginArgs } from '../../../src/account/awsCli';
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

  it('passes the profile as one argument, and only a name AWS allows', () => {
    for (const name of ['dev', 'ops.admin', 'team/dev@corp', 'a+b%c:d_e-1']) {
      assert.deepEqual(ssoLoginArgs(name), ['sso', 'login', '--profile', name]);
      assert.ok(isValidProfileName(name), name);
    }
    for (const name of ['dev; rm -rf ~', 'dev && calc', 'a b', '"dev"', 'dev|x', 'x^y', '$(id)', '`id`', '-h', '--debug', '', 'a'.repeat(129), 'dev\nx']) {
      assert.ok(!isValidProfileName(name), name);
      assert.throws(() => ssoLoginArgs(name), /is not an AWS profile name/, name);
    }
  });

  it('on Windows, runs the CLI only as an .exe (a .cmd would go through cmd.exe)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bedrock-cli-'));
    const other = await mkdtemp(join(tmpdir(), 'bedrock-cli-'));
    try {
      await writeFile(join(other, 'aws.cmd'), '@echo off');
      await writeFile(join(dir, 'aws.exe'), 'MZ');
      assert.equal(await findOnPath('aws', { PATH: other, PATHEXT: '.CMD;.BAT' }, 'win32'), undefined);
      assert.equal(await findOnPath('aws', { Path: [other, dir].join(';') }, 'win32'), join(dir, 'aws.exe'));
    } finally {
      await rm(dir, { recursive: true, force: true });
      await rm(other, { recursive: true, force: true });
    }
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

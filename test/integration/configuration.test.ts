import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { readConfig } from '../../src/core/config';
import { activeExtension, localBedrock, readManifest } from './support/extension';

const properties = () => readManifest().contributes.configuration?.properties ?? {};

describe('configuration', () => {
  before(async () => {
    await activeExtension();
  });

  it('VS Code knows every declared setting with the default package.json gives it', () => {
    const config = vscode.workspace.getConfiguration();
    const keys = Object.keys(properties());
    assert.ok(keys.length > 0, 'package.json declares no settings');
    for (const key of keys) {
      const inspected = config.inspect(key);
      assert.ok(inspected, `${key} is not known to VS Code`);
      assert.deepEqual(inspected.defaultValue, properties()[key]!.default, `default of ${key}`);
    }
  });

  it('src/config.ts reads every declared setting, and reads the declared defaults', () => {
    const read = readConfig() as unknown as Record<string, unknown>;
    const declared = Object.keys(properties()).filter((k) => k.startsWith('bedrock.')).map((k) => k.slice('bedrock.'.length));
    // regionSource is derived: where the Region in `region` came from.
    assert.deepEqual([...declared].sort(), Object.keys(read).filter((k) => k !== 'regionSource').sort(), 'settings declared in package.json vs. read by readConfig()');
    for (const name of declared) {
      if (name === 'endpoint') continue; // the runner points it at the local endpoint
      if (name === 'region') {
        // Unset ("" declared): no AWS_* variables and no shared files in the run, so us-east-1.
        assert.deepEqual([read.region, read.regionSource], ['us-east-1', { kind: 'default' }], 'readConfig().region');
        continue;
      }
      assert.deepEqual(read[name], properties()[`bedrock.${name}`]!.default, `readConfig().${name}`);
    }
  });

  it('points bedrock.endpoint at the local endpoint the runner started', () => {
    assert.equal(vscode.workspace.getConfiguration('bedrock').get('endpoint'), localBedrock().endpoint);
    assert.equal(readConfig().endpoint, localBedrock().endpoint);
  });
});

import * as assert from 'node:assert/strict';
import { statusBarText, statusBarTooltip } from '../../../src/account/accountText';
import { BEDROCK_REGIONS, isBedrockRegion, isValidRegionName, regionName } from '../../../src/account/regions';

describe('regions and the status bar text', () => {
  it('lists the main Bedrock regions once each', () => {
    const codes = BEDROCK_REGIONS.map((r) => r.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const c of ['us-east-1', 'us-west-2', 'eu-central-1', 'ap-northeast-1']) assert.ok(isBedrockRegion(c), c);
    assert.ok(!isBedrockRegion('af-south-1'));
    assert.equal(regionName('eu-west-3'), 'Europe (Paris)');
    for (const c of codes) assert.ok(isValidRegionName(c), c);
  });

  it('accepts typed region names of the right shape only', () => {
    assert.ok(isValidRegionName('ap-southeast-7'));
    assert.ok(!isValidRegionName('Frankfurt'));
    assert.ok(!isValidRegionName('us-east'));
    assert.ok(!isValidRegionName('us-east-1; rm -rf'));
  });

  it('shows profile and region, or the local endpoint', () => {
    assert.equal(statusBarText({ region: 'eu-west-1', profile: 'dev' }), 'Bedrock: dev · eu-west-1');
    assert.equal(statusBarText({ region: 'us-east-1' }), 'Bedrock: default · us-east-1');
    assert.equal(statusBarText({ region: 'us-east-1', endpoint: 'http://127.0.0.1:4000', local: true }), 'Bedrock: local endpoint');
    assert.match(statusBarTooltip({ region: 'us-east-1', endpoint: 'http://127.0.0.1:4000', local: true }), /127\.0\.0\.1:4000/);
    assert.match(statusBarTooltip({ region: 'eu-west-1', profile: 'dev' }), /Europe \(Ireland\)/);
  });
});

// What the status bar says about an API key: where it comes from, never the key.
import * as assert from 'node:assert/strict';
import { credentialsLine, statusBarText, statusBarTooltip } from '../../../src/account/accountText';
import { ApiKey } from '../../../src/bedrock/apiKey';

const KEY = 'ABSKc3RhdHVzLWJhci10ZXN0LWtleS1ub3QtcmVhbA==';

describe('account/accountText: the API key in the status bar', () => {
  it('names the secret storage as the source, and says it is used instead of the environment\'s key', () => {
    const c = { region: 'us-east-1', profile: 'dev', apiKey: new ApiKey(KEY) };
    assert.equal(statusBarText(c, {}), 'Bedrock: API key · us-east-1');
    assert.equal(credentialsLine(c, {}), 'Credentials: API key from VS Code\'s secret storage');
    assert.equal(credentialsLine(c, { AWS_BEARER_TOKEN_BEDROCK: 'x' }), 'Credentials: API key from VS Code\'s secret storage (used instead of AWS_BEARER_TOKEN_BEDROCK)');
    assert.ok(!statusBarTooltip(c, {}).includes(KEY.slice(0, 10)));
  });

  it('names AWS_BEARER_TOKEN_BEDROCK when the key comes from there, and the profile otherwise', () => {
    assert.equal(credentialsLine({ region: 'us-east-1' }, { AWS_BEARER_TOKEN_BEDROCK: 'x' }), 'Credentials: API key from AWS_BEARER_TOKEN_BEDROCK');
    assert.equal(statusBarText({ region: 'us-east-1', profile: 'dev' }, {}), 'Bedrock: dev · us-east-1');
    assert.match(statusBarTooltip({ region: 'us-east-1', profile: 'dev' }, {}), /^Profile: dev$/m);
  });
});

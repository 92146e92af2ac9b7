// A malformed endpoint override is named as the problem, before any credentials are looked up or
// anything is sent (it used to surface as "No AWS credentials were found.").
import * as assert from 'node:assert/strict';
import { BedrockService } from '../../../src/bedrock/service';
import { checkEndpoint } from '../../../src/bedrock/layerErrors';
import { inAwsSandbox } from '../bedrock/env';

describe('security: a malformed endpoint setting', () => {
  it('accepts http(s) addresses only', () => {
    for (const ok of ['http://127.0.0.1:4000', 'https://bedrock-runtime.us-east-1.amazonaws.com', 'https://vpce-1.bedrock-runtime.us-east-1.vpce.amazonaws.com/']) assert.doesNotThrow(() => checkEndpoint(ok), ok);
    for (const bad of ['htp//not a url', 'ftp://example.com', 'javascript:alert(1)', 'file:///etc/passwd', '127.0.0.1:4000', '']) {
      assert.throws(() => checkEndpoint(bad), (e: Error) => e.name === 'InvalidEndpointError' && /not an http:\/\/ or https:\/\/ address/.test(e.message), bad);
    }
  });

  it('fails the catalog in plain words with the endpoint action, with no credentials needed', async () => {
    await inAwsSandbox({}, {}, async () => {
      const service = new BedrockService(() => ({ region: 'us-east-1', endpoint: 'htp//not a url', maxAttempts: 1 }));
      try {
        const catalog = await service.catalog().then(() => undefined, (e: unknown) => e);
        const info = service.describeError(catalog);
        assert.equal(info.kind, 'network');
        assert.match(info.message, /The endpoint "htp\/\/not a url" is not an http:\/\/ or https:\/\/ address/);
        assert.deepEqual(info.action, { kind: 'configure', label: 'Check the endpoint', setting: 'bedrock.endpoint' });
      } finally {
        service.dispose();
      }
    });
  });
});

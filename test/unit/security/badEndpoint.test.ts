// A malformed endpoint override is named as the problem, before any credentials are looked up or
// anything is sent (it used to surface as "No AWS credentials were found.").
import * as assert from 'node:assert/strict';
import { BedrockService } from '../../../src/bedrock/service';
import { checkEndpoint } from '../../../src/bedrock/layerErrors';
import { inAwsSandbox } from '../bedrock/env';
import { endpointProblem } from '../../../src/account/endpointAddress';

describe('security: a malformed endpoint setting', () => {
  it('accepts http(s) addresses only', () => {
    for (const ok of ['http://127.0.0.1:4000', 'https://bedrock-runtime.us-east-1.amazonaws.com', 'https://vpce-1.bedrock-runtime.us-east-1.vpce.amazonaws.com/']) assert.doesNotThrow(() => checkEndpoint(ok), ok);
    for (const bad of ['htp//not a url', 'ftp://example.com', 'javascript:alert(1)', 'file:///etc/passwd', '127.0.0.1:4000', '']) {
      assert.throws(() => checkEndpoint(bad), (e: Error) => e.name === 'InvalidEndpointError' && /not an http:\/\/ or https:\/\/ address/.test(e.message), bad);
    }
  });

  it('takes plain http only on this machine: anywhere else the endpoint must be https', () => {
    for (const ok of ['http://localhost:4000', 'http://127.0.0.2:9', 'http://[::1]:4000/', 'https://bedrock.corp.example:8443']) assert.doesNotThrow(() => checkEndpoint(ok), ok);
    for (const bad of ['http://bedrock-runtime.us-east-1.amazonaws.com', 'http://10.0.0.5:4000', 'http://127.0.0.1.evil.example', 'http://localhost.evil.example', 'http://[::2]:1']) {
      assert.throws(() => checkEndpoint(bad), (e: Error) => e.name === 'InvalidEndpointError' && /must be an https:\/\/ address/.test(e.message), bad);
      assert.match(endpointProblem(bad) ?? '', /must use https/, bad);
    }
    assert.equal(endpointProblem('http://127.0.0.1:4000'), undefined);
  });

  it('refuses a plain-http remote endpoint through the real SDK clients before anything is sent', async () => {
    await inAwsSandbox({}, {}, async () => {
      const service = new BedrockService(() => ({ region: 'us-east-1', endpoint: 'http://bedrock.corp.example:4000', maxAttempts: 1 }));
      try {
        const err = await service.catalog().then(() => undefined, (e: unknown) => e);
        const info = service.describeError(err);
        assert.match(info.message, /is not on this machine, so it must be an https:\/\/ address/);
        assert.deepEqual(info.action, { kind: 'configure', label: 'Check the endpoint', setting: 'bedrock.endpoint' });
        const kbErr = await service.knowledgeBases.list().then(() => undefined, (e: unknown) => e);
        assert.equal((kbErr as Error | undefined)?.name, 'InvalidEndpointError', 'the Knowledge Bases clients check it too');
      } finally {
        service.dispose();
      }
    });
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

// The API key kept by the extension (VS Code's secret storage on the host side): it never
// serializes, it wins over AWS_BEARER_TOKEN_BEDROCK, it goes out only as the bearer token, never
// to the local endpoint, and never to a host outside AWS without the user's consent.
import * as assert from 'node:assert/strict';
import { inspect } from 'node:util';
import type { BedrockClient } from '@aws-sdk/client-bedrock';
import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { ApiKey, apiKeyProblem } from '../../../src/bedrock/apiKey';
import { connectionKey, createClients, credentialSource } from '../../../src/bedrock/clients';
import { checkApiKeyHost, isAwsHost } from '../../../src/bedrock/layerErrors';
import { BedrockService } from '../../../src/bedrock/service';
import { inAwsSandbox } from './env';
import { localSettings, useLocalBedrock } from './localEndpoint';

const KEY = 'ABSKQmVkcm9ja0FQSUtleVNUT1JFRGNhbmFyeTk5MXNlY3JldA==';
const ENV_KEY = 'bedrock-api-key-from-the-environment-0001';

/** Records the Authorization header of every request the clients send, after signing. */
function recordAuthorization(...clients: Array<BedrockClient | BedrockRuntimeClient>): string[] {
  const seen: string[] = [];
  for (const client of clients) {
    (client as BedrockClient).middlewareStack.add((next) => async (args) => {
      const headers = (args.request as { headers: Record<string, string | undefined> }).headers;
      seen.push(String(headers.authorization ?? headers.Authorization));
      return next(args);
    }, { step: 'deserialize', name: 'recordAuthorization' });
  }
  return seen;
}

async function listAndConverse(settings: Parameters<typeof createClients>[0]): Promise<string[]> {
  const pair = await createClients(settings);
  try {
    const seen = recordAuthorization(pair.control, pair.runtime);
    const { ListFoundationModelsCommand } = await import('@aws-sdk/client-bedrock');
    const { ConverseCommand } = await import('@aws-sdk/client-bedrock-runtime');
    await pair.control.send(new ListFoundationModelsCommand({}));
    await pair.runtime.send(new ConverseCommand({ modelId: 'amazon.nova-micro-v1:0', messages: [{ role: 'user', content: [{ text: 'key' }] }] }));
    return seen;
  } finally {
    pair.runtime.destroy();
    pair.control.destroy();
  }
}

describe('bedrock/apiKey: a stored Bedrock API key', function () {
  this.timeout(30_000);

  describe('the value (pure)', () => {
    it('never comes out of JSON, inspect or string conversion', () => {
      const key = new ApiKey(KEY);
      const settings = { region: 'us-east-1', apiKey: key };
      for (const shown of [JSON.stringify(settings), inspect(settings, { showHidden: true, depth: 9 }), String(key), `${key}`, connectionKey(settings)]) {
        assert.ok(!shown.includes(KEY.slice(0, 12)), shown);
      }
      assert.equal(key.reveal(), KEY);
      assert.equal(new ApiKey(` ${KEY}\n`).fingerprint, key.fingerprint, 'pasted with spaces: the same key');
    });

    it('refuses what cannot be a key, without echoing it', () => {
      assert.match(apiKeyProblem('') ?? '', /Paste/);
      assert.match(apiKeyProblem('short') ?? '', /too short/);
      assert.match(apiKeyProblem('ABSK has spaces inside it here') ?? '', /no spaces/);
      assert.equal(apiKeyProblem(KEY), undefined);
      assert.throws(() => new ApiKey('not a key at all, it has spaces'), (e: Error) => !e.message.includes('spaces, it'));
    });

    it('wins over AWS_BEARER_TOKEN_BEDROCK, and the local endpoint never gets either', () => {
      const apiKey = new ApiKey(KEY);
      assert.deepEqual(credentialSource({ region: 'r', apiKey, profile: 'p' }, { AWS_BEARER_TOKEN_BEDROCK: ENV_KEY }), { kind: 'bearerToken', origin: 'secretStorage' });
      assert.deepEqual(credentialSource({ region: 'r', profile: 'p' }, { AWS_BEARER_TOKEN_BEDROCK: ENV_KEY }), { kind: 'bearerToken', origin: 'env' });
      assert.deepEqual(credentialSource({ region: 'r', apiKey, local: true }, { AWS_BEARER_TOKEN_BEDROCK: ENV_KEY }), { kind: 'local' });
    });

    it('goes to AWS hosts, and elsewhere only to hosts the user allowed', () => {
      for (const h of ['bedrock-runtime.us-east-1.amazonaws.com', 'vpce-0a1b-c2d3.bedrock-runtime.eu-west-1.vpce.amazonaws.com', 'bedrock.cn-north-1.amazonaws.com.cn', 'bedrock-runtime.us-west-2.api.aws']) {
        assert.ok(isAwsHost(h), h);
      }
      for (const h of ['amazonaws.com.evil.example', 'evilamazonaws.com', 'gateway.corp.example']) assert.ok(!isAwsHost(h), h);
      assert.throws(() => checkApiKeyHost('https://gateway.corp.example/bedrock', []), (e: Error) => e.name === 'ApiKeyHostNotAllowedError' && /gateway\.corp\.example/.test(e.message) && /Allow API Key for Endpoint/.test(e.message));
      checkApiKeyHost('https://gateway.corp.example/bedrock', ['gateway.corp.example']);
    });
  });

  describe('on the wire (local endpoint, real SDK clients)', () => {
    const local = useLocalBedrock();

    it('is the bearer token of both clients, instead of the environment\'s key', async () => {
      await inAwsSandbox({}, { AWS_BEARER_TOKEN_BEDROCK: ENV_KEY }, async () => {
        const settings = { ...localSettings(local.lb), local: false, apiKey: new ApiKey(KEY), apiKeyHosts: ['127.0.0.1'] };
        assert.deepEqual(await listAndConverse(settings), [`Bearer ${KEY}`, `Bearer ${KEY}`]);
        // Cleared: the environment's key again.
        assert.deepEqual(await listAndConverse({ ...settings, apiKey: undefined }), [`Bearer ${ENV_KEY}`, `Bearer ${ENV_KEY}`]);
      });
    });

    it('is not sent to the local endpoint, which gets stand-in signatures', async () => {
      await inAwsSandbox({}, { AWS_BEARER_TOKEN_BEDROCK: ENV_KEY }, async () => {
        const seen = await listAndConverse(localSettings(local.lb, { apiKey: new ApiKey(KEY) }));
        assert.equal(seen.length, 2);
        for (const a of seen) assert.match(a, /^AWS4-HMAC-SHA256 Credential=local\//);
      });
    });

    it('is not sent to a host outside AWS without consent: nothing reaches it, and the error says how to allow it', async () => {
      await inAwsSandbox({}, {}, async () => {
        const service = new BedrockService(() => ({ ...localSettings(local.lb), local: false, apiKey: new ApiKey(KEY) }));
        try {
          await assert.rejects(service.catalog(), (e: Error) => e.name === 'ApiKeyHostNotAllowedError');
          const info = service.describeError(await service.catalog().catch((e: unknown) => e), {});
          assert.equal(info.kind, 'credentials');
          assert.match(info.message, /127\.0\.0\.1, which is not an AWS host/);
          assert.ok(!JSON.stringify(info).includes(KEY.slice(0, 12)));
          assert.deepEqual(await local.control.requests(), [], 'no request reached the endpoint');
        } finally {
          service.dispose();
        }
      });
    });
  });
});

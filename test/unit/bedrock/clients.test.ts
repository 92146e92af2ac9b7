import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ClientCache, connectionKey, controlEndpointFor, createClients, credentialSource, credentialsFor } from '../../../src/bedrock/clients';
import { BedrockService } from '../../../src/bedrock/service';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { inAwsSandbox } from './env';
import { collect, localService, localSettings, model, useLocalBedrock } from './localEndpoint';

async function resolveCredentials(c: AwsCredentialIdentity | AwsCredentialIdentityProvider | undefined): Promise<AwsCredentialIdentity> {
  assert.ok(c, 'credentials');
  return typeof c === 'function' ? c() : c;
}

describe('bedrock/clients', () => {
  describe('settings (pure)', () => {
    it('keys clients on every setting that shapes them', () => {
      const base = { region: 'us-east-1' };
      const keys = new Set([
        base, { ...base, region: 'eu-west-1' }, { ...base, profile: 'p' }, { ...base, endpoint: 'http://x' }, { ...base, maxAttempts: 5 },
        { ...base, retryMode: 'adaptive' as const }, { ...base, requestTimeoutMs: 1 }, { ...base, local: true },
      ].map(connectionKey));
      assert.equal(keys.size, 8);
      assert.equal(connectionKey({ region: 'us-east-1', maxAttempts: 3 }), connectionKey(base), 'defaults are spelled out');
    });

    it('sends the catalog to the public control plane when the endpoint is a bedrock-runtime VPC endpoint', () => {
      assert.equal(controlEndpointFor({ region: 'us-east-1', endpoint: 'https://vpce-0a1b.bedrock-runtime.us-east-1.vpce.amazonaws.com' }), undefined);
      assert.equal(controlEndpointFor({ region: 'us-east-1', endpoint: 'http://127.0.0.1:4000' }), 'http://127.0.0.1:4000');
      assert.equal(controlEndpointFor({ region: 'us-east-1', endpoint: 'http://127.0.0.1:4000', controlEndpoint: 'http://127.0.0.1:4001' }), 'http://127.0.0.1:4001');
    });

    it('says where credentials come from, as the SDK will pick them', () => {
      assert.deepEqual(credentialSource({ region: 'r', local: true }, {}), { kind: 'local' });
      assert.deepEqual(credentialSource({ region: 'r', profile: 'p' }, { AWS_BEARER_TOKEN_BEDROCK: 'k' }), { kind: 'bearerToken', origin: 'env' });
      assert.deepEqual(credentialSource({ region: 'r', profile: 'p' }, {}), { kind: 'profile', profile: 'p' });
      assert.deepEqual(credentialSource({ region: 'r' }, {}), { kind: 'defaultChain' });
    });
  });

  describe('activation cost', () => {
    it('loads no AWS SDK module until the first call', () => {
      const service = resolve(__dirname, '../../../src/bedrock/service.ts');
      const script = `
        const loaded = () => Object.keys(require.cache).filter((k) => k.includes('@aws-sdk') || k.includes('@smithy')).length;
        const { BedrockService } = require(${JSON.stringify(service)});
        const s = new BedrockService(() => ({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', local: true, maxAttempts: 1 }));
        s.resolveInvocation({ id: 'a.b', inferenceTypes: ['ON_DEMAND'], profiles: [] });
        const before = loaded();
        s.catalog().catch(() => undefined).then(() => { console.log(JSON.stringify({ before, after: loaded() })); s.dispose(); });
      `;
      const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', cwd: resolve(__dirname, '../../..') });
      const { before, after } = JSON.parse(out.trim().split('\n').pop()!) as { before: number; after: number };
      assert.equal(before, 0, 'no SDK module at construction');
      assert.ok(after > 0, 'the SDK loads on the first call');
    });
  });

  describe('credentials and clients (local endpoint)', () => {
    const local = useLocalBedrock();

    it('reads a named profile from the test\'s own shared credentials file, and calls Bedrock with it', async () => {
      const credentials = '[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = default-secret\n\n[playground]\naws_access_key_id = AKIAPLAYGROUND\naws_secret_access_key = playground-secret\n';
      await inAwsSandbox({ credentials, config: '[profile playground]\nregion = eu-west-1\n' }, {}, async () => {
        const settings = { ...localSettings(local.lb), local: false, profile: 'playground' };
        const creds = await resolveCredentials(await credentialsFor(settings));
        assert.equal(creds.accessKeyId, 'AKIAPLAYGROUND');
        assert.equal(creds.secretAccessKey, 'playground-secret');
        const byDefault = await resolveCredentials(await credentialsFor({ ...settings, profile: undefined }));
        assert.equal(byDefault.accessKeyId, 'AKIADEFAULT');
        const service = new BedrockService(() => settings);
        try {
          const catalog = await service.catalog();
          assert.ok(catalog.models.length > 10);
        } finally {
          service.dispose();
        }
      });
    });

    it('runs a credential_process profile from the config file', async () => {
      await inAwsSandbox({}, {}, async (sandbox) => {
        const script = join(sandbox.dir, 'creds.js');
        writeFileSync(script, 'process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: "AKIAPROCESS", SecretAccessKey: "s", SessionToken: "t" }))');
        writeFileSync(sandbox.configFile, `[profile tool]\ncredential_process = "${process.execPath}" "${script}"\n`);
        const creds = await resolveCredentials(await credentialsFor({ region: 'us-east-1', profile: 'tool' }));
        assert.equal(creds.accessKeyId, 'AKIAPROCESS');
        assert.equal(creds.sessionToken, 't');
      });
    });

    it('sees a profile added to the file after start (no reload needed)', async () => {
      await inAwsSandbox({}, {}, async (sandbox) => {
        const provider = await credentialsFor({ region: 'us-east-1', profile: 'later' });
        await assert.rejects(resolveCredentials(provider));
        writeFileSync(sandbox.credentialsFile, '[later]\naws_access_key_id = AKIALATER\naws_secret_access_key = x\n');
        assert.equal((await resolveCredentials(provider)).accessKeyId, 'AKIALATER');
      });
    });

    it('calls Bedrock with an API key (AWS_BEARER_TOKEN_BEDROCK) and no AWS credentials at all', async () => {
      // The endpoint is not an AWS host: the key goes there only with the user's consent, given here.
      const settings = { ...localSettings(local.lb), local: false, apiKeyHosts: ['127.0.0.1'] };
      const m = 'amazon.nova-micro-v1:0';
      // Without the key the same call has no credentials: the key is what makes it work.
      await inAwsSandbox({}, {}, async () => {
        const service = new BedrockService(() => settings);
        try {
          await assert.rejects(service.catalog(), (e: Error) => e.name === 'CredentialsProviderError');
        } finally {
          service.dispose();
        }
      });
      await inAwsSandbox({}, { AWS_BEARER_TOKEN_BEDROCK: 'bedrock-api-key-for-tests' }, async () => {
        assert.deepEqual(credentialSource(settings), { kind: 'bearerToken', origin: 'env' });
        // What goes on the wire: the signed request, seen by a middleware after signing.
        const pair = await createClients(settings);
        try {
          const seen: string[] = [];
          const authorization = (request: unknown) => {
            const headers = (request as { headers: Record<string, string | undefined> }).headers;
            return String(headers.authorization ?? headers.Authorization);
          };
          const step = { step: 'deserialize', name: 'recordAuthorization' } as const;
          pair.control.middlewareStack.add((next) => async (args) => {
            seen.push(authorization(args.request));
            return next(args);
          }, step);
          pair.runtime.middlewareStack.add((next) => async (args) => {
            seen.push(authorization(args.request));
            return next(args);
          }, step);
          const { ListFoundationModelsCommand } = await import('@aws-sdk/client-bedrock');
          const { ConverseCommand } = await import('@aws-sdk/client-bedrock-runtime');
          await pair.control.send(new ListFoundationModelsCommand({}));
          await pair.runtime.send(new ConverseCommand({ modelId: m, messages: [{ role: 'user', content: [{ text: 'key' }] }] }));
          assert.deepEqual(seen, ['Bearer bedrock-api-key-for-tests', 'Bearer bedrock-api-key-for-tests']);
        } finally {
          pair.runtime.destroy();
          pair.control.destroy();
        }
        const service = new BedrockService(() => settings);
        try {
          const { error } = await collect(service.chat({ model: await model(service, m), messages: [{ role: 'user', text: 'with a key' }], settings: {} }));
          assert.equal(error, undefined, String(error));
        } finally {
          service.dispose();
        }
      });
    });

    it('keeps one client pair per connection, and closes a replaced one only when its last call is done', async () => {
      const cache = new ClientCache();
      const a = localSettings(local.lb);
      const b = { ...a, maxAttempts: 4 };
      const first = cache.acquire(a);
      const pairA = await first.pair;
      let destroyed = 0;
      const destroy = pairA.runtime.destroy.bind(pairA.runtime);
      let onDestroy = () => undefined as void;
      const destroyedOnce = new Promise<void>((resolve) => { onDestroy = resolve; });
      pairA.runtime.destroy = () => {
        destroyed++;
        destroy();
        onDestroy();
      };
      assert.equal(await cache.use(a, async (p) => p), pairA, 'same settings, same clients');
      const pairB = await cache.use(b, async (p) => p);
      assert.notEqual(pairB, pairA, 'new settings, new clients');
      assert.equal(destroyed, 0, 'still in use by the first call');
      cache.release(first);
      await destroyedOnce;
      assert.equal(destroyed, 1);
      cache.retire();
    });

    it('retries visibly in adaptive mode too', async () => {
      const service = localService(local.lb, { retryMode: 'adaptive' });
      try {
        await local.control.fault({ operation: 'ConverseStream', fault: 'serviceUnavailable', times: 1 });
        const { events, error } = await collect(service.chat({ model: await model(service, 'amazon.nova-micro-v1:0'), messages: [{ role: 'user', text: 'x' }], settings: {} }));
        assert.equal(error, undefined, String(error));
        assert.deepEqual(events.filter((e) => e.type === 'retry').map((e) => e.type === 'retry' && e.reason), ['ServiceUnavailableException: The service is temporarily unavailable. Please try again later.']);
      } finally {
        service.dispose();
      }
    });
  });
});

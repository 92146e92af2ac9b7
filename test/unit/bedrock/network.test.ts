// Company networks: a proxy (VS Code's http.proxy, HTTPS_PROXY, NO_PROXY) and a private CA
// (AWS_CA_BUNDLE, NODE_EXTRA_CA_CERTS), tested for real: the local stand-in serves TLS with a
// certificate from a CA made at test time, and a CONNECT proxy on 127.0.0.1 sits between.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bypassesProxy, describeRoute, extraCertificates, proxyFor, routeFor } from '../../../src/bedrock/network';
import { BedrockService } from '../../../src/bedrock/service';
import type { ConnectionSettings } from '../../../src/bedrock/types';
import { startLocalBedrock, type LocalBedrock } from '../../localBedrock/server';
import { startConnectProxy, type ConnectProxy } from '../../support/connectProxy';
import { makeTestCertificates } from '../../support/testCa';
import { inAwsSandbox } from './env';
import { collect, model, textOf } from './localEndpoint';

const NET_VARS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy', 'AWS_CA_BUNDLE', 'NODE_EXTRA_CA_CERTS'];
const CREDENTIALS = '[default]\naws_access_key_id = AKIANETWORKTEST\naws_secret_access_key = network-secret\n';
const NOVA = 'amazon.nova-micro-v1:0';

/** Runs `fn` with the proxy and CA variables set as given (all others unset), then puts them back. */
async function withNetworkEnv<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = new Map(NET_VARS.map((k) => [k, process.env[k]]));
  for (const k of NET_VARS) delete process.env[k];
  Object.assign(process.env, env);
  try {
    return await fn();
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('bedrock/network: proxies and private CAs', function () {
  this.timeout(60_000);

  describe('routes (pure)', () => {
    const target = new URL('https://bedrock-runtime.eu-west-1.amazonaws.com');

    it('takes VS Code\'s http.proxy first, then HTTPS_PROXY (or https_proxy) for https, HTTP_PROXY for http', () => {
      assert.deepEqual(proxyFor(target, { proxy: 'http://vscode-proxy:3128' }, { HTTPS_PROXY: 'http://env-proxy:8080' }), { url: 'http://vscode-proxy:3128/', source: 'http.proxy' });
      assert.deepEqual(proxyFor(target, {}, { https_proxy: 'env-proxy:8080' }), { url: 'http://env-proxy:8080/', source: 'HTTPS_PROXY' });
      assert.equal(proxyFor(target, {}, { HTTP_PROXY: 'http://plain:80' }), undefined, 'HTTP_PROXY is for http:// targets');
      assert.deepEqual(proxyFor(new URL('http://127.0.0.1:4000'), {}, { HTTP_PROXY: 'http://plain:80' })?.source, 'HTTP_PROXY');
      assert.equal(proxyFor(target, {}, {}), undefined);
    });

    it('goes direct for NO_PROXY and http.noProxy hosts: *, domains with or without a leading dot, ports', () => {
      assert.ok(bypassesProxy(target, ['amazonaws.com']));
      assert.ok(bypassesProxy(target, ['.amazonaws.com']));
      assert.ok(bypassesProxy(target, ['*']));
      assert.ok(bypassesProxy(target, ['*.amazonaws.com:443']));
      assert.ok(!bypassesProxy(target, ['amazonaws.com:8443']));
      assert.ok(!bypassesProxy(target, ['notamazonaws.com', 'example.com']));
      assert.equal(proxyFor(target, { proxy: 'http://p:1', noProxy: ['eu-west-1.amazonaws.com'] }, {}), undefined);
      assert.equal(proxyFor(target, {}, { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'localhost,.amazonaws.com' }), undefined);
    });

    it('names the setting when a proxy or a CA file cannot be used', () => {
      assert.throws(() => proxyFor(target, { proxy: 'socks5://p:1080' }, {}), /http\.proxy.*http:\/\/ or https:\/\//);
      assert.throws(() => proxyFor(target, {}, { HTTPS_PROXY: 'http://[bad' }), /HTTPS_PROXY.*not a URL/);
      assert.throws(() => extraCertificates({ AWS_CA_BUNDLE: join(tmpdir(), 'no-such-ca-bundle.pem') }), /AWS_CA_BUNDLE.*cannot be read \(ENOENT\)/);
    });

    it('says in the log how Bedrock is reached, without a proxy password', () => {
      const route = routeFor(undefined, 'eu-west-1', { proxy: 'http://user:secret@proxy.corp:3128', strictSSL: false }, {});
      const line = describeRoute(route, true);
      assert.match(line, /through the proxy http:\/\/proxy\.corp:3128 \(from http\.proxy\), HTTP\/1\.1/);
      assert.match(line, /NOT checking certificates/);
      assert.doesNotMatch(line, /secret/);
    });
  });

  describe('a TLS stand-in with a private CA, and a CONNECT proxy (real SDK clients)', () => {
    let dir: string;
    let caFile: string;
    let lb: LocalBedrock;
    let proxy: ConnectProxy;

    before(async () => {
      const certs = makeTestCertificates();
      dir = mkdtempSync(join(tmpdir(), 'bedrock-network-'));
      caFile = join(dir, 'company-ca.pem');
      writeFileSync(caFile, certs.caCert);
      lb = await startLocalBedrock({ port: 0, tls: { key: certs.key, cert: certs.cert } });
      proxy = await startConnectProxy();
    });

    after(async () => {
      await lb?.close();
      await proxy?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    /** Signed with the sandbox's keys, as against AWS (not the local flag, which skips proxies). */
    const settings = (extra: Partial<ConnectionSettings> = {}): ConnectionSettings => ({ region: 'us-east-1', endpoint: lb.endpoint, maxAttempts: 1, requestTimeoutMs: 15_000, ...extra });

    async function catalogAndChat(s: ConnectionSettings, logged: string[] = []): Promise<string> {
      const service = new BedrockService(() => s, { debug: () => undefined, info: (m) => logged.push(m), warn: (m) => logged.push(m), error: (m) => logged.push(String(m)) });
      try {
        const { error, events } = await collect(service.chat({ model: await model(service, NOVA), messages: [{ role: 'user', text: 'hello through the network' }], settings: { maxTokens: 50 }, stream: true }));
        assert.equal(error, undefined, String(error));
        return textOf(events);
      } finally {
        service.dispose();
      }
    }

    it('refuses the untrusted certificate with a clear error naming AWS_CA_BUNDLE', async () => {
      await inAwsSandbox({ credentials: CREDENTIALS }, {}, () => withNetworkEnv({}, async () => {
        const service = new BedrockService(() => settings());
        try {
          const err = await service.catalog().then(() => undefined, (e: unknown) => e);
          assert.ok(err, 'the catalog failed');
          const info = service.describeError(err, {});
          assert.equal(info.kind, 'network');
          assert.match(info.message, /TLS certificate of .* is not trusted \(SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY\)/);
          assert.match(info.message, /AWS_CA_BUNDLE/);
          assert.deepEqual(info.action, { kind: 'configure', label: 'Open http.proxyStrictSSL', setting: 'http.proxyStrictSSL' });
        } finally {
          service.dispose();
        }
      }));
    });

    for (const variable of ['AWS_CA_BUNDLE', 'NODE_EXTRA_CA_CERTS']) {
      it(`trusts the private CA named by ${variable}: catalog over HTTP/1.1, a streamed answer over HTTP/2, directly`, async () => {
        await inAwsSandbox({ credentials: CREDENTIALS }, {}, () => withNetworkEnv({ [variable]: caFile }, async () => {
          const logged: string[] = [];
          assert.ok((await catalogAndChat(settings(), logged)).length > 0);
          assert.ok(logged.some((l) => new RegExp(`reached direct, HTTP/2; trusting the certificates in ${variable}`).test(l)), logged.join('\n'));
          assert.equal(proxy.tunnels.length, 0, 'no proxy was set');
        }));
      });
    }

    it('goes through HTTPS_PROXY (a CONNECT tunnel, HTTP/1.1) and still checks the certificate against the private CA', async () => {
      await inAwsSandbox({ credentials: CREDENTIALS }, {}, () => withNetworkEnv({ HTTPS_PROXY: proxy.url, AWS_CA_BUNDLE: caFile }, async () => {
        const before = proxy.tunnels.length;
        const logged: string[] = [];
        assert.ok((await catalogAndChat(settings(), logged)).length > 0, 'a streamed answer came back through the proxy');
        await proxy.untilTunnels(before + 1);
        const target = new URL(lb.endpoint).host;
        assert.ok(proxy.tunnels.slice(before).every((t) => t === target), proxy.tunnels.join(', '));
        assert.ok(logged.some((l) => /through the proxy http:\/\/127\.0\.0\.1:\d+ \(from HTTPS_PROXY\), HTTP\/1\.1/.test(l)), logged.join('\n'));
      }));
    });

    it('takes VS Code\'s http.proxy over the environment, and NO_PROXY sends the endpoint direct', async () => {
      await inAwsSandbox({ credentials: CREDENTIALS }, {}, () => withNetworkEnv({ HTTPS_PROXY: 'http://127.0.0.1:9', AWS_CA_BUNDLE: caFile }, async () => {
        const before = proxy.tunnels.length;
        await catalogAndChat(settings({ network: { proxy: proxy.url } }));
        assert.ok(proxy.tunnels.length > before, 'http.proxy was used, not the dead HTTPS_PROXY');
        const after = proxy.tunnels.length;
        await catalogAndChat(settings({ network: { proxy: proxy.url, noProxy: ['127.0.0.1'] } }));
        assert.equal(proxy.tunnels.length, after, 'http.noProxy: direct');
      }));
    });

    it('with http.proxyStrictSSL off, accepts the certificate without the CA (and says so in the log)', async () => {
      await inAwsSandbox({ credentials: CREDENTIALS }, {}, () => withNetworkEnv({}, async () => {
        const logged: string[] = [];
        await catalogAndChat(settings({ network: { strictSSL: false } }), logged);
        assert.ok(logged.some((l) => /NOT checking certificates \(http\.proxyStrictSSL is off\)/.test(l)));
      }));
    });
  });
});

// Credentials never leak: with the test's own profile (distinctive access key, secret and session
// token) and an API key in the environment, a chat and its failures are run through the real SDK
// against the local endpoint; then everything the product shows or writes — what the Bedrock layer
// logs, the events and errors the webview receives, the saved conversation, "View API request",
// "Copy as code" and the exported Markdown — is searched for those values.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { BedrockService, type Logger } from '../../../src/bedrock/service';
import type { ChatEvent } from '../../../src/bedrock/types';
import { apiSnippet, snippetConnection } from '../../../src/playground/chat/apiSnippet';
import { ApiKey } from '../../../src/bedrock/apiKey';
import type { TurnView } from '../../../src/protocol/chat';
import { newConversation, defaultOptions } from '../../../src/playground/chat/conversation';
import { ConversationStore } from '../../../src/playground/chat/conversationStore';
import { conversationMarkdown } from '../../../src/playground/chat/exportMarkdown';
import { inAwsSandbox } from '../bedrock/env';
import { collect, model, useLocalBedrock } from '../bedrock/localEndpoint';

const ACCESS_KEY = 'AKIAQLEAKCANARY7X3Z9';
const SECRET = 'sEcReT/leak+canary0123456789abcdefABCDEFxyz';
const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjELEAKCANARYSESSIONTOKENsecretvalue0123456789';
const SECRETS = [ACCESS_KEY, SECRET, SESSION_TOKEN];
const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';

function assertClean(where: string, text: string): void {
  for (const s of SECRETS) {
    assert.ok(!text.includes(s), `${where} contains a credential (${s.slice(0, 6)}…)`);
    // Nor a recognisable part of one (e.g. a truncated or re-encoded copy).
    assert.ok(!text.includes(s.slice(0, 12)), `${where} contains part of a credential (${s.slice(0, 6)}…)`);
  }
  assert.doesNotMatch(text, /Authorization|x-amz-security-token|Credential=|Signature=/i, `${where} shows signing material`);
}

describe('security: credentials never reach logs, the webview, or exports', function () {
  this.timeout(60_000);
  const local = useLocalBedrock();

  it('with a profile of static keys and a session token', async () => {
    const credentials = ['[leaky]', `aws_access_key_id = ${ACCESS_KEY}`, `aws_secret_access_key = ${SECRET}`, `aws_session_token = ${SESSION_TOKEN}`, ''].join('\n');
    await inAwsSandbox({ config: '[profile leaky]\nregion = us-east-1\n', credentials }, {}, async () => {
      const logged: string[] = [];
      const logger: Logger = {
        debug: (m) => logged.push(m), info: (m) => logged.push(m), warn: (m) => logged.push(m),
        error: (m, ...a) => logged.push(inspect(m, { depth: 8 }), ...a.map((x) => inspect(x, { depth: 8, showHidden: true }))),
      };
      // Not the local flag: the SDK resolves and signs with the profile's keys, as against AWS.
      const service = new BedrockService(() => ({ region: 'us-east-1', profile: 'leaky', endpoint: local.lb.endpoint, maxAttempts: 2, requestTimeoutMs: 10_000 }), logger);
      const storeRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'secrets-store-'));
      try {
        const haiku = await model(service, HAIKU);
        const ok = await collect(service.chat({ model: haiku, messages: [{ role: 'user', text: 'hello' }], settings: { maxTokens: 200 }, stream: true }));
        assert.equal(ok.error, undefined, `the profile's credentials worked: ${String(ok.error)}`);
        const request = ok.events.find((e): e is Extract<ChatEvent, { type: 'request' }> => e.type === 'request')!.request;

        const failures: unknown[] = [];
        for (const fault of ['accessDenied', 'expiredToken', 'throttle', 'serverError'] as const) {
          await local.control.fault({ operation: 'ConverseStream', fault, times: -1 });
          const r = await collect(service.chat({ model: haiku, messages: [{ role: 'user', text: 'again' }], settings: { maxTokens: 50 }, stream: true }));
          assert.ok(r.error, fault);
          failures.push(r.error);
          await local.control.reset();
        }
        const infos = failures.map((e) => service.describeError(e, { modelId: HAIKU }));
        assert.ok(infos.some((i) => i.kind === 'ssoExpired' || i.kind === 'credentials'));

        // What the webview and the store get: turns with the request, the errors, the metrics.
        const conversation = newConversation('secrets', defaultOptions(HAIKU));
        const turns: TurnView[] = [
          { id: 'u1', role: 'user', text: 'hello', status: 'done', createdAt: 1 },
          { id: 'a1', role: 'assistant', text: ok.events.map((e) => (e.type === 'text' ? e.text : '')).join(''), status: 'done', request, createdAt: 2 },
          ...infos.map((error, i): TurnView => ({ id: `e${i}`, role: 'assistant', text: '', status: 'error', error, request, createdAt: 3 + i })),
        ];
        conversation.turns = turns;
        const store = new ConversationStore(storeRoot);
        await store.save(conversation);
        const saved = fs.readdirSync(storeRoot, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json')).map((f) => fs.readFileSync(path.join(storeRoot, f), 'utf8')).join('\n');

        assertClean('the log', logged.join('\n'));
        assertClean('the chat events', JSON.stringify(ok.events));
        assertClean('the error descriptions', JSON.stringify(infos));
        assertClean('the webview state', JSON.stringify(turns));
        assertClean('the saved conversation', saved);
        assertClean('View API request', JSON.stringify({ operation: request.operation, modelId: request.modelId, body: request.body }, null, 2));
        const snippet = apiSnippet(request, { region: 'us-east-1', profile: 'leaky', endpoint: local.lb.endpoint });
        assertClean('Copy as code', snippet);
        assert.match(snippet, /fromIni\(\{ profile: "leaky" \}\)|fromIni\(\{\s*profile: 'leaky'\s*\}\)|profile: "leaky"/, 'the snippet names the profile instead');
        assertClean('the exported Markdown', conversationMarkdown(conversation));
        assert.ok(logged.length > 0, 'the failures were logged (so the log was really searched)');
      } finally {
        service.dispose();
        fs.rmSync(storeRoot, { recursive: true, force: true });
      }
    });
  });

  it('with an API key (AWS_BEARER_TOKEN_BEDROCK)', async () => {
    const apiKey = 'ABSKQmVkcm9ja0FQSUtleUxFQUtDQU5BUlk0Mjc3c2VjcmV0';
    await inAwsSandbox({}, { AWS_BEARER_TOKEN_BEDROCK: apiKey }, async () => {
      const logged: string[] = [];
      const logger: Logger = { debug: (m) => logged.push(m), info: (m) => logged.push(m), warn: (m) => logged.push(m), error: (m, ...a) => logged.push(inspect(m), ...a.map((x) => inspect(x, { depth: 8, showHidden: true }))) };
      const service = new BedrockService(() => ({ region: 'us-east-1', endpoint: local.lb.endpoint, apiKeyHosts: ['127.0.0.1'], maxAttempts: 1, requestTimeoutMs: 10_000 }), logger);
      try {
        const haiku = await model(service, HAIKU);
        await local.control.fault({ operation: 'ConverseStream', fault: 'accessDenied', times: -1 });
        const r = await collect(service.chat({ model: haiku, messages: [{ role: 'user', text: 'hi' }], settings: { maxTokens: 50 }, stream: true }));
        assert.ok(r.error);
        const info = service.describeError(r.error, { modelId: HAIKU });
        const text = [logged.join('\n'), JSON.stringify(r.events), JSON.stringify(info)].join('\n');
        assert.ok(!text.includes(apiKey) && !text.includes(apiKey.slice(0, 16)), 'the API key appears nowhere');
        assert.doesNotMatch(text, /Bearer /);
      } finally {
        service.dispose();
      }
    });
  });

  it('with an API key kept in the secret storage (Bedrock: Set API Key)', async () => {
    const apiKey = 'ABSKQmVkcm9ja0FQSUtleVNUT1JFRExFQUtDQU5BUlk1NTE=';
    await inAwsSandbox({}, {}, async () => {
      const logged: string[] = [];
      const logger: Logger = { debug: (m) => logged.push(m), info: (m) => logged.push(m), warn: (m) => logged.push(m), error: (m, ...a) => logged.push(inspect(m), ...a.map((x) => inspect(x, { depth: 8, showHidden: true }))) };
      const settings = { region: 'us-east-1', endpoint: local.lb.endpoint, apiKey: new ApiKey(apiKey), apiKeyHosts: ['127.0.0.1'], maxAttempts: 1, requestTimeoutMs: 10_000 };
      const service = new BedrockService(() => settings, logger);
      const storeRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'secrets-store-'));
      try {
        const haiku = await model(service, HAIKU);
        const ok = await collect(service.chat({ model: haiku, messages: [{ role: 'user', text: 'hello' }], settings: { maxTokens: 50 }, stream: true }));
        assert.equal(ok.error, undefined, `the stored key worked: ${String(ok.error)}`);
        const request = ok.events.find((e): e is Extract<ChatEvent, { type: 'request' }> => e.type === 'request')!.request;
        await local.control.fault({ operation: 'ConverseStream', fault: 'accessDenied', times: -1 });
        const failed = await collect(service.chat({ model: haiku, messages: [{ role: 'user', text: 'hi' }], settings: { maxTokens: 50 }, stream: true }));
        assert.ok(failed.error);
        // Without the user's consent for the host: refused before sending, and the refusal names no key either.
        const refused = new BedrockService(() => ({ ...settings, apiKeyHosts: [] }), logger);
        const refusal = await refused.catalog().catch((e: unknown) => e);
        refused.dispose();
        const infos = [failed.error, refusal].map((e) => service.describeError(e, { modelId: HAIKU }));

        const conversation = newConversation('secrets', defaultOptions(HAIKU));
        conversation.turns = [
          { id: 'u1', role: 'user', text: 'hello', status: 'done', createdAt: 1 },
          { id: 'a1', role: 'assistant', text: 'x', status: 'done', request, createdAt: 2 },
          ...infos.map((error, i): TurnView => ({ id: `e${i}`, role: 'assistant', text: '', status: 'error', error, request, createdAt: 3 + i })),
        ];
        await new ConversationStore(storeRoot).save(conversation);
        const saved = fs.readdirSync(storeRoot, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json')).map((f) => fs.readFileSync(path.join(storeRoot, f), 'utf8')).join('\n');
        const snippet = apiSnippet(request, snippetConnection(service.connection));
        assert.match(snippet, /AWS_BEARER_TOKEN_BEDROCK/, 'the program says where its key comes from');
        const places: Array<[string, string]> = [
          ['the log', logged.join('\n')], ['the chat events', JSON.stringify([ok.events, failed.events])], ['the error descriptions', JSON.stringify(infos)],
          ['the saved conversation', saved], ['View API request', JSON.stringify(request)], ['Copy as code', snippet],
          ['the exported Markdown', conversationMarkdown(conversation)],
          ['the connection settings', `${JSON.stringify(service.connection)}\n${inspect(service.connection, { showHidden: true, depth: 9 })}`],
        ];
        for (const [where, text] of places) {
          assert.ok(!text.includes(apiKey) && !text.includes(apiKey.slice(0, 16)), `${where} contains the API key`);
          assert.doesNotMatch(text, /Bearer /, `${where} shows the authorization header`);
        }
        assert.ok(logged.length > 0, 'the failure was logged (so the log was really searched)');
      } finally {
        service.dispose();
        fs.rmSync(storeRoot, { recursive: true, force: true });
      }
    });
  });
});

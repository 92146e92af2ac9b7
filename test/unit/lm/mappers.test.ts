// The pure halves of the VS Code chat provider: VS Code parts → Converse content, tools →
// toolConfig, model information from the local endpoint's catalog, and the token estimate
// checked against the usage the local endpoint reports. Parts are plain objects of the same
// shape as VS Code's classes (the mapper reads shapes); requests go through the real SDK.
import * as assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import type { ToolChatEvent } from '../../../src/bedrock/toolChat';
import { ROLE_ASSISTANT, ROLE_SYSTEM, ROLE_USER, toToolChatRequest, type MessageLike, type RequestOptionsLike } from '../../../src/lm/messages';
import { chatModelInfos, familyAndVersion, isHidden } from '../../../src/lm/modelInfo';
import { estimateTokens, textTokens } from '../../../src/lm/tokenEstimate';
import { ToolNames } from '../../../src/lm/toolNames';
import { localService, model, useLocalBedrock } from '../bedrock/localEndpoint';

const text = (value: string) => ({ value });
const call = (callId: string, name: string, input: object) => ({ callId, name, input });
const result = (callId: string, content: unknown[]) => ({ callId, content });
const user = (...content: unknown[]): MessageLike => ({ role: ROLE_USER, content });
const assistant = (...content: unknown[]): MessageLike => ({ role: ROLE_ASSISTANT, content });

function png(width: number, height: number): Uint8Array {
  const p = new PNG({ width, height });
  p.data.fill(128);
  return new Uint8Array(PNG.sync.write(p));
}

async function usageOf(events: AsyncIterable<ToolChatEvent>): Promise<{ inputTokens: number; text: string }> {
  let inputTokens = -1;
  let out = '';
  for await (const ev of events) {
    if (ev.type === 'usage') inputTokens = ev.inputTokens;
    if (ev.type === 'text') out += ev.text;
  }
  return { inputTokens, text: out };
}

describe('lm/mappers', () => {
  const local = useLocalBedrock();

  describe('messages and tools', () => {
    it('maps text, tool calls and tool results; system to the system prompt; same roles merged; blanks dropped', async () => {
      const service = localService(local.lb);
      try {
        const m = await model(service, 'anthropic.claude-3-haiku-20240307-v1:0');
        const names = new ToolNames();
        const req = toToolChatRequest(m, 'anthropic.claude-3-haiku-20240307-v1:0', [
          { role: ROLE_SYSTEM, content: [text('Be brief.')] },
          user(text('What is the weather?')),
          user(text('   ')),
          user(text('In Paris.')),
          assistant(text('Let me check.'), call('call.1/x', 'weather.lookup', { city: 'Paris' })),
          user(text('thanks'), result('call.1/x', [text('Sunny')])),
        ], { tools: [{ name: 'weather.lookup', description: 'Weather', inputSchema: { type: 'object', properties: { city: { type: 'string' } } } }], toolMode: 1 }, names);
        assert.equal(req.system, 'Be brief.');
        assert.deepEqual(req.messages, [
          { role: 'user', content: [{ type: 'text', text: 'What is the weather?' }, { type: 'text', text: 'In Paris.' }] },
          { role: 'assistant', content: [{ type: 'text', text: 'Let me check.' }, { type: 'toolUse', toolUseId: 'call_1_x', name: 'weather_lookup', input: { city: 'Paris' } }] },
          // The result first: Bedrock wants the answers to the previous turn's calls before anything else.
          { role: 'user', content: [{ type: 'toolResult', toolUseId: 'call_1_x', content: [{ type: 'text', text: 'Sunny' }] }, { type: 'text', text: 'thanks' }] },
        ]);
        assert.deepEqual(req.tools?.map((t) => t.name), ['weather_lookup']);
        assert.equal(req.toolChoice, undefined);
        assert.equal(names.fromBedrock('weather_lookup'), 'weather.lookup');
        // And Bedrock (the local endpoint) takes it as it is.
        const { inputTokens } = await usageOf(service.toolChat(req));
        assert.ok(inputTokens > 0);
      } finally {
        service.dispose();
      }
    });

    it('requires a tool in Required mode: that tool when there is one, any tool when there are several', () => {
      const m = { id: 'anthropic.claude-3-haiku-20240307-v1:0', outputModalities: ['TEXT'] } as Parameters<typeof toToolChatRequest>[0];
      const one: RequestOptionsLike = { toolMode: 2, tools: [{ name: 'a', description: '' }] };
      const two: RequestOptionsLike = { toolMode: 2, tools: [{ name: 'a', description: '' }, { name: 'b', description: '' }] };
      assert.deepEqual(toToolChatRequest(m, 'x', [user(text('hi'))], one, new ToolNames()).toolChoice, { tool: 'a' });
      assert.equal(toToolChatRequest(m, 'x', [user(text('hi'))], two, new ToolNames()).toolChoice, 'any');
      assert.deepEqual(toToolChatRequest(m, 'x', [user(text('hi'))], one, new ToolNames()).tools?.[0]?.inputSchema, { type: 'object', properties: {} }, 'a tool without schema takes an empty object');
    });

    it('keeps two tools apart when cleaning their names makes them equal, and maps both back', () => {
      const names = new ToolNames();
      assert.equal(names.toBedrock('read.file'), 'read_file');
      assert.equal(names.toBedrock('read file'), 'read_file_2');
      assert.equal(names.toBedrock('read.file'), 'read_file');
      assert.equal(names.fromBedrock('read_file_2'), 'read file');
      assert.equal(names.toBedrock('x'.repeat(80)).length, 64);
    });

    it('reads modelOptions under the usual names', () => {
      const m = { id: 'amazon.nova-pro-v1:0', outputModalities: ['TEXT'] } as Parameters<typeof toToolChatRequest>[0];
      const req = toToolChatRequest(m, 'x', [user(text('hi'))], { modelOptions: { temperature: 0.2, top_p: 0.9, max_tokens: 77, stop: 'END', unknown: 1 } }, new ToolNames());
      assert.deepEqual(req.settings, { temperature: 0.2, topP: 0.9, maxTokens: 77, stopSequences: ['END'] });
    });

    it('puts the system text into the first user message for a model without a system prompt', async () => {
      const service = localService(local.lb);
      try {
        const m = await model(service, 'mistral.mistral-7b-instruct-v0:2');
        const req = toToolChatRequest(m, m.id, [{ role: ROLE_SYSTEM, content: [text('Answer in French.')] }, user(text('Hello'))], {}, new ToolNames());
        assert.equal(req.system, undefined);
        assert.deepEqual(req.messages[0]?.content, [{ type: 'text', text: 'Answer in French.' }, { type: 'text', text: 'Hello' }]);
        const { text: reply } = await usageOf(service.toolChat(req));
        assert.match(reply, /> Answer in French\.\n> Hello/);
      } finally {
        service.dispose();
      }
    });

    it('sends image parts as image blocks and refuses image types Bedrock does not take', async () => {
      const service = localService(local.lb);
      try {
        const m = await model(service, 'anthropic.claude-3-haiku-20240307-v1:0');
        const bytes = png(8, 8);
        const req = toToolChatRequest(m, m.id, [user({ mimeType: 'image/png', data: bytes }, text('What is this?'), { mimeType: 'cache_control', data: new TextEncoder().encode('ephemeral') })], {}, new ToolNames());
        assert.deepEqual(req.messages[0]?.content, [{ type: 'image', image: { format: 'png', base64: Buffer.from(bytes).toString('base64') } }, { type: 'text', text: 'What is this?' }]);
        const { text: reply } = await usageOf(service.toolChat(req));
        assert.match(reply, /\| images \| 1 \|/);
        assert.throws(() => toToolChatRequest(m, m.id, [user({ mimeType: 'image/tiff', data: bytes })], {}, new ToolNames()), /PNG, JPEG, GIF and WebP/);
      } finally {
        service.dispose();
      }
    });
  });

  describe('model information', () => {
    it('lists the catalog\'s chat models with limits and capabilities, leaving out image, embedding and InvokeModel-only models', async () => {
      const service = localService(local.lb);
      try {
        const catalog = await service.catalog();
        const infos = chatModelInfos(catalog.models, (m) => service.resolveInvocation(m), []);
        const ids = infos.map((i) => i.id);
        for (const id of ['anthropic.claude-3-haiku-20240307-v1:0', 'amazon.nova-pro-v1:0', 'meta.llama3-8b-instruct-v1:0', 'mistral.mistral-large-2402-v1:0', 'cohere.command-r-v1:0', 'ai21.jamba-1-5-mini-v1:0']) {
          assert.ok(ids.includes(id), `${id} missing from ${ids.join(', ')}`);
        }
        for (const id of ['amazon.nova-canvas-v1:0', 'amazon.titan-embed-text-v2:0', 'cohere.embed-english-v3', 'cohere.command-text-v14', 'stability.sd3-5-large-v1:0']) {
          assert.ok(!ids.includes(id), `${id} should not be listed`);
        }
        const haiku = infos.find((i) => i.id === 'anthropic.claude-3-haiku-20240307-v1:0')!;
        assert.deepEqual(
          { name: haiku.name, family: haiku.family, version: haiku.version, maxInputTokens: haiku.maxInputTokens, maxOutputTokens: haiku.maxOutputTokens, capabilities: haiku.capabilities, invocationId: haiku.invocationId, detail: haiku.detail },
          { name: 'Claude 3 Haiku', family: 'claude-3-haiku', version: '20240307-v1:0', maxInputTokens: 200_000, maxOutputTokens: 4096, capabilities: { imageInput: true, toolCalling: true }, invocationId: haiku.id, detail: 'Anthropic' },
        );
        const sonnet37 = infos.find((i) => i.id === 'anthropic.claude-3-7-sonnet-20250219-v1:0')!;
        assert.equal(sonnet37.invocationId, 'us.anthropic.claude-3-7-sonnet-20250219-v1:0', 'a profile-only model is called through its profile');
        assert.equal(sonnet37.detail, 'Anthropic · via us. profile');
        const titan = infos.find((i) => i.id === 'amazon.titan-text-express-v1')!;
        assert.deepEqual(titan.capabilities, { imageInput: false, toolCalling: false });
        assert.equal(titan.maxInputTokens, 8_000);
        const providers = infos.map((i) => i.detail?.split(' · ')[0] ?? '');
        assert.deepEqual(providers, [...providers].sort((a, b) => a.localeCompare(b)), 'grouped by provider');
        // In the eu regions the same model resolves to the eu. profile.
        const eu = chatModelInfos(catalog.models, (m) => ({ ...service.resolveInvocation(m), ...(m.id === sonnet37.id ? { invocationId: `eu.${m.id}`, via: 'profile' as const } : {}) }), []);
        assert.equal(eu.find((i) => i.id === sonnet37.id)?.detail, 'Anthropic · via eu. profile');
      } finally {
        service.dispose();
      }
    });

    it('reads family and version out of model ids', () => {
      assert.deepEqual(familyAndVersion('amazon.nova-pro-v1:0'), { family: 'nova-pro', version: 'v1:0' });
      assert.deepEqual(familyAndVersion('us.anthropic.claude-sonnet-4-5-20250929-v1:0'), { family: 'claude-sonnet-4-5', version: '20250929-v1:0' });
      assert.deepEqual(familyAndVersion('amazon.titan-text-express-v1'), { family: 'titan-text-express', version: 'v1' });
      assert.deepEqual(familyAndVersion('vendor.plain'), { family: 'plain', version: 'plain' });
    });

    it('hides models by id, by wildcard, or by name', () => {
      const m = { id: 'meta.llama3-8b-instruct-v1:0', name: 'Llama 3 8B Instruct' };
      assert.ok(isHidden(m, ['meta.llama3-8b-instruct-v1:0']));
      assert.ok(isHidden(m, ['meta.*']));
      assert.ok(isHidden(m, ['llama 3 8b instruct']));
      assert.ok(!isHidden(m, ['meta.llama3-8b', 'anthropic.*', '', '  ']));
      assert.ok(!isHidden(m, ['meta.llama3-8b-instruct-v1.0']), 'a dot in a pattern is a dot, not any character');
    });
  });

  describe('token estimate', () => {
    it('equals the input tokens the local endpoint reports, text, tool calls, tool results and images included', async () => {
      const service = localService(local.lb);
      try {
        const m = await model(service, 'anthropic.claude-3-haiku-20240307-v1:0');
        const tools = [{ name: 'lookup', description: 'Looks a word up.', inputSchema: { type: 'object', properties: { word: { type: 'string' } } } }];
        const messages: MessageLike[] = [
          { role: ROLE_SYSTEM, content: [text('You answer  in\tshort sentences.')] },
          user(text('Define "serendipity", please — with  an example.'), { mimeType: 'image/png', data: png(4, 4) }),
          assistant(text('Looking it up.'), call('c1', 'lookup', { word: 'serendipity', deep: { ok: true } })),
          user(result('c1', [text('the faculty of making happy discoveries by accident')]), text('and?')),
          assistant(call('c2', 'lookup', { word: 'x' })),
          user(result('c2', [])),
        ];
        const names = new ToolNames();
        const req = toToolChatRequest(m, m.id, messages, { tools, toolMode: 1 }, names);
        const { inputTokens } = await usageOf(service.toolChat(req));
        const estimate = messages.reduce((n, msg) => n + estimateTokens(msg, 'local'), 0);
        const toolDefinitions = tools.reduce((n, t) => n + textTokens(`${t.name} ${t.description} ${JSON.stringify(t.inputSchema)}`, 'local'), 0);
        assert.equal(estimate + toolDefinitions, inputTokens);
        assert.equal(estimateTokens('  two words ', 'local'), 2);
      } finally {
        service.dispose();
      }
    });

    it('on AWS, errs high: at least one token per 4 characters, 1,600 per image', () => {
      assert.equal(estimateTokens('a b c', 'aws'), 3);
      assert.equal(estimateTokens('x'.repeat(400), 'aws'), 100);
      assert.equal(estimateTokens(user({ mimeType: 'image/jpeg', data: new Uint8Array(3) }), 'aws'), 1600);
    });
  });
});

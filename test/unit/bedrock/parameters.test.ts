import * as assert from 'node:assert/strict';
import { buildInferenceRequest, parameterSpec } from '../../../src/bedrock/parameters';
import { claudeVersion } from '../../../src/bedrock/families/anthropic';
import type { ChatEvent, InferenceSettings } from '../../../src/bedrock/types';
import { collect, localService, model, useLocalBedrock } from './localEndpoint';

const text = (id: string) => ({ id, name: id, outputModalities: ['TEXT' as const] });

describe('bedrock/parameters', () => {
  describe('buildInferenceRequest (pure)', () => {
    it('keeps temperature and drops top-p for Claude 4.5 and later, saying why', () => {
      const r = buildInferenceRequest(text('us.anthropic.claude-sonnet-4-5-20250929-v1:0'), { temperature: 0.3, topP: 0.8 });
      assert.deepEqual(r.inferenceConfig, { temperature: 0.3 });
      assert.equal(r.adjustments.length, 1);
      assert.equal(r.adjustments[0]?.parameter, 'topP');
      assert.equal(r.adjustments[0]?.to, undefined);
      assert.match(r.adjustments[0]!.reason, /temperature and top-p together/);
      assert.deepEqual(parameterSpec(text('anthropic.claude-haiku-4-5-20251001-v1:0')).exclusive, [['temperature', 'topP']]);
    });

    it('sends both to Claude 3.x, with top_k under its own key and clamped to 0–500', () => {
      const r = buildInferenceRequest(text('anthropic.claude-3-5-sonnet-20241022-v2:0'), { temperature: 0.3, topP: 0.8, topK: 900, maxTokens: 100000 });
      assert.deepEqual(r.inferenceConfig, { temperature: 0.3, topP: 0.8, maxTokens: 8192 });
      assert.deepEqual(r.additionalModelRequestFields, { top_k: 500 });
      assert.deepEqual(r.adjustments.map((a) => [a.parameter, a.from, a.to]), [['topK', 900, 500], ['maxTokens', 100000, 8192]]);
    });

    it('puts Nova top-k in additionalModelRequestFields.inferenceConfig.topK and clamps temperature to 0–1', () => {
      const r = buildInferenceRequest(text('amazon.nova-pro-v1:0'), { temperature: 1.7, topK: 20 });
      assert.deepEqual(r.inferenceConfig, { temperature: 1 });
      assert.deepEqual(r.additionalModelRequestFields, { inferenceConfig: { topK: 20 } });
    });

    it('uses k for Cohere Command R and keeps its p within 0.01–0.99', () => {
      const r = buildInferenceRequest(text('cohere.command-r-plus-v1:0'), { topP: 1, topK: 10 });
      assert.deepEqual(r.inferenceConfig, { topP: 0.99 });
      assert.deepEqual(r.additionalModelRequestFields, { k: 10 });
    });

    for (const [id, why] of [
      ['amazon.titan-text-express-v1', /Titan Text/],
      ['meta.llama3-3-70b-instruct-v1:0', /Llama/],
      ['ai21.jamba-1-5-large-v1:0', /Jamba/],
      ['mistral.mistral-large-2402-v1:0', /Mistral Large/],
    ] as const) {
      it(`drops top-k for ${id}, with the reason`, () => {
        const r = buildInferenceRequest(text(id), { topK: 5, temperature: 0.2 });
        assert.equal(r.additionalModelRequestFields, undefined);
        assert.deepEqual(r.inferenceConfig, { temperature: 0.2 });
        assert.equal(r.adjustments[0]?.parameter, 'topK');
        assert.match(r.adjustments[0]!.reason, why);
      });
    }

    it('keeps top_k for the smaller Mistral models, within 1–200', () => {
      assert.deepEqual(buildInferenceRequest(text('mistral.mistral-7b-instruct-v0:2'), { topK: 0 }).additionalModelRequestFields, { top_k: 1 });
    });

    it('caps Llama at 2048 tokens and says so', () => {
      const r = buildInferenceRequest(text('meta.llama3-8b-instruct-v1:0'), { maxTokens: 4096 });
      assert.deepEqual(r.inferenceConfig, { maxTokens: 2048 });
      assert.match(r.adjustments[0]!.reason, /1–2048/);
    });

    it('drops what is not a number, rounds integers, trims stop sequences', () => {
      const r = buildInferenceRequest(text('anthropic.claude-3-haiku-20240307-v1:0'), {
        temperature: Number.NaN, topK: 3.6, maxTokens: 99.2, stopSequences: ['', 'END', ''],
      } as InferenceSettings);
      assert.deepEqual(r.inferenceConfig, { maxTokens: 99, stopSequences: ['END'] });
      assert.deepEqual(r.additionalModelRequestFields, { top_k: 4 });
      assert.deepEqual(r.adjustments.map((a) => a.parameter), ['temperature', 'topK', 'maxTokens', 'stopSequences']);
      const many = buildInferenceRequest(text('amazon.nova-lite-v1:0'), { stopSequences: ['a', 'b', 'c', 'd', 'e'] });
      assert.deepEqual(many.inferenceConfig.stopSequences, ['a', 'b', 'c', 'd']);
    });

    it('reports nothing when nothing changes, and sends nothing that was not asked for', () => {
      const r = buildInferenceRequest(text('amazon.nova-micro-v1:0'), {});
      assert.deepEqual(r, { inferenceConfig: {}, adjustments: [], values: {} });
    });

    it('reads Claude versions from every id form', () => {
      assert.equal(claudeVersion('anthropic.claude-3-5-sonnet-20240620-v1:0'), 3.5);
      assert.equal(claudeVersion('us.anthropic.claude-3-7-sonnet-20250219-v1:0'), 3.7);
      assert.equal(claudeVersion('anthropic.claude-sonnet-4-20250514-v1:0'), 4);
      assert.equal(claudeVersion('global.anthropic.claude-sonnet-4-5-20250929-v1:0'), 4.5);
      assert.equal(claudeVersion('anthropic.claude-opus-4-1-20250805-v1:0'), 4.1);
      assert.equal(claudeVersion('anthropic.claude-haiku-4-5-20251001-v1:0'), 4.5);
      assert.equal(claudeVersion('anthropic.claude-v2:1'), 2);
    });

    it('disables every text control for image and embedding models', () => {
      const spec = parameterSpec({ id: 'amazon.nova-canvas-v1:0', outputModalities: ['IMAGE'] });
      assert.equal(spec.temperature.supported, false);
      assert.equal(spec.systemPrompt.supported, false);
    });
  });

  describe('what Bedrock receives (local endpoint)', () => {
    const local = useLocalBedrock();
    const extreme: InferenceSettings = { temperature: 7, topP: 3, topK: 100000, maxTokens: 10_000_000, stopSequences: ['zzzz'] };

    it('sends a request every chat model accepts, whatever the settings, and exactly the body it announced', async () => {
      const service = localService(local.lb);
      try {
        const catalog = await service.catalog();
        const chatModels = catalog.models.filter((m) => m.outputModalities.includes('TEXT'));
        assert.ok(chatModels.length >= 15, `${chatModels.length} chat models`);
        for (const m of chatModels) {
          await local.control.reset();
          const { events, error } = await collect(service.chat({ model: m, messages: [{ role: 'user', text: 'Say hi' }], settings: extreme }));
          assert.equal(error, undefined, `${m.id}: ${String(error)}`);
          const request = events[0] as Extract<ChatEvent, { type: 'request' }>;
          const [received] = await local.control.runtimeRequests();
          assert.equal(received?.operation, request.request.operation, m.id);
          assert.equal(received?.modelId, request.request.modelId, m.id);
          assert.deepEqual(received?.body, request.request.body, `${m.id}: the body sent is the body announced`);
          assert.ok(request.adjustments.some((a) => a.parameter === 'maxTokens'), `${m.id}: maxTokens clamped`);
        }
      } finally {
        service.dispose();
      }
    });

    it('puts top-k where each family takes it', async () => {
      const service = localService(local.lb);
      try {
        const cases: Array<[string, unknown]> = [
          ['anthropic.claude-3-haiku-20240307-v1:0', { top_k: 40 }],
          ['amazon.nova-lite-v1:0', { inferenceConfig: { topK: 40 } }],
          ['cohere.command-r-v1:0', { k: 40 }],
          ['mistral.mixtral-8x7b-instruct-v0:1', { top_k: 40 }],
          ['mistral.mistral-large-2402-v1:0', undefined],
          ['meta.llama3-8b-instruct-v1:0', undefined],
        ];
        for (const [id, expected] of cases) {
          await local.control.reset();
          const { error } = await collect(service.chat({ model: await model(service, id), messages: [{ role: 'user', text: 'k?' }], settings: { topK: 40 } }));
          assert.equal(error, undefined, `${id}: ${String(error)}`);
          const [received] = await local.control.runtimeRequests();
          assert.deepEqual((received?.body as { additionalModelRequestFields?: unknown }).additionalModelRequestFields, expected, id);
        }
      } finally {
        service.dispose();
      }
    });

    it('sends Cohere Command (text) its own body through InvokeModelWithResponseStream', async () => {
      const service = localService(local.lb);
      try {
        const m = await model(service, 'cohere.command-text-v14');
        const { error } = await collect(service.chat({ model: m, system: 'Be brief.', messages: [{ role: 'user', text: 'Hello' }], settings: { temperature: 9, topP: 0.5, topK: 7, maxTokens: 40 } }));
        assert.equal(error, undefined, String(error));
        const [received] = await local.control.runtimeRequests();
        assert.equal(received?.operation, 'InvokeModelWithResponseStream');
        assert.deepEqual(received?.body, { prompt: 'Be brief.\n\nHello', max_tokens: 40, temperature: 5, p: 0.5, k: 7, stream: true });
      } finally {
        service.dispose();
      }
    });
  });
});

import * as assert from 'node:assert/strict';
import { addCachePoints, cachePlaces } from '../../../src/bedrock/cachePoints';
import { buildConverseInput } from '../../../src/bedrock/converseBody';
import { countsTokens, promptCacheSpec } from '../../../src/bedrock/families/promptCaching';
import { modelRules } from '../../../src/bedrock/families/registry';
import { buildInferenceRequest, parameterSpec } from '../../../src/bedrock/parameters';
import type { ChatEvent, ChatRequest, ModelRecord } from '../../../src/bedrock/types';
import { collect, localService, model, useLocalBedrock } from './localEndpoint';

// Prompt caching, the reasoning budget and CountTokens: the registry's rules (from AWS's tables), the
// request they build, and the round trip through the real SDK to the stand-in.

const text = (id: string) => ({ id, name: id, outputModalities: ['TEXT' as const] });
const record = (id: string): ModelRecord => ({
  id, arn: `arn:aws:bedrock:us-east-1::foundation-model/${id}`, name: id, provider: 'Anthropic', inputModalities: ['TEXT'], outputModalities: ['TEXT'],
  streaming: true, lifecycle: 'ACTIVE', inferenceTypes: ['ON_DEMAND'], profiles: [],
});

describe('prompt caching and reasoning: registry and requests', () => {
  it('knows which models cache, their minimum tokens and cache points, with sources', () => {
    assert.deepEqual(promptCacheSpec('us.anthropic.claude-3-7-sonnet-20250219-v1:0'), { minTokens: 1024, maxPoints: 4, fields: ['system', 'messages', 'tools'] });
    assert.equal(promptCacheSpec('anthropic.claude-3-5-haiku-20241022-v1:0')?.minTokens, 2048);
    assert.equal(promptCacheSpec('global.anthropic.claude-haiku-4-5-20251001-v1:0')?.minTokens, 4096);
    assert.deepEqual(promptCacheSpec('amazon.nova-lite-v1:0')?.fields, ['system', 'messages']);
    assert.equal(promptCacheSpec('anthropic.claude-3-haiku-20240307-v1:0'), undefined);
    assert.equal(promptCacheSpec('meta.llama3-8b-instruct-v1:0'), undefined);
    const rules = modelRules(text('anthropic.claude-3-7-sonnet-20250219-v1:0'));
    assert.match(rules.sources.promptCache ?? '', /prompt-caching\.html/);
    assert.match(rules.sources.countTokens ?? '', /count-tokens\.html/);
    assert.match(modelRules(text('amazon.nova-pro-v1:0')).sources.promptCache ?? '', /prompt-caching/);
  });

  it('knows which models count tokens', () => {
    assert.equal(countsTokens('us.anthropic.claude-3-7-sonnet-20250219-v1:0'), true);
    assert.equal(countsTokens('anthropic.claude-sonnet-4-20250514-v1:0'), true);
    assert.equal(countsTokens('amazon.nova-lite-v1:0'), false);
    assert.equal(modelRules(text('anthropic.claude-3-5-sonnet-20241022-v2:0')).countTokens, true);
  });

  it('gives Claude 3.7 to 4.6 a reasoning budget, and not Claude 3.5 or Opus 4.7', () => {
    assert.deepEqual(parameterSpec(text('anthropic.claude-3-7-sonnet-20250219-v1:0')).reasoning?.refuses, ['temperature', 'topP', 'topK']);
    assert.equal(parameterSpec(text('anthropic.claude-3-7-sonnet-20250219-v1:0')).reasoning?.min, 1024);
    assert.equal(parameterSpec(text('anthropic.claude-3-5-sonnet-20241022-v2:0')).reasoning, undefined);
    assert.equal(parameterSpec(text('anthropic.claude-opus-4-7')).reasoning, undefined);
  });

  it('sends the budget as thinking.budget_tokens within 1024 and max tokens, and drops what thinking refuses', () => {
    const r = buildInferenceRequest(text('anthropic.claude-3-7-sonnet-20250219-v1:0'), { reasoningBudget: 2000, maxTokens: 3000, temperature: 0.2, topK: 40 });
    assert.deepEqual(r.additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 2000 } });
    assert.deepEqual(r.inferenceConfig, { maxTokens: 3000 });
    assert.deepEqual(r.adjustments.map((a) => a.parameter).sort(), ['temperature', 'topK']);
    const low = buildInferenceRequest(text('anthropic.claude-3-7-sonnet-20250219-v1:0'), { reasoningBudget: 10, maxTokens: 3000 });
    assert.deepEqual(low.additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 1024 } });
    const high = buildInferenceRequest(text('anthropic.claude-3-7-sonnet-20250219-v1:0'), { reasoningBudget: 5000, maxTokens: 3000 });
    assert.deepEqual(high.additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 2999 } });
    assert.match(high.adjustments[0]!.reason, /at least 1024 and below max tokens \(3000\); sent 2999/);
    const none = buildInferenceRequest(text('anthropic.claude-3-7-sonnet-20250219-v1:0'), { reasoningBudget: 2000, maxTokens: 1000 });
    assert.equal(none.additionalModelRequestFields, undefined);
    assert.match(none.adjustments[0]!.reason, /max tokens above 1024/);
    const nova = buildInferenceRequest(text('amazon.nova-lite-v1:0'), { reasoningBudget: 2000 });
    assert.equal(nova.additionalModelRequestFields, undefined);
    assert.equal(nova.adjustments[0]?.parameter, 'reasoning');
  });

  it('places cache points after the system prompt and the last two user messages, within the limit', () => {
    const spec = { minTokens: 1024, maxPoints: 4, fields: ['system', 'messages', 'tools'] as const };
    assert.deepEqual(cachePlaces(spec, true, ['user', 'assistant', 'user', 'assistant', 'user']), { system: true, messages: [2, 4] });
    assert.deepEqual(cachePlaces({ ...spec, maxPoints: 2 }, true, ['user', 'assistant', 'user']), { system: true, messages: [2] });
    assert.deepEqual(cachePlaces({ ...spec, fields: ['messages'] }, true, ['user']), { system: false, messages: [0] });
    const system = [{ text: 's' }];
    const messages = [{ role: 'user', content: [{ text: 'a' } as unknown] }];
    addCachePoints(undefined, system, messages);
    assert.equal(system.length, 1);
  });

  it('builds a Converse input with cache points only when asked and the model takes them', () => {
    const request = (id: string, cachePrompt: boolean): ChatRequest => ({
      model: record(id), system: 'Long rules', settings: { cachePrompt },
      messages: [{ role: 'user', text: 'one' }, { role: 'assistant', text: 'two' }, { role: 'user', text: 'three' }],
    });
    const on = buildConverseInput(request('anthropic.claude-3-7-sonnet-20250219-v1:0', true), 'us.anthropic.claude-3-7-sonnet-20250219-v1:0');
    assert.deepEqual(on.input.system, [{ text: 'Long rules' }, { cachePoint: { type: 'default' } }]);
    assert.deepEqual(on.input.messages?.map((m) => m.content?.length), [2, 1, 2]);
    assert.deepEqual((on.record as { system: unknown }).system, on.input.system);
    const off = buildConverseInput(request('anthropic.claude-3-7-sonnet-20250219-v1:0', false), 'x');
    assert.deepEqual(off.input.system, [{ text: 'Long rules' }]);
    const refused = buildConverseInput(request('anthropic.claude-3-haiku-20240307-v1:0', true), 'x');
    assert.deepEqual(refused.input.system, [{ text: 'Long rules' }]);
    assert.equal(refused.adjustments[0]?.parameter, 'cachePrompt');
  });
});

describe('prompt caching and reasoning through the real SDK and the stand-in', () => {
  const local = useLocalBedrock();
  const usage = (events: ChatEvent[]) => events.find((e): e is Extract<ChatEvent, { type: 'usage' }> => e.type === 'usage');

  it('writes then reads a long system prompt, and streams reasoning with the budget sent', async () => {
    const service = localService(local.lb);
    try {
      const m = await model(service, 'anthropic.claude-3-7-sonnet-20250219-v1:0');
      const system = Array.from({ length: 1200 }, (_, i) => `rule${i}`).join(' ');
      const ask = (q: string) => collect(service.chat({ model: m, system, messages: [{ role: 'user', text: q }], settings: { cachePrompt: true } }));
      const first = await ask('first');
      assert.equal(first.error, undefined, String(first.error));
      assert.equal(usage(first.events)?.cacheWriteInputTokens, 1200);
      const second = await ask('second');
      assert.equal(usage(second.events)?.cacheReadInputTokens, 1200);

      const thinking = await collect(service.chat({ model: m, messages: [{ role: 'user', text: 'think first' }], settings: { reasoningBudget: 1500, maxTokens: 4000, temperature: 0.3 } }));
      assert.equal(thinking.error, undefined, String(thinking.error));
      assert.ok(thinking.events.some((e) => e.type === 'reasoning'));
      const sent = (await local.control.requestsOf('ConverseStream')).at(-1)!.body as { additionalModelRequestFields?: unknown; inferenceConfig?: unknown };
      assert.deepEqual(sent.additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 1500 } });
      assert.deepEqual(sent.inferenceConfig, { maxTokens: 4000 });
    } finally {
      service.dispose();
    }
  });
});

describe('CountTokens through the real SDK and the stand-in', () => {
  const local = useLocalBedrock();

  it('counts exactly for models that count, keeps counts per text, and answers undefined for the others', async () => {
    const service = localService(local.lb);
    try {
      const sonnet = await model(service, 'anthropic.claude-3-7-sonnet-20250219-v1:0');
      const input = { system: 'Be brief.', messages: [{ role: 'user' as const, text: 'How many tokens is this?' }] };
      assert.equal(await service.countTokens(sonnet, input), 7);
      assert.equal(await service.countTokens(sonnet, input), 7);
      const calls = await local.control.requestsOf('CountTokens');
      assert.equal(calls.length, 1, 'the second count came from the cache');
      assert.equal(calls[0]!.modelId, 'anthropic.claude-3-7-sonnet-20250219-v1:0', 'the bare model id, not a profile');
      const nova = await model(service, 'amazon.nova-lite-v1:0');
      assert.equal(await service.countTokens(nova, input), undefined);
    } finally {
      service.dispose();
    }
  });
});

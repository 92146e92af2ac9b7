import * as assert from 'node:assert/strict';
import { modelRules } from '../../../src/bedrock/families/registry';
import { buildInferenceRequest, parameterSpec } from '../../../src/bedrock/parameters';
import { inferenceSettings } from '../../../src/playground/chat/conversation';
import { isChatOptions, isParameterSpec } from '../../../src/protocol/chat';
import type { ChatEvent } from '../../../src/bedrock/types';
import { ConverseCommand, type ConverseCommandInput } from '@aws-sdk/client-bedrock-runtime';
import { collect, localService, model, useLocalBedrock } from './localEndpoint';
import { useLocalBedrock as useHarness, user } from '../localBedrock/harness';

// Reasoning by effort level (Nova 2's reasoningConfig, gpt-oss's reasoning_effort): the registry's rule
// with its source, the request it builds, and what the webview may send.

const text = (id: string) => ({ id, name: id, outputModalities: ['TEXT' as const] });

describe('reasoning effort: registry and requests', () => {
  it('gives Nova 2 and gpt-oss an effort control with its source, and not Nova 1, DeepSeek or Claude', () => {
    const nova2 = parameterSpec(text('us.amazon.nova-2-lite-v1:0')).reasoningEffort;
    assert.deepEqual(nova2, { levels: ['low', 'medium', 'high'], default: 'low', alwaysOn: false, wire: 'nova' });
    const gpt = parameterSpec(text('openai.gpt-oss-120b-1:0')).reasoningEffort;
    assert.deepEqual(gpt, { levels: ['low', 'medium', 'high'], default: 'medium', alwaysOn: true, wire: 'openai' });
    assert.match(modelRules(text('amazon.nova-2-lite-v1:0')).sources.reasoningEffort ?? '', /nova2-userguide\/extended-thinking/);
    assert.match(modelRules(text('openai.gpt-oss-20b-1:0')).sources.reasoningEffort ?? '', /model-parameters-openai/);
    assert.equal(modelRules(text('openai.gpt-oss-20b-1:0')).reasoning, true);
    assert.equal(modelRules(text('openai.gpt-oss-20b-1:0')).family, 'unknown', 'gpt-oss stays an unknown family for its limits');
    const opus47 = parameterSpec(text('global.anthropic.claude-opus-4-7')).reasoningEffort;
    assert.deepEqual(opus47, { levels: ['low', 'medium', 'high'], default: 'high', alwaysOn: false, wire: 'claude-adaptive' });
    assert.match(modelRules(text('anthropic.claude-opus-4-7')).sources.reasoningEffort ?? '', /claude-messages-adaptive-thinking/);
    for (const id of ['amazon.nova-lite-v1:0', 'deepseek.r1-v1:0', 'anthropic.claude-3-7-sonnet-20250219-v1:0', 'anthropic.claude-sonnet-4-5-20250929-v1:0']) {
      assert.equal(parameterSpec(text(id)).reasoningEffort, undefined, id);
    }
    assert.ok(isParameterSpec(parameterSpec(text('amazon.nova-2-lite-v1:0'))));
    // DeepSeek-R1 always reasons and has no setting: the panel says so instead of showing a control.
    const r1 = parameterSpec(text('us.deepseek.r1-v1:0'));
    assert.match(r1.reasoningAlwaysOn ?? '', /reasons on every request/);
    assert.ok(isParameterSpec(r1));
    assert.match(modelRules(text('deepseek.r1-v1:0')).sources.reasoning ?? '', /model-card-deepseek-deepseek-r1/);
    assert.equal(parameterSpec(text('deepseek.v3-v1:0')).reasoningAlwaysOn, undefined);
  });

  it('sends Nova 2 reasoningConfig beside top-k, and gpt-oss reasoning_effort, keeping the sampling parameters', () => {
    const nova = buildInferenceRequest(text('amazon.nova-2-lite-v1:0'), { reasoningEffort: 'medium', topK: 20, temperature: 0.5 });
    assert.deepEqual(nova.additionalModelRequestFields, { inferenceConfig: { topK: 20 }, reasoningConfig: { type: 'enabled', maxReasoningEffort: 'medium' } });
    assert.deepEqual(nova.inferenceConfig, { temperature: 0.5 });
    assert.deepEqual(nova.adjustments, []);
    const gpt = buildInferenceRequest(text('openai.gpt-oss-120b-1:0'), { reasoningEffort: 'high', maxTokens: 800 });
    assert.deepEqual(gpt.additionalModelRequestFields, { reasoning_effort: 'high' });
    assert.deepEqual(gpt.inferenceConfig, { maxTokens: 800 });
    const opus = buildInferenceRequest(text('anthropic.claude-opus-4-7'), { reasoningEffort: 'low', maxTokens: 2000 });
    assert.deepEqual(opus.additionalModelRequestFields, { thinking: { type: 'adaptive' }, output_config: { effort: 'low' } });
    const off = buildInferenceRequest(text('amazon.nova-2-lite-v1:0'), {});
    assert.equal(off.additionalModelRequestFields, undefined);
  });

  it('refuses an unknown level or a model without the control, and says why', () => {
    const bad = buildInferenceRequest(text('amazon.nova-2-lite-v1:0'), { reasoningEffort: 'max' });
    assert.equal(bad.additionalModelRequestFields, undefined);
    assert.match(bad.adjustments[0]!.reason, /one of low, medium, high; reasoning not requested/);
    const gpt = buildInferenceRequest(text('openai.gpt-oss-20b-1:0'), { reasoningEffort: 'none' });
    assert.match(gpt.adjustments[0]!.reason, /model's own default was used/);
    const nova1 = buildInferenceRequest(text('amazon.nova-pro-v1:0'), { reasoningEffort: 'low' });
    assert.equal(nova1.additionalModelRequestFields, undefined);
    assert.match(nova1.adjustments[0]!.reason, /takes no reasoning effort/);
  });

  it('carries the level from the chat options only for a model that takes it', () => {
    const options = { modelId: 'x', system: '', stopSequences: [], stream: true, chosen: [], reasoningEffort: 'high' };
    assert.ok(isChatOptions(options));
    assert.ok(!isChatOptions({ ...options, reasoningEffort: 3 }));
    assert.equal(inferenceSettings(options, parameterSpec(text('amazon.nova-2-lite-v1:0'))).reasoningEffort, 'high');
    assert.equal(inferenceSettings(options, parameterSpec(text('amazon.nova-lite-v1:0'))).reasoningEffort, undefined);
    assert.equal(inferenceSettings({ ...options, reasoningEffort: 'max' }, parameterSpec(text('openai.gpt-oss-20b-1:0'))).reasoningEffort, undefined);
  });
});

describe('reasoning effort through the real SDK and the stand-in', () => {
  const local = useLocalBedrock();
  const usage = (events: ChatEvent[]) => events.find((e): e is Extract<ChatEvent, { type: 'usage' }> => e.type === 'usage');
  const reasoning = (events: ChatEvent[]) => events.filter((e): e is Extract<ChatEvent, { type: 'reasoning' }> => e.type === 'reasoning').map((e) => e.text).join('');

  it('Nova 2 Lite: sends reasoningConfig, gets the reasoning redacted and billed', async () => {
    const service = localService(local.lb);
    try {
      const m = await model(service, 'amazon.nova-2-lite-v1:0');
      const on = await collect(service.chat({ model: m, messages: [{ role: 'user', text: 'think about it' }], settings: { reasoningEffort: 'medium', temperature: 0.5 } }));
      assert.equal(on.error, undefined, String(on.error));
      assert.equal(reasoning(on.events), '[REDACTED]');
      const sent = (await local.control.requestsOf('ConverseStream')).at(-1)!.body as { additionalModelRequestFields?: unknown; inferenceConfig?: unknown };
      assert.deepEqual(sent.additionalModelRequestFields, { reasoningConfig: { type: 'enabled', maxReasoningEffort: 'medium' } });
      assert.deepEqual(sent.inferenceConfig, { temperature: 0.5 });
      const off = await collect(service.chat({ model: m, messages: [{ role: 'user', text: 'think about it' }], settings: { temperature: 0.5 } }));
      assert.equal(reasoning(off.events), '');
      assert.ok(usage(on.events)!.outputTokens! > usage(off.events)!.outputTokens!, 'the redacted reasoning is still counted');
    } finally {
      service.dispose();
    }
  });

  it('Claude Opus 4.7: sends adaptive thinking with output_config.effort and streams the reasoning', async () => {
    const service = localService(local.lb);
    try {
      const m = await model(service, 'anthropic.claude-opus-4-7');
      const r = await collect(service.chat({ model: m, messages: [{ role: 'user', text: 'adapt please' }], settings: { reasoningEffort: 'medium', maxTokens: 3000 } }));
      assert.equal(r.error, undefined, String(r.error));
      assert.match(reasoning(r.events), /The user wrote: "adapt please"/);
      const sent = (await local.control.requestsOf('ConverseStream')).at(-1)!.body as { additionalModelRequestFields?: unknown };
      assert.deepEqual(sent.additionalModelRequestFields, { thinking: { type: 'adaptive' }, output_config: { effort: 'medium' } });
    } finally {
      service.dispose();
    }
  });

  it('gpt-oss: sends reasoning_effort and streams the reasoning', async () => {
    const service = localService(local.lb);
    try {
      const m = await model(service, 'openai.gpt-oss-20b-1:0');
      const r = await collect(service.chat({ model: m, messages: [{ role: 'user', text: 'reason please' }], settings: { reasoningEffort: 'high' } }));
      assert.equal(r.error, undefined, String(r.error));
      assert.match(reasoning(r.events), /The user wrote: "reason please"/);
      const sent = (await local.control.requestsOf('ConverseStream')).at(-1)!.body as { additionalModelRequestFields?: unknown };
      assert.deepEqual(sent.additionalModelRequestFields, { reasoning_effort: 'high' });
    } finally {
      service.dispose();
    }
  });

});

describe('the stand-in checks reasoning settings as Bedrock does', () => {
  const h = useHarness();

  it('refuses reasoningConfig on Nova 1 and an unknown level on Nova 2 or gpt-oss', async () => {
    const send = (modelId: string, fields: ConverseCommandInput['additionalModelRequestFields']) => h.runtime.send(new ConverseCommand({ modelId, messages: user('x'), additionalModelRequestFields: fields }));
    await assert.rejects(send('amazon.nova-lite-v1:0', { reasoningConfig: { type: 'enabled', maxReasoningEffort: 'low' } }), /extraneous key \[reasoningConfig\] is not permitted/);
    await assert.rejects(send('us.amazon.nova-2-lite-v1:0', { reasoningConfig: { type: 'enabled', maxReasoningEffort: 'max' } }), /maxReasoningEffort: "max" is not a valid enum value/);
    await assert.rejects(send('openai.gpt-oss-20b-1:0', { reasoning_effort: 'max' }), /reasoning_effort: "max" is not a valid enum value/);
    await assert.rejects(send('us.anthropic.claude-opus-4-7', { thinking: { type: 'enabled', budget_tokens: 2000 } }), /thinking.type: "enabled" is not supported for this model/);
  });
});

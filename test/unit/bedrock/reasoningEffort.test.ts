import * as assert from 'node:assert/strict';
import { modelRules } from '../../../src/bedrock/families/registry';
import { buildInferenceRequest, parameterSpec } from '../../../src/bedrock/parameters';
import { inferenceSettings } from '../../../src/playground/chat/conversation';
import { isChatOptions, isParameterSpec } from '../../../src/protocol/chat';

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
    for (const id of ['amazon.nova-lite-v1:0', 'deepseek.r1-v1:0', 'anthropic.claude-3-7-sonnet-20250219-v1:0', 'anthropic.claude-opus-4-7']) {
      assert.equal(parameterSpec(text(id)).reasoningEffort, undefined, id);
    }
    assert.ok(isParameterSpec(parameterSpec(text('amazon.nova-2-lite-v1:0'))));
  });

  it('sends Nova 2 reasoningConfig beside top-k, and gpt-oss reasoning_effort, keeping the sampling parameters', () => {
    const nova = buildInferenceRequest(text('amazon.nova-2-lite-v1:0'), { reasoningEffort: 'medium', topK: 20, temperature: 0.5 });
    assert.deepEqual(nova.additionalModelRequestFields, { inferenceConfig: { topK: 20 }, reasoningConfig: { type: 'enabled', maxReasoningEffort: 'medium' } });
    assert.deepEqual(nova.inferenceConfig, { temperature: 0.5 });
    assert.deepEqual(nova.adjustments, []);
    const gpt = buildInferenceRequest(text('openai.gpt-oss-120b-1:0'), { reasoningEffort: 'high', maxTokens: 800 });
    assert.deepEqual(gpt.additionalModelRequestFields, { reasoning_effort: 'high' });
    assert.deepEqual(gpt.inferenceConfig, { maxTokens: 800 });
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

import * as assert from 'node:assert/strict';
import { knownTextFamilies, modelRules } from '../../../src/bedrock/families/registry';
import { buildInferenceRequest, parameterSpec } from '../../../src/bedrock/parameters';
import { buildConverseInput } from '../../../src/bedrock/converseBody';
import { buildToolConverseInput } from '../../../src/bedrock/toolChat';
import { imageSpecFor } from '../../../src/bedrock/imageSpec';
import type { ChatRequest, ModelRecord } from '../../../src/bedrock/types';

// The model registry: the rules that real Bedrock enforces and an earlier version got wrong, each
// test named after its source; and the shape every family must keep (a source for each rule).

function text(id: string, extra: Partial<ModelRecord> = {}): ModelRecord {
  return {
    id, arn: `arn:aws:bedrock:us-east-1::foundation-model/${id}`, name: id, provider: 'p', inputModalities: ['TEXT'], outputModalities: ['TEXT'],
    streaming: true, lifecycle: 'ACTIVE', inferenceTypes: ['ON_DEMAND'], profiles: [], ...extra,
  };
}

describe('bedrock/families (the model registry)', () => {
  it('Claude 3.5 Sonnet v1 takes at most 4096 tokens, v2 8192 (real 400 "exceeds the model limit of 4096", vercel/ai#2772)', () => {
    assert.equal(parameterSpec(text('anthropic.claude-3-5-sonnet-20240620-v1:0')).maxTokens.max, 4096);
    assert.equal(parameterSpec(text('us.anthropic.claude-3-5-sonnet-20240620-v1:0')).maxTokens.max, 4096);
    assert.equal(parameterSpec(text('anthropic.claude-3-5-sonnet-20241022-v2:0')).maxTokens.max, 8192);
    const r = buildInferenceRequest(text('anthropic.claude-3-5-sonnet-20240620-v1:0'), { maxTokens: 8192 });
    assert.equal(r.inferenceConfig.maxTokens, 4096);
    assert.match(r.adjustments[0]!.reason, /1–4096/);
  });

  it('Claude Opus 4.1 refuses temperature with top P, like 4.5 (real 400 quoted in open-webui/functions#9)', () => {
    const spec = parameterSpec(text('us.anthropic.claude-opus-4-1-20250805-v1:0'));
    assert.deepEqual(spec.exclusive, [['temperature', 'topP']]);
    const r = buildInferenceRequest(text('anthropic.claude-opus-4-1-20250805-v1:0'), { temperature: 0.2, topP: 0.9 });
    assert.deepEqual(r.inferenceConfig, { temperature: 0.2 });
    // Opus 4 (not 4.1) has no such refusal on record.
    assert.deepEqual(parameterSpec(text('anthropic.claude-opus-4-20250514-v1:0')).exclusive, []);
  });

  it('Claude Opus 4.7 and later take no temperature, top P or top K (Bedrock model card for Opus 4.7, "parameters change")', () => {
    for (const id of ['global.anthropic.claude-opus-4-7', 'anthropic.claude-opus-4-7-20260416-v1:0', 'us.anthropic.claude-opus-4-8-20260901-v1:0']) {
      const spec = parameterSpec(text(id));
      assert.equal(spec.temperature.supported, false, id);
      assert.equal(spec.topP.supported, false, id);
      assert.equal(spec.topK.supported, false, id);
      assert.equal(spec.topKKey, undefined, id);
      const r = buildInferenceRequest(text(id), { temperature: 0.5, topP: 0.5, topK: 10, maxTokens: 100 });
      assert.deepEqual(r.inferenceConfig, { maxTokens: 100 }, id);
      assert.equal(r.additionalModelRequestFields, undefined, id);
      assert.deepEqual(r.adjustments.map((a) => a.parameter), ['temperature', 'topP', 'topK'], id);
    }
  });

  it('Titan Text takes one stop sequence, "|"… or "User:" (Titan Text parameters page; real 400 in boto/boto3#3993)', () => {
    const spec = parameterSpec(text('amazon.titan-text-express-v1'));
    assert.equal(spec.stopSequences.max, 1);
    const r = buildInferenceRequest(text('amazon.titan-text-express-v1'), { stopSequences: ['END', 'User:', '||'] });
    assert.deepEqual(r.inferenceConfig.stopSequences, ['User:']);
    assert.deepEqual(r.adjustments.map((a) => a.parameter), ['stopSequences', 'stopSequences']);
    assert.match(r.adjustments[0]!.reason, /"END"/);
    assert.match(r.adjustments[1]!.reason, /at most 1/);
    assert.equal(buildInferenceRequest(text('amazon.titan-text-express-v1'), { stopSequences: ['nope'] }).inferenceConfig.stopSequences, undefined);
  });

  it('Cohere Command (command-text) takes 4096 max tokens (Cohere Command parameters page), Command R 4000', () => {
    assert.equal(parameterSpec(text('cohere.command-text-v14')).maxTokens.max, 4096);
    assert.equal(parameterSpec(text('cohere.command-r-plus-v1:0')).maxTokens.max, 4000);
  });

  it('SDXL steps run 10–150 (Stability SDXL parameters page)', () => {
    const spec = imageSpecFor({ id: 'stability.stable-diffusion-xl-v1', name: 'SDXL' });
    assert.deepEqual([spec.steps?.min, spec.steps?.max], [10, 150]);
    assert.equal(imageSpecFor({ id: 'amazon.nova-canvas-v1:0', name: 'Nova Canvas' }).seed.max, 858_993_459);
  });

  it('a model no family knows gets the conservative request and says its limits are unknown', () => {
    for (const id of ['openai.gpt-oss-120b-1:0', 'qwen.qwen3-32b-v1:0', 'newcorp.model-x-v1:0']) {
      const rules = modelRules(text(id));
      assert.equal(rules.known, false, id);
      assert.equal(rules.family, 'unknown', id);
      assert.equal(rules.chatApi, 'converse', id);
      assert.equal(rules.parameters.limitsKnown, false, id);
      assert.equal(rules.contextWindow, undefined, id);
      assert.deepEqual(rules.tools, { tools: false, streaming: false }, id);
      assert.match(rules.parameters.maxTokens.note ?? '', /not known/);
      const r = buildInferenceRequest(text(id), { temperature: 0.4, topP: 0.9, topK: 40, maxTokens: 900, stopSequences: ['x'] });
      assert.deepEqual(r.inferenceConfig, { temperature: 0.4, topP: 0.9, maxTokens: 900, stopSequences: ['x'] }, id);
      assert.equal(r.additionalModelRequestFields, undefined, id);
    }
  });

  it('every family names a source for each rule it states, and known text families stay known', () => {
    const samples = [
      'anthropic.claude-3-haiku-20240307-v1:0', 'anthropic.claude-opus-4-7', 'amazon.nova-pro-v1:0', 'amazon.titan-text-express-v1', 'meta.llama3-8b-instruct-v1:0',
      'mistral.mistral-7b-instruct-v0:2', 'cohere.command-r-v1:0', 'cohere.command-text-v14', 'ai21.jamba-1-5-mini-v1:0', 'ai21.j2-ultra-v1', 'deepseek.r1-v1:0',
    ];
    const seen = new Set<string>();
    for (const id of samples) {
      const rules = modelRules(text(id));
      seen.add(rules.family);
      assert.equal(rules.known, true, id);
      assert.equal(rules.parameters.limitsKnown, true, id);
      for (const rule of ['parameters', 'maxTokens'] as const) assert.ok(rules.sources[rule], `${id}: no source for ${rule}`);
      if (rules.contextWindow !== undefined) assert.ok(rules.sources.contextWindow, `${id}: context window without a source`);
      if (rules.tools.tools) assert.ok(rules.sources.tools, `${id}: tools without a source`);
      for (const s of Object.values(rules.sources)) assert.ok(typeof s === 'string' && s.length > 10, `${id}: empty source`);
    }
    assert.equal(seen.size, knownTextFamilies().length, 'a sample per family');
    for (const id of ['amazon.nova-canvas-v1:0', 'stability.stable-diffusion-xl-v1', 'amazon.titan-image-generator-v2:0']) {
      assert.ok(modelRules({ id, outputModalities: ['IMAGE'] }).sources.image, id);
    }
    assert.ok(modelRules({ id: 'amazon.titan-embed-text-v2:0', outputModalities: ['EMBEDDING'] }).sources.embedding);
  });
});

describe('bedrock/converseBody and toolChat: no blank text block reaches Bedrock', () => {
  // Real 400: "The text field in the ContentBlock object at messages.N.content.M is blank"
  // (aws-samples/bedrock-engineer#8, langchain-ai/langchainjs#8618).
  const blank = (body: unknown) => JSON.stringify(body).match(/"text":"\s*"/g) ?? [];

  it('a turn with only whitespace text sends no blank block (chat)', () => {
    const request: ChatRequest = {
      model: text('anthropic.claude-3-haiku-20240307-v1:0', { inputModalities: ['TEXT', 'IMAGE'] }),
      messages: [
        { role: 'user', text: 'hi' }, { role: 'assistant', text: '   \n' },
        { role: 'user', text: '  ', images: [{ format: 'png', base64: 'iVBORw0KGgo=' }] },
      ],
      settings: {},
    };
    const { record } = buildConverseInput(request, request.model.id);
    assert.deepEqual(blank(record), []);
    const messages = (record as { messages: Array<{ content: unknown[] }> }).messages;
    assert.deepEqual(messages[1]!.content, [{ text: '(no text)' }]);
    assert.equal(messages[2]!.content.length, 1, 'the image alone');
  });

  it('blank text parts are left out of content-block messages (VS Code chat provider)', () => {
    const { record } = buildToolConverseInput({
      model: text('anthropic.claude-3-haiku-20240307-v1:0'),
      messages: [
        { role: 'user', content: [{ type: 'text', text: ' ' }, { type: 'text', text: 'question' }] },
        { role: 'assistant', content: [{ type: 'text', text: '' }] },
        { role: 'user', content: [{ type: 'text', text: 'again' }] },
      ],
      settings: {},
    }, 'm');
    assert.deepEqual(blank(record), []);
    const messages = (record as { messages: Array<{ content: unknown[] }> }).messages;
    assert.deepEqual(messages[0]!.content, [{ text: 'question' }]);
    assert.deepEqual(messages[1]!.content, [{ text: '(no text)' }]);
  });
});

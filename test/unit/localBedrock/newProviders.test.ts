// Providers the product has no model family for: OpenAI gpt-oss (AWS user guide, "OpenAI models")
// and Qwen3 32B (Bedrock model card as quoted in braintrustdata/braintrust-proxy#550 and #629).
import * as assert from 'node:assert/strict';
import { ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';
import { ConverseCommand, ConverseStreamCommand, InvokeModelCommand, InvokeModelWithResponseStreamCommand, type ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { countTokens } from '../../localBedrock/tokens';
import { rejection, useLocalBedrock, user } from './harness';

type Json = Record<string, unknown>;
const gpt120 = 'openai.gpt-oss-120b-1:0';
const gpt20 = 'openai.gpt-oss-20b-1:0';
const qwen = 'qwen.qwen3-32b-v1:0';

describe('local Bedrock: OpenAI gpt-oss and Qwen3', () => {
  const h = useLocalBedrock();
  const invoke = async (modelId: string, body: unknown): Promise<Json> => {
    const res = await h.runtime.send(new InvokeModelCommand({ modelId, body: JSON.stringify(body), contentType: 'application/json' }));
    return JSON.parse(Buffer.from(res.body).toString('utf8')) as Json;
  };

  it('lists gpt-oss-120b, gpt-oss-20b and Qwen3 32B: text in and out, ON_DEMAND, streaming', async () => {
    const { modelSummaries = [] } = await h.control.send(new ListFoundationModelsCommand({}));
    for (const [id, provider] of [[gpt120, 'OpenAI'], [gpt20, 'OpenAI'], [qwen, 'Qwen']] as const) {
      const m = modelSummaries.find((s) => s.modelId === id);
      assert.equal(m?.providerName, provider, id);
      assert.deepEqual([m?.inputModalities, m?.outputModalities, m?.inferenceTypesSupported, m?.responseStreamingSupported], [['TEXT'], ['TEXT'], ['ON_DEMAND'], true], id);
    }
    const openai = (await h.control.send(new ListFoundationModelsCommand({ byProvider: 'openai' }))).modelSummaries ?? [];
    assert.deepEqual(openai.map((m) => m.modelId).sort(), [gpt120, gpt20]);
  });

  it('Converse chats with gpt-oss: system prompt, inferenceConfig, other Chat Completions fields in additionalModelRequestFields', async () => {
    const ask = () => h.runtime.send(new ConverseCommand({
      modelId: gpt120, messages: user('hello oss'), system: [{ text: 'You are terse.' }],
      inferenceConfig: { maxTokens: 300, temperature: 0.4, topP: 0.9 }, additionalModelRequestFields: { reasoning_effort: 'low' },
    }));
    const res = await ask();
    const text = res.output?.message?.content?.find((b) => b.text !== undefined)?.text ?? '';
    assert.match(text, /gpt-oss-120b/);
    assert.match(text, /^> hello oss$/m);
    assert.match(text, /^- reasoning_effort: low$/m);
    assert.equal(res.usage?.inputTokens, countTokens('hello oss') + countTokens('You are terse.'));
    assert.equal((await ask()).output?.message?.content?.find((b) => b.text !== undefined)?.text, text, 'deterministic');
    const err = await rejection(() => h.runtime.send(new ConverseCommand({ modelId: gpt20, messages: user('x'), additionalModelRequestFields: { top_k: 5 } })));
    assert.match(err.message, /extraneous key \[top_k\] is not permitted/);
  });

  it('ConverseStream streams gpt-oss and Qwen like the other models', async () => {
    for (const modelId of [gpt20, qwen]) {
      const res = await h.runtime.send(new ConverseStreamCommand({ modelId, messages: user('stream me'), inferenceConfig: { maxTokens: 20 } }));
      const events: ConverseStreamOutput[] = [];
      for await (const e of res.stream ?? []) events.push(e);
      assert.equal(events.at(-2)?.messageStop?.stopReason, 'max_tokens', modelId);
      assert.equal(countTokens(events.map((e) => e.contentBlockDelta?.delta?.text ?? '').join('')), 20, modelId);
    }
  });

  it('InvokeModel takes the Chat Completions body; the reasoning comes first in <reasoning> tags', async () => {
    const res = await invoke(gpt120, { messages: [{ role: 'developer', content: 'Be brief.' }, { role: 'user', content: 'invoke oss' }], max_completion_tokens: 60 });
    assert.equal(res.object, 'chat.completion');
    const choice = (res.choices as Json[])[0]!;
    const content = (choice.message as Json).content as string;
    assert.match(content, /^<reasoning>The user wrote: "invoke oss"\..*<\/reasoning>/);
    assert.equal(choice.finish_reason, 'length');
    assert.deepEqual(res.usage, { prompt_tokens: 4, completion_tokens: 60, total_tokens: 64 });
  });

  it('InvokeModel checks the body: model must match the path, stream must be false (wordings unconfirmed)', async () => {
    const body = { messages: [{ role: 'user', content: 'x' }] };
    assert.match((await rejection(() => invoke(gpt120, { ...body, model: gpt20 }))).message, /does not match the model ID/);
    assert.match((await rejection(() => invoke(gpt120, { ...body, stream: true }))).message, /stream field must be false/);
    assert.match((await rejection(() => invoke(gpt120, { ...body, temperature: 2.5 }))).message, /#\/temperature: 2\.5 is not less or equal to 2/);
    await invoke(gpt120, { ...body, model: gpt120, stream: false, temperature: 1.5 });
  });

  it('InvokeModelWithResponseStream on gpt-oss: "The model is unsupported for streaming." (aws-samples/amazon-bedrock-client-for-mac#112)', async () => {
    const err = await rejection(() => h.runtime.send(new InvokeModelWithResponseStreamCommand({ modelId: gpt20, body: JSON.stringify({ messages: [{ role: 'user', content: 'x' }] }) })));
    assert.equal(err.name, 'ValidationException');
    assert.equal(err.message, 'The model is unsupported for streaming.');
  });

  it('Qwen3 32B: Converse with an 8K output limit', async () => {
    const res = await h.runtime.send(new ConverseCommand({ modelId: qwen, messages: user('hello qwen'), inferenceConfig: { maxTokens: 8192 } }));
    assert.match(res.output?.message?.content?.[0]?.text ?? '', /Qwen3 32B/);
    const err = await rejection(() => h.runtime.send(new ConverseCommand({ modelId: qwen, messages: user('x'), inferenceConfig: { maxTokens: 8193 } })));
    assert.match(err.message, /model limit of 8192/);
  });
});

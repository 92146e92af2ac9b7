import * as assert from 'node:assert/strict';
import { InvokeModelCommand, InvokeModelWithResponseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { countTokens } from '../../localBedrock/tokens';
import { rejection, useLocalBedrock } from './harness';

type Json = Record<string, unknown>;

describe('local Bedrock InvokeModel with text models’ own bodies', () => {
  const h = useLocalBedrock();
  const invoke = async (modelId: string, body: unknown): Promise<Json> => {
    const res = await h.runtime.send(new InvokeModelCommand({ modelId, body: JSON.stringify(body), contentType: 'application/json', accept: 'application/json' }));
    return JSON.parse(Buffer.from(res.body).toString('utf8')) as Json;
  };
  const chunks = async (modelId: string, body: unknown): Promise<Json[]> => {
    const res = await h.runtime.send(new InvokeModelWithResponseStreamCommand({ modelId, body: JSON.stringify(body), contentType: 'application/json' }));
    const out: Json[] = [];
    for await (const e of res.body ?? []) if (e.chunk?.bytes) out.push(JSON.parse(Buffer.from(e.chunk.bytes).toString('utf8')) as Json);
    return out;
  };

  // For each family: a body, how to read the text and the stop reason, and how to rebuild the text from its chunks.
  const cases: { name: string; modelId: string; body: Json; text: (r: Json) => string; stop: (r: Json) => unknown; cut: string; delta: (c: Json) => string }[] = [
    { name: 'Cohere command-text-v14 (legacy)', modelId: 'cohere.command-text-v14', body: { prompt: 'legacy hello', max_tokens: 9 },
      text: (r) => (r.generations as Json[])[0]!.text as string, stop: (r) => (r.generations as Json[])[0]!.finish_reason, cut: 'MAX_TOKENS', delta: (c) => (c.is_finished ? '' : c.text as string) },
    { name: 'Titan Text', modelId: 'amazon.titan-text-express-v1', body: { inputText: 'titan hello', textGenerationConfig: { maxTokenCount: 9 } },
      text: (r) => (r.results as Json[])[0]!.outputText as string, stop: (r) => (r.results as Json[])[0]!.completionReason, cut: 'LENGTH', delta: (c) => c.outputText as string },
    { name: 'Meta Llama', modelId: 'us.meta.llama3-3-70b-instruct-v1:0', body: { prompt: 'llama hello', max_gen_len: 9 },
      text: (r) => r.generation as string, stop: (r) => r.stop_reason, cut: 'length', delta: (c) => c.generation as string },
    { name: 'Mistral', modelId: 'mistral.mistral-7b-instruct-v0:2', body: { prompt: '<s>[INST] mistral hello [/INST]', max_tokens: 9, top_k: 50 },
      text: (r) => (r.outputs as Json[])[0]!.text as string, stop: (r) => (r.outputs as Json[])[0]!.stop_reason, cut: 'length', delta: (c) => (c.outputs as Json[])[0]!.text as string },
    { name: 'Cohere Command R+', modelId: 'cohere.command-r-plus-v1:0', body: { message: 'cohere hello', max_tokens: 9, k: 10 },
      text: (r) => r.text as string, stop: (r) => r.finish_reason, cut: 'MAX_TOKENS', delta: (c) => (c.event_type === 'text-generation' ? c.text as string : '') },
    { name: 'AI21 Jamba', modelId: 'ai21.jamba-1-5-large-v1:0', body: { messages: [{ role: 'user', content: 'jamba hello' }], max_tokens: 9 },
      text: (r) => ((r.choices as Json[])[0]!.message as Json).content as string, stop: (r) => (r.choices as Json[])[0]!.finish_reason, cut: 'length',
      delta: (c) => (((c.choices as Json[])[0]!.delta as Json).content as string | undefined) ?? '' },
    { name: 'Anthropic messages', modelId: 'anthropic.claude-3-haiku-20240307-v1:0', body: { anthropic_version: 'bedrock-2023-05-31', max_tokens: 9, messages: [{ role: 'user', content: 'claude hello' }] },
      text: (r) => (r.content as Json[])[0]!.text as string, stop: (r) => r.stop_reason, cut: 'max_tokens',
      delta: (c) => (c.type === 'content_block_delta' ? (c.delta as Json).text as string : '') },
    { name: 'Amazon Nova', modelId: 'amazon.nova-lite-v1:0', body: { schemaVersion: 'messages-v1', messages: [{ role: 'user', content: [{ text: 'nova hello' }] }], inferenceConfig: { max_new_tokens: 9 } },
      text: (r) => (((r.output as Json).message as Json).content as Json[])[0]!.text as string, stop: (r) => r.stopReason, cut: 'max_tokens',
      delta: (c) => (((c.contentBlockDelta as Json | undefined)?.delta as Json | undefined)?.text as string | undefined) ?? '' },
  ];

  for (const c of cases) {
    it(`${c.name}: its own response shape, cut at its max tokens, and the same text streamed`, async () => {
      const res = await invoke(c.modelId, c.body);
      const text = c.text(res);
      assert.match(text, /local stand-in/);
      assert.equal(countTokens(text), 9);
      assert.equal(c.stop(res), c.cut);
      const streamed = await chunks(c.modelId, c.body);
      assert.equal(streamed.map(c.delta).join(''), text);
      const metrics = streamed.at(-1)!['amazon-bedrock-invocationMetrics'] as Json;
      assert.equal(metrics.outputTokenCount, 9);
      assert.equal(metrics.inputTokenCount, c.name === 'Mistral' ? 4 : 2, 'input tokens = whitespace-separated words of the prompt');
    });
  }

  it('quotes the prompt, finishes COMPLETE when not cut, and logs the body as sent', async () => {
    const res = await h.runtime.send(new InvokeModelCommand({ modelId: 'cohere.command-text-v14', body: JSON.stringify({ prompt: 'count these four words', max_tokens: 400 }) }));
    const body = JSON.parse(Buffer.from(res.body).toString('utf8')) as Json;
    const text = (body.generations as Json[])[0]!.text as string;
    assert.match(text, /^> count these four words$/m);
    assert.equal((body.generations as Json[])[0]!.finish_reason, 'COMPLETE');
    const log = await h.requests();
    assert.deepEqual(log.at(-1)!.body, { prompt: 'count these four words', max_tokens: 400 });
  });

  it("validates each family's body with Bedrock's schema messages", async () => {
    const refused = async (modelId: string, body: unknown) => {
      const err = await rejection(() => invoke(modelId, body));
      assert.equal(err.name, 'ValidationException');
      return err.message;
    };
    assert.equal(await refused('cohere.command-text-v14', { max_tokens: 5 }), 'Malformed input request: #: required key [prompt] not found, please reformat your input and try again.');
    assert.match(await refused('amazon.titan-text-express-v1', { inputText: 'x', textGenerationConfig: { temperature: 2 } }), /#\/textGenerationConfig\/temperature: 2 is not less or equal to 1/);
    assert.match(await refused('mistral.mistral-large-2402-v1:0', { prompt: 'x', top_k: 5 }), /extraneous key \[top_k\]/);
    assert.match(await refused('us.meta.llama3-1-8b-instruct-v1:0', { prompt: 'x', max_gen_len: 4096 }), /max_gen_len: 4096 is not less or equal to 2048/);
    assert.match(await refused('anthropic.claude-3-haiku-20240307-v1:0', { max_tokens: 5, messages: [] }), /required key \[anthropic_version\]/);
    assert.equal(await refused('global.anthropic.claude-sonnet-4-5-20250929-v1:0', { anthropic_version: 'bedrock-2023-05-31', max_tokens: 5, temperature: 0.1, top_p: 0.5, messages: [{ role: 'user', content: 'x' }] }),
      '`temperature` and `top_p` cannot both be specified for this model. Please use only one.');
    assert.match(await refused('meta.llama3-1-8b-instruct-v1:0', { prompt: 'x' }), /on-demand throughput isn't supported/);
    assert.match(await refused('amazon.nova-micro-v1:0', 'not an object'), /Malformed input request/);
  });

  it('refuses streaming from a model that does not stream', async () => {
    const err = await rejection(() => chunks('amazon.titan-embed-text-v2:0', { inputText: 'x' }));
    assert.equal(err.name, 'ValidationException');
  });
});

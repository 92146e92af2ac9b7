import * as assert from 'node:assert/strict';
import { ConverseCommand, ConverseStreamCommand, type ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { countTokens } from '../../localBedrock/tokens';
import { useLocalBedrock, user } from './harness';

async function collect(stream: AsyncIterable<ConverseStreamOutput> | undefined): Promise<ConverseStreamOutput[]> {
  const out: ConverseStreamOutput[] = [];
  for await (const e of stream ?? []) out.push(e);
  return out;
}

describe('local Bedrock Converse and ConverseStream', () => {
  const h = useLocalBedrock();
  const haiku = 'anthropic.claude-3-haiku-20240307-v1:0';

  it('replies in markdown that quotes the message, names the model and the parameters', async () => {
    const res = await h.runtime.send(new ConverseCommand({
      modelId: haiku, messages: user('Explain **monads**\nin two lines'), system: [{ text: 'Be brief.' }],
      inferenceConfig: { temperature: 0.3, topP: 0.8, maxTokens: 800 }, additionalModelRequestFields: { top_k: 40 },
    }));
    const text = res.output?.message?.content?.[0]?.text ?? '';
    assert.match(text, /Claude 3 Haiku/);
    assert.match(text, /anthropic\.claude-3-haiku-20240307-v1:0/);
    assert.match(text, /^> Explain \*\*monads\*\*\n> in two lines$/m);
    assert.match(text, /^- temperature: 0\.3$/m);
    assert.match(text, /^- topP: 0\.8$/m);
    assert.match(text, /^- top_k: 40$/m);
    assert.match(text, /^```ts\n[\s\S]+\n```$/m);
    assert.match(text, /^\|---\|---\|$/m);
    assert.equal(res.stopReason, 'end_turn');
    assert.deepEqual(res.usage, { inputTokens: countTokens('Explain **monads**\nin two lines') + countTokens('Be brief.'), outputTokens: countTokens(text), totalTokens: res.usage!.inputTokens! + countTokens(text) });
    assert.equal(typeof res.metrics?.latencyMs, 'number');
  });

  it('is deterministic and changes with the request', async () => {
    const ask = async (q: string) => (await h.runtime.send(new ConverseCommand({ modelId: haiku, messages: user(q) }))).output?.message?.content?.[0]?.text;
    assert.equal(await ask('same'), await ask('same'));
    assert.notEqual(await ask('one'), await ask('two'));
  });

  it('cuts at maxTokens with stop reason max_tokens and matching usage', async () => {
    const res = await h.runtime.send(new ConverseCommand({ modelId: haiku, messages: user('hello'), inferenceConfig: { maxTokens: 7 } }));
    assert.equal(res.stopReason, 'max_tokens');
    assert.equal(res.usage?.outputTokens, 7);
    assert.equal(countTokens(res.output?.message?.content?.[0]?.text ?? ''), 7);
  });

  it('writes at length when asked for a long answer, until maxTokens', async () => {
    const res = await h.runtime.send(new ConverseCommand({ modelId: 'amazon.nova-pro-v1:0', messages: user('write a long essay'), inferenceConfig: { maxTokens: 3000 } }));
    assert.equal(res.stopReason, 'max_tokens');
    assert.equal(res.usage?.outputTokens, 3000);
  });

  it('stops at a stop sequence', async () => {
    const res = await h.runtime.send(new ConverseCommand({ modelId: haiku, messages: user('alpha STOPHERE omega'), inferenceConfig: { stopSequences: ['STOPHERE'] } }));
    assert.equal(res.stopReason, 'stop_sequence');
    const text = res.output?.message?.content?.[0]?.text ?? '';
    assert.ok(text.endsWith('> alpha '), text);
    assert.equal(res.usage?.outputTokens, countTokens(text));
  });

  it('streams messageStart, 1–3 token deltas, stop, metadata — the same text as Converse', async () => {
    const req = { modelId: haiku, messages: user('stream this please'), inferenceConfig: { maxTokens: 60 } };
    const whole = await h.runtime.send(new ConverseCommand(req));
    const events = await collect((await h.runtime.send(new ConverseStreamCommand(req))).stream);
    const kinds = events.map((e) => Object.keys(e).find((k) => k !== '$unknown'));
    assert.equal(kinds[0], 'messageStart');
    assert.deepEqual(kinds.slice(-3), ['contentBlockStop', 'messageStop', 'metadata']);
    const deltas = events.flatMap((e) => (e.contentBlockDelta?.delta?.text !== undefined ? [e.contentBlockDelta.delta.text] : []));
    assert.ok(deltas.every((d) => countTokens(d) >= 1 && countTokens(d) <= 3));
    assert.equal(deltas.join(''), whole.output?.message?.content?.[0]?.text);
    const meta = events.at(-1)?.metadata;
    assert.deepEqual(meta?.usage, whole.usage);
    assert.equal(typeof meta?.metrics?.latencyMs, 'number');
    assert.equal(events.at(-2)?.messageStop?.stopReason, 'max_tokens');
  });

  it('streams reasoning deltas first when extended thinking is enabled', async () => {
    const events = await collect((await h.runtime.send(new ConverseStreamCommand({
      modelId: 'us.anthropic.claude-3-7-sonnet-20250219-v1:0', messages: user('think'), inferenceConfig: { maxTokens: 2000 },
      additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
    }))).stream);
    const reasoning = events.filter((e) => e.contentBlockDelta?.delta?.reasoningContent?.text !== undefined);
    const firstText = events.findIndex((e) => e.contentBlockDelta?.delta?.text !== undefined);
    assert.ok(reasoning.length > 0 && events.indexOf(reasoning.at(-1)!) < firstText);
    assert.ok(events.some((e) => e.contentBlockDelta?.delta?.reasoningContent?.signature));
    assert.equal(events[firstText]?.contentBlockDelta?.contentBlockIndex, 1);
  });

  it('returns a canned reply from /_local/reply the given number of times', async () => {
    const hostile = '<img src=x onerror=alert(1)> **bold**';
    await h.local('POST', 'reply', { text: hostile, times: 2 });
    const texts: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await h.runtime.send(new ConverseCommand({ modelId: haiku, messages: user('x') }));
      texts.push(r.output?.message?.content?.[0]?.text ?? '');
    }
    assert.deepEqual(texts.slice(0, 2), [hostile, hostile]);
    assert.notEqual(texts[2], hostile);
  });

  it('keeps streaming the same text at a set rate (/_local/config)', async () => {
    assert.deepEqual(await h.local('POST', 'config', { tokensPerSecond: 5000 }), { tokensPerSecond: 5000 });
    const events = await collect((await h.runtime.send(new ConverseStreamCommand({ modelId: haiku, messages: user('paced'), inferenceConfig: { maxTokens: 30 } }))).stream);
    const text = events.map((e) => e.contentBlockDelta?.delta?.text ?? '').join('');
    assert.equal(countTokens(text), 30);
    assert.deepEqual(await h.local('GET', 'config'), { tokensPerSecond: 5000 });
  });

  it('logs the parsed body with images elided to their length', async () => {
    await h.runtime.send(new ConverseCommand({
      modelId: haiku, messages: [{ role: 'user', content: [{ text: 'see' }, { image: { format: 'png', source: { bytes: new Uint8Array(3000) } } }] }],
    }));
    const [entry] = await h.requests();
    const content = (entry!.body.messages as { content: { image?: { source: { bytes: string } } }[] }[])[0]!.content;
    assert.match(content[1]!.image!.source.bytes, /^<\d+ chars>$/);
  });
});

import * as assert from 'node:assert/strict';
import { ConverseCommand, ConverseStreamCommand, CountTokensCommand, type Message } from '@aws-sdk/client-bedrock-runtime';
import { countTokens } from '../../localBedrock/tokens';
import { useLocalBedrock } from './harness';

// Prompt caching (cachePoint), the thinking budget and CountTokens on the stand-in, through the real SDK.

const sonnet37 = 'us.anthropic.claude-3-7-sonnet-20250219-v1:0';
const words = (n: number, seed = 'w'): string => Array.from({ length: n }, (_, i) => `${seed}${i}`).join(' ');
const ask = (text: string): Message[] => [{ role: 'user', content: [{ text }] }];

describe('local Bedrock prompt caching, thinking budget and CountTokens', () => {
  const h = useLocalBedrock();
  beforeEach(() => h.local('DELETE', 'cache'));

  it('writes a long system prompt to the cache on the first call and reads it on the second', async () => {
    const system = [{ text: words(1500) }, { cachePoint: { type: 'default' as const } }];
    const first = await h.runtime.send(new ConverseCommand({ modelId: sonnet37, system, messages: ask('first question') }));
    assert.equal(first.usage?.cacheWriteInputTokens, 1500);
    assert.equal(first.usage?.cacheReadInputTokens, 0);
    assert.equal(first.usage?.inputTokens, countTokens('first question'));
    const second = await h.runtime.send(new ConverseCommand({ modelId: sonnet37, system, messages: ask('another question here') }));
    assert.equal(second.usage?.cacheReadInputTokens, 1500);
    assert.equal(second.usage?.cacheWriteInputTokens, 0);
    assert.equal(second.usage?.inputTokens, countTokens('another question here'));
  });

  it('reports cache tokens in the ConverseStream metadata event too', async () => {
    const system = [{ text: words(1100, 's') }, { cachePoint: { type: 'default' as const } }];
    const usage = async () => {
      const res = await h.runtime.send(new ConverseStreamCommand({ modelId: sonnet37, system, messages: ask('hi') }));
      let u: { cacheReadInputTokens?: number; cacheWriteInputTokens?: number } | undefined;
      for await (const e of res.stream ?? []) if (e.metadata) u = e.metadata.usage;
      return u;
    };
    assert.equal((await usage())?.cacheWriteInputTokens, 1100);
    assert.equal((await usage())?.cacheReadInputTokens, 1100);
  });

  it('does not cache a prefix below the model minimum, and succeeds', async () => {
    const res = await h.runtime.send(new ConverseCommand({ modelId: sonnet37, system: [{ text: words(100) }, { cachePoint: { type: 'default' } }], messages: ask('q') }));
    assert.equal(res.usage?.cacheWriteInputTokens, 0);
    assert.equal(res.usage?.inputTokens, 101);
  });

  it('refuses a fifth cache point, cache points on a model without caching, and Nova cache points in tools', async () => {
    const five = [0, 1, 2, 3, 4].flatMap((i) => [{ text: words(10, `p${i}`) }, { cachePoint: { type: 'default' as const } }]);
    await assert.rejects(h.runtime.send(new ConverseCommand({ modelId: sonnet37, system: five, messages: ask('q') })),
      { name: 'ValidationException', message: 'The model returned the following errors: A maximum of 4 blocks with cache_control may be provided. Found 5.' });
    await assert.rejects(h.runtime.send(new ConverseCommand({ modelId: 'anthropic.claude-3-haiku-20240307-v1:0', system: [{ text: 'x' }, { cachePoint: { type: 'default' } }], messages: ask('q') })),
      { name: 'ValidationException', message: /doesn't support prompt caching/ });
    await assert.rejects(h.runtime.send(new ConverseCommand({
      modelId: 'amazon.nova-lite-v1:0', messages: ask('q'),
      toolConfig: { tools: [{ toolSpec: { name: 't', inputSchema: { json: { type: 'object' } } } }, { cachePoint: { type: 'default' } }] },
    })), { name: 'ValidationException', message: /tools field/ });
  });

  it('checks the thinking budget as Claude does', async () => {
    const send = (budget: number, maxTokens: number, temperature?: number) => h.runtime.send(new ConverseCommand({
      modelId: sonnet37, messages: ask('think'), inferenceConfig: { maxTokens, ...(temperature !== undefined ? { temperature } : {}) },
      additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: budget } },
    }));
    await assert.rejects(send(1000, 4000), { message: 'The model returned the following errors: thinking.enabled.budget_tokens: Input should be greater than or equal to 1024' });
    await assert.rejects(send(4000, 4000), { message: 'The model returned the following errors: `max_tokens` must be greater than `thinking.budget_tokens`.' });
    await assert.rejects(send(1024, 4000, 0.5), { message: /temperature may only be set to 1 when thinking is enabled/ });
    const ok = await send(1024, 4000);
    const reasoning = ok.output?.message?.content?.[0]?.reasoningContent?.reasoningText;
    assert.ok(reasoning?.text && reasoning.signature);
  });

  it('counts the tokens of a Converse input, for models that count, by their bare id', async () => {
    const res = await h.runtime.send(new CountTokensCommand({
      modelId: 'anthropic.claude-3-7-sonnet-20250219-v1:0',
      input: { converse: { system: [{ text: 'Be brief.' }], messages: ask('How many tokens is this?') } },
    }));
    assert.equal(res.inputTokens, countTokens('Be brief.') + countTokens('How many tokens is this?'));
    const log = await h.requests();
    assert.equal(log.at(-1)?.operation, 'CountTokens');
    const body = JSON.stringify({ messages: [{ role: 'user', content: 'one two three' }] });
    const raw = await h.runtime.send(new CountTokensCommand({
      modelId: 'anthropic.claude-3-7-sonnet-20250219-v1:0', input: { invokeModel: { body: new TextEncoder().encode(body) } },
    }));
    assert.equal(raw.inputTokens, countTokens(body));
    for (const modelId of ['amazon.nova-lite-v1:0', sonnet37]) {
      await assert.rejects(h.runtime.send(new CountTokensCommand({ modelId, input: { converse: { messages: ask('x') } } })),
        { name: 'ValidationException', message: "The provided model doesn't support counting tokens." });
    }
  });
});

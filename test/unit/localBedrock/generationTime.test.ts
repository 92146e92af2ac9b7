import * as assert from 'node:assert/strict';
import { InvokeModelCommand, InvokeModelWithResponseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { countTokens } from '../../localBedrock/tokens';
import { useLocalBedrock } from './harness';

// At a set rate, a non-streaming text answer takes as long as the same answer streams: it is sent
// whole when its last token would have been generated. The test reads the durations the endpoint
// logged for what it served (no timer in the test decides anything).
describe('local Bedrock generation time at a set rate', () => {
  const h = useLocalBedrock();
  const RATE = 2000; // tokens per second
  const modelId = 'anthropic.claude-3-haiku-20240307-v1:0';
  const reply = Array.from({ length: 60 }, (_, i) => `Sentence ${i} of the answer.`).join(' ');
  const body = JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 2000, messages: [{ role: 'user', content: 'timed' }] });

  interface Served { operation: string; receivedAt: number; latencyMs: number; usage?: { outputTokens: number } }
  const served = async (operation: string): Promise<Served> => {
    const entry = ((await h.requests()) as unknown as Served[]).find((r) => r.operation === operation);
    assert.ok(entry, `${operation} in the log`);
    return entry;
  };

  it('sends an InvokeModel text answer when its last token would have been generated, and logs when the request arrived', async () => {
    await h.local('POST', 'config', { tokensPerSecond: RATE });
    await h.local('POST', 'reply', { text: reply });
    const before = performance.timeOrigin + performance.now();
    const res = await h.runtime.send(new InvokeModelCommand({ modelId, body, contentType: 'application/json' }));
    const text = ((JSON.parse(Buffer.from(res.body).toString('utf8')) as { content: { text: string }[] }).content[0]!.text);
    assert.equal(text, reply);
    const entry = await served('InvokeModel');
    const tokens = countTokens(reply);
    assert.equal(entry.usage?.outputTokens, tokens);
    const generationMs = (tokens / RATE) * 1000;
    assert.ok(generationMs >= 100, `a reply long enough to tell (${tokens} tokens)`);
    // The log's latency is whole milliseconds (Date.now()), hence the 1 ms allowance.
    assert.ok(entry.latencyMs >= generationMs - 1, `answered after ${entry.latencyMs} ms; ${tokens} tokens at ${RATE}/s take ${generationMs} ms`);
    assert.ok(entry.receivedAt >= before && entry.receivedAt <= performance.timeOrigin + performance.now(), 'receivedAt is when it arrived');
  });

  it('takes as long for the same answer streamed (InvokeModelWithResponseStream)', async () => {
    await h.local('POST', 'config', { tokensPerSecond: RATE });
    await h.local('POST', 'reply', { text: reply });
    const res = await h.runtime.send(new InvokeModelWithResponseStreamCommand({ modelId, body, contentType: 'application/json' }));
    for await (const event of res.body ?? []) void event;
    const entry = await served('InvokeModelWithResponseStream');
    const generationMs = (countTokens(reply) / RATE) * 1000;
    assert.ok(entry.latencyMs >= generationMs - 1, `streamed in ${entry.latencyMs} ms; the tokens take ${generationMs} ms`);
  });
});

import * as assert from 'node:assert/strict';
import { ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';
import { ConverseCommand, ConverseStreamCommand, InvokeModelWithResponseStreamCommand, type ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { rejection, useLocalBedrock, user } from './harness';

const modelId = 'amazon.nova-micro-v1:0';

describe('local Bedrock faults', () => {
  const h = useLocalBedrock({ retryDelayMs: 20 });
  const stream = async (): Promise<{ events: ConverseStreamOutput[]; error?: Error }> => {
    const events: ConverseStreamOutput[] = [];
    try {
      const res = await h.runtime.send(new ConverseStreamCommand({ modelId, messages: user('fault me'), inferenceConfig: { maxTokens: 40 } }));
      for await (const e of res.stream ?? []) events.push(e);
    } catch (error) {
      return { events, error: error as Error };
    }
    return { events };
  };

  it('throttles `times` requests with 429, which the SDK retries (attempts logged)', async () => {
    await h.local('POST', 'faults', { operation: 'Converse', fault: 'throttle', times: 2 });
    const res = await h.runtime.send(new ConverseCommand({ modelId, messages: user('retry') }));
    assert.equal(res.$metadata.attempts, 3);
    assert.deepEqual((await h.requests()).map((r) => r.attempt), [1, 2, 3]);
  });

  it('throttles past the retry budget and the SDK gives up with ThrottlingException', async () => {
    await h.local('POST', 'faults', { operation: 'Converse', fault: 'throttle', times: 5 });
    const err = await rejection(() => h.runtime.send(new ConverseCommand({ modelId, messages: user('x') })));
    assert.equal(err.name, 'ThrottlingException');
    assert.equal(err.$metadata?.httpStatusCode, 429);
    assert.equal(err.$metadata?.attempts, 3);
  });

  const upfront: [string, string, number, string][] = [
    ['accessDenied', 'AccessDeniedException', 403, "You don't have access to the model with the specified model ID."],
    ['expiredToken', 'ExpiredTokenException', 403, 'The security token included in the request is expired'],
    ['serverError', 'InternalServerException', 500, ''],
    ['serviceUnavailable', 'ServiceUnavailableException', 503, ''],
  ];
  for (const [fault, name, status, message] of upfront) {
    it(`${fault} → ${status} ${name}`, async () => {
      await h.local('POST', 'faults', { operation: 'ConverseStream', fault, times: -1 });
      const { error } = await stream();
      assert.equal(error?.name, name);
      assert.equal((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode, status);
      if (message) assert.equal(error?.message, message);
    });
  }

  it('only faults the operation named, or every one with "*"', async () => {
    await h.local('POST', 'faults', { operation: 'Converse', fault: 'accessDenied' });
    assert.equal((await stream()).error, undefined);
    await h.local('POST', 'faults', { operation: '*', fault: 'accessDenied' });
    const err = await rejection(() => h.control.send(new ListFoundationModelsCommand({})));
    assert.equal(err.name, 'AccessDeniedException');
    // The Converse fault was still armed: the stream did not use it up.
    assert.equal((await rejection(() => h.runtime.send(new ConverseCommand({ modelId, messages: user('x') })))).name, 'AccessDeniedException');
    await h.runtime.send(new ConverseCommand({ modelId, messages: user('x') }));
  });

  it('dropAfterEvents resets the h2 stream after K events', async () => {
    await h.local('POST', 'faults', { operation: 'ConverseStream', fault: 'dropAfterEvents', afterEvents: 3 });
    const { events, error } = await stream();
    assert.equal(events.length, 3);
    assert.match(String(error?.message), /NGHTTP2_INTERNAL_ERROR/, 'the SDK reports the broken stream');
  });

  it('streamException sends an in-stream exception frame after K events', async () => {
    await h.local('POST', 'faults', { operation: 'ConverseStream', fault: 'streamException', afterEvents: 4 });
    const { events, error } = await stream();
    assert.equal(events.length, 4);
    assert.equal(events.filter((e) => e.contentBlockDelta).length, 3);
    assert.equal(error?.name, 'ModelStreamErrorException');
  });

  it('streamException can name another in-stream exception, also for InvokeModelWithResponseStream', async () => {
    await h.local('POST', 'faults', { operation: 'InvokeModelWithResponseStream', fault: 'streamException', afterEvents: 1, exception: 'throttlingException', message: 'slow down' });
    const res = await h.runtime.send(new InvokeModelWithResponseStreamCommand({ modelId: 'cohere.command-text-v14', body: JSON.stringify({ prompt: 'x' }) }));
    const err = await rejection(async () => { for await (const _ of res.body ?? []) { /* drain */ } });
    assert.equal(err.name, 'ThrottlingException');
    assert.equal(err.message, 'slow down');
  });

  it('delayFirstEvent holds the first event back by delayMs', async () => {
    await h.local('POST', 'faults', { operation: 'ConverseStream', fault: 'delayFirstEvent', delayMs: 300 });
    const started = Date.now();
    const res = await h.runtime.send(new ConverseStreamCommand({ modelId, messages: user('wait') }));
    const iterator = res.stream![Symbol.asyncIterator]();
    await iterator.next();
    assert.ok(Date.now() - started >= 290, 'the first event came only after the delay');
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) { /* drain */ }
  });

  it('lists armed faults and clears them', async () => {
    await h.local('POST', 'faults', [{ fault: 'throttle' }, { operation: 'Converse', fault: 'serverError', times: 2 }]);
    assert.equal((await h.local('GET', 'faults') as unknown[]).length, 2);
    await h.local('DELETE', 'faults');
    assert.deepEqual(await h.local('GET', 'faults'), []);
  });

  it('refuses an unknown fault', async () => {
    const res = await fetch(`${h.server.controlEndpoint}/_local/faults`, { method: 'POST', body: JSON.stringify({ fault: 'meteor' }) });
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { message: string }).message, /fault must be one of/);
  });
});

// The `validation` fault (a 400 ValidationException, optionally only when a body field is present)
// and the stream exception kinds each streaming operation can really send.
import * as assert from 'node:assert/strict';
import {
  ConverseCommand, ConverseStreamCommand, InvokeModelCommand, InvokeModelWithResponseStreamCommand, type ConverseStreamCommandInput,
} from '@aws-sdk/client-bedrock-runtime';
import { rejection, useLocalBedrock, user } from './harness';

const nova = 'amazon.nova-micro-v1:0';
const haiku = 'anthropic.claude-3-haiku-20240307-v1:0';
type ArmedFault = { fault: string; times: number; whenField?: string };

describe('local Bedrock validation fault', () => {
  const h = useLocalBedrock({ retryDelayMs: 20 });
  const armed = async () => (await h.local('GET', 'faults')) as ArmedFault[];
  const drain = async (input: ConverseStreamCommandInput): Promise<void> => {
    const res = await h.runtime.send(new ConverseStreamCommand(input));
    for await (const _ of res.stream ?? []) { /* drain */ }
  };

  it('answers 400 ValidationException with the default message, which the SDK does not retry', async () => {
    await h.local('POST', 'faults', { operation: 'Converse', fault: 'validation' });
    const err = await rejection(() => h.runtime.send(new ConverseCommand({ modelId: nova, messages: user('x') })));
    assert.equal(err.name, 'ValidationException');
    assert.equal(err.$metadata?.httpStatusCode, 400);
    assert.equal(err.$metadata?.attempts, 1);
    assert.equal(err.message, 'Malformed input request, please reformat your input and try again.');
    await h.runtime.send(new ConverseCommand({ modelId: nova, messages: user('x') }));
  });

  it('plays a rule nobody knows yet: with whenField, only requests carrying the field are refused, for one model, until cleared', async () => {
    await h.local('POST', 'faults', {
      fault: 'validation', modelId: `us.${haiku}`, whenField: 'inferenceConfig.temperature', times: -1, message: '`temperature` is deprecated for this model.',
    });
    const withTemperature = () => h.runtime.send(new ConverseCommand({ modelId: `us.${haiku}`, messages: user('x'), inferenceConfig: { temperature: 0.5 } }));
    for (let i = 0; i < 2; i++) assert.equal((await rejection(withTemperature)).message, '`temperature` is deprecated for this model.');
    await drain({ modelId: `us.${haiku}`, messages: user('no temperature'), inferenceConfig: { maxTokens: 10 } });
    await h.runtime.send(new ConverseCommand({ modelId: haiku, messages: user('x'), inferenceConfig: { temperature: 0.5 } })); // another id as invoked
    assert.deepEqual((await armed()).map((f) => [f.fault, f.times, f.whenField]), [['validation', -1, 'inferenceConfig.temperature']]);
  });

  it('requests without the field pass and do not use the fault up', async () => {
    await h.local('POST', 'faults', { operation: 'ConverseStream', fault: 'validation', whenField: 'additionalModelRequestFields.top_k' });
    await drain({ modelId: haiku, messages: user('plain'), inferenceConfig: { maxTokens: 5 } });
    await drain({ modelId: haiku, messages: user('other extra'), additionalModelRequestFields: { anthropic_beta: [] }, inferenceConfig: { maxTokens: 5 } });
    assert.equal((await armed())[0]?.times, 1);
    const err = await rejection(() => drain({ modelId: haiku, messages: user('k'), additionalModelRequestFields: { top_k: 5 } }));
    assert.equal(err.name, 'ValidationException');
    assert.deepEqual(await armed(), []);
    await drain({ modelId: haiku, messages: user('k'), additionalModelRequestFields: { top_k: 5 }, inferenceConfig: { maxTokens: 5 } });
  });

  it('looks into InvokeModel bodies too, with array indexes in the path', async () => {
    await h.local('POST', 'faults', [
      { operation: 'InvokeModel', fault: 'validation', whenField: 'top_p', message: 'no top_p here' },
      { operation: 'InvokeModelWithResponseStream', fault: 'validation', whenField: 'messages.1', message: 'only one message, please' },
    ]);
    const claude = (extra: Record<string, unknown>) => JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 5, messages: [{ role: 'user', content: 'x' }], ...extra });
    await h.runtime.send(new InvokeModelCommand({ modelId: haiku, body: claude({}) }));
    assert.equal((await rejection(() => h.runtime.send(new InvokeModelCommand({ modelId: haiku, body: claude({ top_p: 0.5 }) })))).message, 'no top_p here');
    const stream = async (messages: unknown[]) => {
      const res = await h.runtime.send(new InvokeModelWithResponseStreamCommand({ modelId: haiku, body: claude({ messages }) }));
      for await (const _ of res.body ?? []) { /* drain */ }
    };
    await stream([{ role: 'user', content: 'one' }]);
    const err = await rejection(() => stream([{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }, { role: 'user', content: 'c' }]));
    assert.equal(err.message, 'only one message, please');
  });

  it('refuses whenField on another fault kind, or a path that is not a dot path', async () => {
    for (const body of [{ fault: 'throttle', whenField: 'x' }, { fault: 'validation', whenField: 'a..b' }, { fault: 'validation', whenField: 3 }]) {
      const res = await fetch(`${h.server.controlEndpoint}/_local/faults`, { method: 'POST', body: JSON.stringify(body) });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match(((await res.json()) as { message: string }).message, /whenField/);
    }
  });
});

describe('local Bedrock stream exceptions per operation (bedrock-runtime service model: ConverseStreamOutput vs ResponseStream)', () => {
  const h = useLocalBedrock();

  it('refuses to arm modelTimeoutException for ConverseStream, which never sends it', async () => {
    const res = await fetch(`${h.server.controlEndpoint}/_local/faults`, {
      method: 'POST', body: JSON.stringify({ operation: 'ConverseStream', fault: 'streamException', exception: 'modelTimeoutException' }),
    });
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { message: string }).message, /ConverseStream never sends modelTimeoutException/);
  });

  it('sends it in InvokeModelWithResponseStream; armed for "*", it lets ConverseStream pass untouched', async () => {
    await h.local('POST', 'faults', { operation: '*', fault: 'streamException', exception: 'modelTimeoutException', afterEvents: 1, message: 'too slow' });
    const conv = await h.runtime.send(new ConverseStreamCommand({ modelId: nova, messages: user('x'), inferenceConfig: { maxTokens: 5 } }));
    for await (const _ of conv.stream ?? []) { /* drain: no exception */ }
    assert.equal(((await h.local('GET', 'faults')) as unknown[]).length, 1, 'the fault is still armed');
    const res = await h.runtime.send(new InvokeModelWithResponseStreamCommand({ modelId: nova, body: JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'x' }] }] }) }));
    const err = await rejection(async () => { for await (const _ of res.body ?? []) { /* drain */ } });
    assert.equal(err.name, 'ModelTimeoutException');
    assert.equal(err.message, 'too slow');
  });
});

// The stand-in's test-control routes that let tests wait for events instead of time: the request
// log's change feed (a long poll), how each stream ended, and holding streams mid-answer.
import * as assert from 'node:assert/strict';
import { ConverseStreamCommand, InvokeModelCommand, type ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { LocalBedrockControl } from '../../support/localBedrockControl';
import { useLocalBedrock, user } from './harness';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';

async function collect(stream: AsyncIterable<ConverseStreamOutput> | undefined): Promise<string> {
  let text = '';
  for await (const e of stream ?? []) text += e.contentBlockDelta?.delta?.text ?? '';
  return text;
}

describe('local Bedrock test control: waiting on the log, holding streams', () => {
  const h = useLocalBedrock();
  let control: LocalBedrockControl;
  before(() => { control = new LocalBedrockControl(h.server.controlEndpoint); });
  afterEach(() => control.release());

  async function version(): Promise<number> {
    const res = await fetch(`${h.server.controlEndpoint}/_local/requests`);
    await res.arrayBuffer();
    return Number(res.headers.get('x-local-log-version'));
  }

  it('answers the change feed at once when the log has moved on, and when a request arrives while it waits', async () => {
    const v = await version();
    assert.ok(Number.isInteger(v));
    assert.deepEqual(await h.local('GET', `requests/changes?after=${v - 1}`), { version: v }, 'already past: answered at once');
    const waiting = h.local('GET', `requests/changes?after=${v}&timeoutMs=60000`) as Promise<{ version: number }>;
    await h.local('GET', 'faults'); // a control call is not a logged request
    assert.equal(await version(), v);
    await collect((await h.runtime.send(new ConverseStreamCommand({ modelId: HAIKU, messages: user('wake up') }))).stream);
    assert.ok((await waiting).version > v, 'answered by the request, long before its 60 s');
  });

  it('answers the change feed with the version unchanged when nothing happens within timeoutMs', async () => {
    const v = await version();
    assert.deepEqual(await h.local('GET', `requests/changes?after=${v}&timeoutMs=0`), { version: v });
    assert.match(JSON.stringify(await h.local('GET', 'requests/changes?after=x')), /after must be an integer/);
  });

  it('waitForRequest finds a request that arrives after it started waiting', async () => {
    const found = control.waitForRequest((r) => r.operation === 'ConverseStream' && JSON.stringify(r.body).includes('late arrival'));
    await collect((await h.runtime.send(new ConverseStreamCommand({ modelId: HAIKU, messages: user('late arrival') }))).stream);
    assert.equal((await found).modelId, HAIKU);
    await assert.rejects(control.waitForRequest((r) => r.operation === 'Nothing', 0), /Timed out after 0 ms waiting for a matching request/);
  });

  it('logs how each stream ended: completed, dropped, exception', async () => {
    await collect((await h.runtime.send(new ConverseStreamCommand({ modelId: HAIKU, messages: user('whole') }))).stream);
    await h.local('POST', 'faults', { operation: 'ConverseStream', fault: 'dropAfterEvents', afterEvents: 3 });
    await assert.rejects(h.runtime.send(new ConverseStreamCommand({ modelId: HAIKU, messages: user('cut') })).then((r) => collect(r.stream)));
    await h.local('POST', 'faults', { operation: 'ConverseStream', fault: 'streamException', afterEvents: 3 });
    await assert.rejects(h.runtime.send(new ConverseStreamCommand({ modelId: HAIKU, messages: user('broken') })).then((r) => collect(r.stream)));
    const ends = await control.waitForLog((log) => (log.every((r) => r.ended) && log.length === 3 ? log.map((r) => r.ended) : undefined), 'three ended streams');
    assert.deepEqual(ends, ['completed', 'dropped', 'exception']);
  });

  it('holds a stream before its next event until released; the answer is then whole', async () => {
    await control.hold();
    assert.deepEqual(await h.local('GET', 'hold'), { held: true });
    // (The SDK's send() itself resolves only with the first event, so it is not awaited here.)
    const full = h.runtime.send(new ConverseStreamCommand({ modelId: HAIKU, messages: user('held back') })).then((r) => collect(r.stream));
    const held = await control.waitForLog((log) => log.find((r) => r.held), 'a held stream');
    assert.equal(held.firstTokenSentAt, undefined, 'held before its first event: no text has gone out');
    await control.release();
    const text = await full;
    assert.match(text, /> held back/);
    const [entry] = await control.requests();
    assert.equal(entry!.ended, 'completed');
    assert.equal(entry!.held, undefined);
  });

  it('ends a held stream whose client goes away, and says so in the log', async () => {
    await control.hold();
    const abort = new AbortController();
    const reading = h.runtime.send(new ConverseStreamCommand({ modelId: HAIKU, messages: user('never mind') }), { abortSignal: abort.signal })
      .then((r) => collect(r.stream)).catch((e: unknown) => e);
    await control.waitForLog((log) => log.find((r) => r.held), 'a held stream');
    abort.abort();
    await reading;
    const ended = await control.waitForEnd((r) => r.operation === 'ConverseStream');
    assert.equal(ended.ended, 'clientClosed');
    assert.equal(ended.firstTokenSentAt, undefined, 'nothing was sent while held');
  });

  it('holds a non-streaming answer (an image) until released', async () => {
    await control.hold();
    const body = JSON.stringify({ taskType: 'TEXT_IMAGE', textToImageParams: { text: 'a held picture' }, imageGenerationConfig: { width: 512, height: 512 } });
    const answer = h.runtime.send(new InvokeModelCommand({ modelId: 'amazon.titan-image-generator-v2:0', body }));
    await control.waitForLog((log) => log.find((r) => r.operation === 'InvokeModel' && r.held), 'a held image request');
    await control.release();
    const res = await answer;
    assert.equal((JSON.parse(new TextDecoder().decode(res.body)) as { images: string[] }).images.length, 1);
  });

  it('ends a held image request whose client goes away, and says so in the log', async () => {
    await control.hold();
    const abort = new AbortController();
    const body = JSON.stringify({ taskType: 'TEXT_IMAGE', textToImageParams: { text: 'never drawn' }, imageGenerationConfig: { width: 512, height: 512 } });
    const answer = h.runtime.send(new InvokeModelCommand({ modelId: 'amazon.titan-image-generator-v2:0', body }), { abortSignal: abort.signal }).catch((e: unknown) => e);
    await control.waitForLog((log) => log.find((r) => r.held), 'a held image request');
    abort.abort();
    assert.equal(((await answer) as Error).name, 'AbortError');
    assert.equal((await control.waitForEnd((r) => r.operation === 'InvokeModel')).ended, 'clientClosed');
  });
});

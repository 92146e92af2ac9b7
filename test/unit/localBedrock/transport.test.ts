import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as http2 from 'node:http2';
import { ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';
import { BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { credentials, useLocalBedrock, user } from './harness';

describe('local Bedrock transport', () => {
  const h = useLocalBedrock();

  it('serves the runtime client over h2c and the control client over HTTP/1.1 on one port', async () => {
    assert.equal(h.server.runtimeEndpoint, h.server.controlEndpoint);
    assert.match(h.server.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    await h.runtime.send(new ConverseCommand({ modelId: 'amazon.nova-micro-v1:0', messages: user('hi') }));
    await h.control.send(new ListFoundationModelsCommand({}));
    const log = await h.requests();
    assert.deepEqual(log.map((r) => [r.operation, r.protocol]), [['Converse', 'h2'], ['ListFoundationModels', 'http/1.1']]);
  });

  it('answers plain HTTP/1.1 and raw h2 clients too', async () => {
    const viaHttp1 = await new Promise<string>((resolve, reject) => {
      http.get(`${h.server.endpoint}/_local/config`, (res) => {
        let s = '';
        res.on('data', (d) => (s += d));
        res.on('end', () => resolve(`${res.httpVersion} ${s}`));
      }).on('error', reject);
    });
    assert.equal(viaHttp1, '1.1 {"tokensPerSecond":0}');
    const session = http2.connect(h.server.endpoint);
    const viaH2 = await new Promise<string>((resolve, reject) => {
      const req = session.request({ ':path': '/_local/config' });
      let s = '';
      req.on('data', (d) => (s += d));
      req.on('end', () => resolve(s));
      req.on('error', reject);
    });
    session.close();
    assert.equal(viaH2, '{"tokensPerSecond":0}');
  });

  it('decodes the percent-encoded model id and records the SDK attempt', async () => {
    const arn = 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/a1b2c3d4e5f6';
    await h.runtime.send(new ConverseCommand({ modelId: arn, messages: user('hi') }));
    const [entry] = await h.requests();
    assert.equal(entry?.modelId, arn);
    assert.equal(entry?.attempt, 1);
    assert.ok(!Number.isNaN(Date.parse(entry!.time)));
  });

  it('answers an unknown path with 404 UnknownOperationException', async () => {
    const res = await fetch(`${h.server.endpoint}/nothing-here`);
    assert.equal(res.status, 404);
    assert.match(res.headers.get('x-amzn-errortype') ?? '', /^UnknownOperationException/);
    assert.ok(res.headers.get('x-amzn-requestid'));
  });

  it('frees its port on close', async () => {
    const { startLocalBedrock } = await import('../../localBedrock/server');
    const s = await startLocalBedrock();
    await s.close();
    await assert.rejects(fetch(`${s.endpoint}/_local/config`));
  });
});

describe('local Bedrock transport edge cases', () => {
  const h = useLocalBedrock();

  it('stops writing when the client aborts mid-stream, and keeps serving', async () => {
    await h.local('POST', 'config', { tokensPerSecond: 200 });
    const controller = new AbortController();
    const res = await h.runtime.send(new ConverseStreamCommand({ modelId: 'amazon.nova-micro-v1:0', messages: user('a long story'), inferenceConfig: { maxTokens: 2000 } }), { abortSignal: controller.signal });
    let deltas = 0;
    let sawStop = false;
    try {
      for await (const e of res.stream ?? []) {
        if (e.contentBlockDelta && ++deltas === 3) controller.abort();
        if (e.messageStop) sawStop = true;
      }
    } catch (e) {
      assert.equal((e as Error).name, 'AbortError');
    }
    // The SDK may end the loop quietly or throw AbortError; either way the stream is cut short.
    assert.ok(deltas < 10 && !sawStop, `got ${deltas} deltas after aborting`);
    await h.local('POST', 'config', { tokensPerSecond: 0 });
    const again = await h.runtime.send(new ConverseCommand({ modelId: 'amazon.nova-micro-v1:0', messages: user('still there?') }));
    assert.equal(again.stopReason, 'end_turn');
  });

  it('also streams to a runtime client forced onto HTTP/1.1', async () => {
    const client = new BedrockRuntimeClient({ region: 'us-east-1', endpoint: h.server.endpoint, credentials, requestHandler: new NodeHttpHandler() });
    try {
      const res = await client.send(new ConverseStreamCommand({ modelId: 'amazon.nova-micro-v1:0', messages: user('over http/1.1'), inferenceConfig: { maxTokens: 12 } }));
      let text = '';
      for await (const e of res.stream ?? []) text += e.contentBlockDelta?.delta?.text ?? '';
      assert.equal(text.split(/\s+/).filter(Boolean).length, 12);
      await h.local('POST', 'faults', { fault: 'dropAfterEvents', afterEvents: 2 });
      const dropped = await client.send(new ConverseStreamCommand({ modelId: 'amazon.nova-micro-v1:0', messages: user('drop') }));
      await assert.rejects((async () => { for await (const _ of dropped.stream ?? []) { /* drain */ } })());
      assert.deepEqual((await h.requests()).map((r) => r.protocol), ['http/1.1', 'http/1.1']);
    } finally {
      client.destroy();
    }
  });
});

import * as assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import type { ChatEvent, ChatRequest } from '../../../src/bedrock/types';
import { collect, localService, model, textOf, useLocalBedrock } from './localEndpoint';

type Of<T extends ChatEvent['type']> = Extract<ChatEvent, { type: T }>;
const ofType = <T extends ChatEvent['type']>(events: ChatEvent[], type: T): Array<Of<T>> => events.filter((e): e is Of<T> => e.type === type);

function pngBase64(width: number, height: number): string {
  const png = new PNG({ width, height });
  png.data.fill(200);
  return PNG.sync.write(png).toString('base64');
}

describe('bedrock/chat', () => {
  const local = useLocalBedrock();

  it('streams request, text deltas, stop, usage, metrics — in that order', async () => {
    const service = localService(local.lb);
    try {
      await local.control.rate(400);
      const m = await model(service, 'amazon.nova-lite-v1:0');
      const { events, error } = await collect(service.chat({ model: m, messages: [{ role: 'user', text: 'Tell me about rivers' }], settings: { maxTokens: 60 } }));
      assert.equal(error, undefined, String(error));
      const types = events.map((e) => e.type);
      assert.equal(types[0], 'request');
      const firstText = types.indexOf('text');
      const stop = types.indexOf('stop');
      assert.ok(firstText === 1, `text right after the request: ${types.slice(0, 3).join(',')}`);
      assert.ok(ofType(events, 'text').length > 10, 'many deltas');
      assert.deepEqual(types.slice(stop), ['stop', 'usage', 'metrics']);
      assert.ok(types.slice(firstText, stop).every((t) => t === 'text'));
      assert.equal(ofType(events, 'stop')[0]?.stopReason, 'max_tokens');
      const usage = ofType(events, 'usage')[0]!;
      assert.equal(usage.outputTokens, 60);
      assert.equal(usage.totalTokens, usage.inputTokens + usage.outputTokens);
      const metrics = ofType(events, 'metrics')[0]!;
      assert.ok(metrics.timeToFirstTokenMs !== undefined && metrics.timeToFirstTokenMs >= 0);
      assert.ok(metrics.timeToFirstTokenMs < metrics.totalLatencyMs, `first token ${metrics.timeToFirstTokenMs} ms before the end ${metrics.totalLatencyMs} ms`);
      assert.equal(typeof metrics.serverLatencyMs, 'number');
      assert.match(textOf(events), /Tell me about rivers/);
    } finally {
      service.dispose();
    }
  });

  it('uses Converse when asked not to stream, or when the model does not stream, with the same text', async () => {
    const service = localService(local.lb);
    try {
      const m = await model(service, 'anthropic.claude-3-haiku-20240307-v1:0');
      const request: ChatRequest = { model: m, messages: [{ role: 'user', text: 'Same words' }], settings: { maxTokens: 50 } };
      const streamed = await collect(service.chat(request));
      const whole = await collect(service.chat({ ...request, stream: false }));
      const notStreaming = await collect(service.chat({ ...request, model: { ...m, streaming: false } }));
      for (const r of [streamed, whole, notStreaming]) assert.equal(r.error, undefined, String(r.error));
      assert.deepEqual((await local.control.runtimeRequests()).map((r) => r.operation), ['ConverseStream', 'Converse', 'Converse']);
      assert.equal(textOf(whole.events), textOf(streamed.events));
      assert.deepEqual(whole.events.map((e) => e.type), ['request', 'text', 'stop', 'usage', 'metrics']);
      const req = whole.events[0] as Of<'request'>;
      assert.equal(req.request.operation, 'Converse');
      const metrics = ofType(whole.events, 'metrics')[0]!;
      assert.ok(metrics.timeToFirstTokenMs !== undefined && metrics.timeToFirstTokenMs <= metrics.totalLatencyMs);
    } finally {
      service.dispose();
    }
  });

  it('sends the system prompt and the whole conversation, alternating', async () => {
    const service = localService(local.lb);
    try {
      const m = await model(service, 'anthropic.claude-3-5-sonnet-20240620-v1:0');
      const { events, error } = await collect(service.chat({
        model: m,
        system: 'You are a pirate.',
        messages: [
          { role: 'user', text: 'First question' },
          { role: 'assistant', text: 'First answer' },
          { role: 'user', text: 'Second question' },
        ],
        settings: { maxTokens: 400 },
      }));
      assert.equal(error, undefined, String(error));
      const [received] = await local.control.runtimeRequests();
      const body = received?.body as { system: unknown; messages: Array<{ role: string }> };
      assert.deepEqual(body.system, [{ text: 'You are a pirate.' }]);
      assert.deepEqual(body.messages.map((x) => x.role), ['user', 'assistant', 'user']);
      const reply = textOf(events);
      assert.match(reply, /Second question/);
      assert.match(reply, /turns \| 3/);
    } finally {
      service.dispose();
    }
  });

  it('attaches images for models with IMAGE input, elided in the request record', async () => {
    const service = localService(local.lb);
    try {
      const m = await model(service, 'anthropic.claude-3-haiku-20240307-v1:0');
      const base64 = pngBase64(64, 48);
      const { events, error } = await collect(service.chat({
        model: m, messages: [{ role: 'user', text: 'What is in this picture?', images: [{ format: 'png', base64 }] }], settings: { maxTokens: 300 },
      }));
      assert.equal(error, undefined, String(error));
      const record = JSON.stringify((events[0] as Of<'request'>).request.body);
      assert.ok(!record.includes(base64.slice(0, 40)), 'no image bytes in the record');
      assert.match(record, /bytes elided/);
      const [received] = await local.control.runtimeRequests();
      const content = (received?.body as { messages: Array<{ content: Array<Record<string, unknown>> }> }).messages[0]!.content;
      assert.ok(content.some((b) => b.image !== undefined), 'the image block reached Bedrock');
      assert.match(textOf(events), /images \| 1/);
    } finally {
      service.dispose();
    }
  });

  it('refuses images for a text-only model before sending anything', async () => {
    const service = localService(local.lb);
    try {
      const m = await model(service, 'amazon.nova-micro-v1:0');
      const { events, error } = await collect(service.chat({ model: m, messages: [{ role: 'user', text: 'look', images: [{ format: 'png', base64: pngBase64(4, 4) }] }], settings: {} }));
      assert.equal(events.length, 0);
      assert.equal((error as Error).name, 'UnsupportedRequestError');
      assert.match((error as Error).message, /does not take images/);
      const info = service.describeError(error);
      assert.equal(info.kind, 'validation');
      assert.equal(info.parameter, 'images');
      assert.deepEqual(await local.control.runtimeRequests(), []);
    } finally {
      service.dispose();
    }
  });

  it('refuses an empty message and a model that does not chat, before sending anything', async () => {
    const service = localService(local.lb);
    try {
      const empty = await collect(service.chat({ model: await model(service, 'amazon.nova-micro-v1:0'), messages: [{ role: 'user', text: '  ' }], settings: {} }));
      assert.match((empty.error as Error).message, /The message is empty/);
      const canvas = await collect(service.chat({ model: await model(service, 'amazon.nova-canvas-v1:0'), messages: [{ role: 'user', text: 'hi' }], settings: {} }));
      assert.match((canvas.error as Error).message, /Nova Canvas does not chat: it makes image/);
      assert.deepEqual(await local.control.runtimeRequests(), []);
    } finally {
      service.dispose();
    }
  });

  it('refuses a system prompt for Titan Text in plain words', async () => {
    const service = localService(local.lb);
    try {
      const m = await model(service, 'amazon.titan-text-express-v1');
      const { error } = await collect(service.chat({ model: m, system: 'Be terse', messages: [{ role: 'user', text: 'hi' }], settings: {} }));
      assert.match((error as Error).message, /Titan Text models take no system prompt/);
      assert.deepEqual(await local.control.runtimeRequests(), []);
    } finally {
      service.dispose();
    }
  });

  it('ends the HTTP/2 stream when aborted mid-stream, and throws an AbortError after the partial text', async () => {
    const service = localService(local.lb);
    try {
      await local.control.rate(50);
      const m = await model(service, 'amazon.nova-pro-v1:0');
      const abort = new AbortController();
      const events: ChatEvent[] = [];
      let error: unknown;
      const started = Date.now();
      try {
        for await (const ev of service.chat({ model: m, messages: [{ role: 'user', text: 'A long story please' }], settings: { maxTokens: 2000 } }, abort.signal)) {
          events.push(ev);
          if (ofType(events, 'text').length === 3) abort.abort();
        }
      } catch (err) {
        error = err;
      }
      assert.equal((error as Error).name, 'AbortError');
      assert.equal(ofType(events, 'text').length, 3, 'the partial text came first, nothing after the abort');
      assert.ok(Date.now() - started < 2000 / 50 * 1000, 'did not wait for the rest of the stream');
      assert.equal(service.describeError(error).kind, 'cancelled');
      // The connection is still usable for the next request.
      await local.control.rate(0);
      const again = await collect(service.chat({ model: m, messages: [{ role: 'user', text: 'again' }], settings: { maxTokens: 20 } }));
      assert.equal(again.error, undefined, String(again.error));
    } finally {
      service.dispose();
    }
  });

  it('sends nothing when the signal is already aborted', async () => {
    const service = localService(local.lb);
    try {
      const m = await model(service, 'amazon.nova-pro-v1:0');
      const { events, error } = await collect(service.chat({ model: m, messages: [{ role: 'user', text: 'x' }], settings: {} }, AbortSignal.abort()));
      assert.equal(events.length, 0);
      assert.equal((error as Error).name, 'AbortError');
      assert.deepEqual(await local.control.runtimeRequests(), []);
    } finally {
      service.dispose();
    }
  });

  it('stops the stream when the caller stops reading', async () => {
    const service = localService(local.lb);
    try {
      await local.control.rate(50);
      const m = await model(service, 'amazon.nova-pro-v1:0');
      let texts = 0;
      for await (const ev of service.chat({ model: m, messages: [{ role: 'user', text: 'long' }], settings: { maxTokens: 2000 } })) {
        if (ev.type === 'text' && ++texts === 2) break;
      }
      assert.equal(texts, 2);
    } finally {
      service.dispose();
    }
  });

  it('shows each retry while it happens, then the answer', async () => {
    const service = localService(local.lb);
    try {
      const m = await model(service, 'amazon.nova-lite-v1:0');
      await local.control.fault({ operation: 'ConverseStream', fault: 'throttle', times: 2 });
      const events: ChatEvent[] = [];
      const seenAt: number[] = [];
      for await (const ev of service.chat({ model: m, messages: [{ role: 'user', text: 'retry me' }], settings: { maxTokens: 30 } })) {
        events.push(ev);
        if (ev.type === 'retry') seenAt.push(Date.now());
      }
      const types = events.map((e) => e.type);
      assert.deepEqual(types.slice(0, 3), ['request', 'retry', 'retry']);
      const retries = ofType(events, 'retry');
      assert.deepEqual(retries.map((r) => [r.attempt, r.maxAttempts]), [[2, 3], [3, 3]]);
      for (const r of retries) {
        assert.match(r.reason, /ThrottlingException/);
        assert.ok(r.delayMs >= 0);
      }
      assert.ok(textOf(events).length > 0);
      const sent = await local.control.runtimeRequests();
      assert.deepEqual(sent.map((r) => r.attempt), [1, 2, 3]);
      // Announced when the backoff starts: the attempt it announces arrives about delayMs later.
      seenAt.forEach((t, i) => {
        const lead = Date.parse(sent[i + 1]!.time) - t;
        assert.ok(lead >= retries[i]!.delayMs - 20, `retry ${i + 2}: seen ${lead} ms before its attempt, backoff ${retries[i]!.delayMs} ms`);
      });
    } finally {
      service.dispose();
    }
  });

  it('throws an in-stream exception after the partial text it follows', async () => {
    const service = localService(local.lb);
    try {
      const m = await model(service, 'amazon.nova-lite-v1:0');
      await local.control.fault({ operation: 'ConverseStream', fault: 'streamException', afterEvents: 6 });
      const { events, error } = await collect(service.chat({ model: m, messages: [{ role: 'user', text: 'partial' }], settings: { maxTokens: 200 } }));
      assert.equal((error as Error).name, 'ModelStreamErrorException');
      assert.ok(ofType(events, 'text').length >= 3, 'partial text before the error');
      assert.equal(ofType(events, 'stop').length, 0);
      const info = service.describeError(error, { modelId: m.id });
      assert.equal(info.kind, 'modelError');
      assert.equal(info.retryable, true);
    } finally {
      service.dispose();
    }
  });

  it('reports a dropped connection after partial text as unreachable, keeping the text events', async () => {
    const service = localService(local.lb, { maxAttempts: 1 });
    try {
      const m = await model(service, 'amazon.nova-lite-v1:0');
      await local.control.fault({ operation: 'ConverseStream', fault: 'dropAfterEvents', afterEvents: 5 });
      const { events, error } = await collect(service.chat({ model: m, messages: [{ role: 'user', text: 'drop' }], settings: { maxTokens: 200 } }));
      assert.ok(error, 'it failed');
      assert.ok(ofType(events, 'text').length >= 2);
      assert.equal(service.describeError(error).kind, 'network', `${(error as Error).name}: ${(error as Error).message}`);
    } finally {
      service.dispose();
    }
  });

  it('chats with Cohere Command (text) through InvokeModel, streamed or not, with usage', async () => {
    const service = localService(local.lb);
    try {
      const m = await model(service, 'cohere.command-text-v14');
      const request: ChatRequest = { model: m, messages: [{ role: 'user', text: 'Hi' }, { role: 'assistant', text: 'Hello' }, { role: 'user', text: 'How are you' }], settings: { maxTokens: 30 } };
      const streamed = await collect(service.chat(request));
      const whole = await collect(service.chat({ ...request, stream: false }));
      for (const r of [streamed, whole]) {
        assert.equal(r.error, undefined, String(r.error));
        const types = r.events.map((e) => e.type);
        assert.deepEqual(types.slice(-3), ['stop', 'usage', 'metrics']);
        assert.equal(ofType(r.events, 'usage')[0]?.outputTokens, 30);
        assert.equal(ofType(r.events, 'stop')[0]?.stopReason, 'max_tokens');
      }
      assert.equal(textOf(streamed.events), textOf(whole.events));
      const sent = await local.control.runtimeRequests();
      assert.deepEqual(sent.map((r) => r.operation), ['InvokeModelWithResponseStream', 'InvokeModel']);
      assert.equal((sent[1]?.body as { prompt: string }).prompt, 'User: Hi\nChatbot: Hello\nUser: How are you\nChatbot:');
    } finally {
      service.dispose();
    }
  });
});

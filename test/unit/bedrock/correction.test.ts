import * as assert from 'node:assert/strict';
import { BedrockService } from '../../../src/bedrock/service';
import { LearnedRules } from '../../../src/bedrock/learnedRules';
import type { ChatEvent, ChatRequest } from '../../../src/bedrock/types';
import type { ToolChatEvent } from '../../../src/bedrock/toolChat';
import { collect, localSettings, model, textOf, useLocalBedrock } from './localEndpoint';

// The request path that corrects itself, through the real SDK and the local endpoint: a refusal
// that names its reason is answered by one changed request, the turn says what changed, and the
// next request to that model goes out right at once. The endpoint refuses by its own rules (Claude
// 4.5's refusal of temperature with top_p), so neither side's beliefs decide the test.

type RequestEvent = Extract<ChatEvent, { type: 'request' }>;
const requestsOf = (events: readonly (ChatEvent | ToolChatEvent)[]): RequestEvent[] => events.filter((e): e is RequestEvent => e.type === 'request');

describe('bedrock/correction (self-correcting requests, local endpoint)', () => {
  const local = useLocalBedrock();

  async function setUp(): Promise<{ service: BedrockService; store: LearnedRules; request: ChatRequest }> {
    const store = new LearnedRules();
    const settings = localSettings(local.lb);
    const service = new BedrockService(() => settings, undefined, store);
    // A record of a model the registry believes takes both (Claude 3.5 v2), invoked as Sonnet 4.5,
    // which refuses them together: what happens when Bedrock changes a rule under us.
    const old = await model(service, 'anthropic.claude-3-haiku-20240307-v1:0');
    const request: ChatRequest = {
      model: { ...old, id: 'anthropic.claude-3-5-sonnet-20241022-v2:0', name: 'Claude (as the registry sees it)' },
      invocationId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      messages: [{ role: 'user', text: 'Say hello' }],
      settings: { temperature: 0.4, topP: 0.8, maxTokens: 200 },
    };
    return { service, store, request };
  }

  it('answers after one corrected request, says what changed, and sends the next one right at once', async () => {
    const { service, store, request } = await setUp();
    try {
      const first = await collect(service.chat(request));
      assert.equal(first.error, undefined, String(first.error));
      assert.ok(textOf(first.events).length > 0);
      const reqs = requestsOf(first.events);
      assert.equal(reqs.length, 2, 'the request, then the corrected one');
      assert.equal(reqs[0]!.correction, undefined);
      assert.match(reqs[1]!.correction!.refusal, /cannot both be specified/);
      assert.match(reqs[1]!.correction!.change, /without top P when temperature is set/);
      assert.deepEqual(reqs[1]!.adjustments.map((a) => a.parameter), ['topP']);
      const sent = await local.control.requestsOf('ConverseStream');
      assert.equal(sent.length, 2);
      assert.deepEqual((sent[1]!.body as { inferenceConfig: unknown }).inferenceConfig, { temperature: 0.4, maxTokens: 200 });
      assert.equal(store.get(request.model.id).length, 1);
      assert.equal(service.parameterSpec(request.model).exclusive.length, 1, 'the UI sees the pair now');

      await local.control.reset();
      const second = await collect(service.chat(request));
      assert.equal(second.error, undefined);
      assert.equal(requestsOf(second.events).length, 1);
      assert.equal((await local.control.requestsOf('ConverseStream')).length, 1, 'no refusal the second time');
    } finally {
      service.dispose();
    }
  });

  it('corrects the VS Code chat provider\'s requests (toolChat) the same way', async () => {
    const { service, store, request } = await setUp();
    try {
      const { events, error } = await collect(service.toolChat({ ...request, messages: [{ role: 'user', content: [{ type: 'text', text: 'Say hello' }] }] }) as AsyncIterable<ChatEvent>);
      assert.equal(error, undefined, String(error));
      assert.equal(requestsOf(events).length, 2);
      assert.ok(requestsOf(events)[1]!.correction);
      assert.equal(store.get(request.model.id).length, 1);
    } finally {
      service.dispose();
    }
  });

  it('corrects at most once: a corrected request refused again fails with Bedrock\'s words', async () => {
    const { service, store, request } = await setUp();
    try {
      // Every request refused, whatever it holds: the correction cannot help, and must not loop.
      await local.control.fault({ operation: 'ConverseStream', fault: 'validation', times: -1, message: '`temperature` is deprecated for this model.' });
      const r = await collect(service.chat({ ...request, invocationId: 'anthropic.claude-3-haiku-20240307-v1:0', settings: { temperature: 0.3 } }));
      assert.match(String(r.error), /deprecated for this model/);
      assert.equal(requestsOf(r.events).length, 2);
      assert.equal((await local.control.requestsOf('ConverseStream')).length, 2, 'the request and one correction, no more');
      assert.equal(store.get(request.model.id).length, 1);
    } finally {
      service.dispose();
    }
  });

  it('never loops and never retries a refusal it cannot name', async () => {
    const { service, store, request } = await setUp();
    try {
      // Top-k out of the endpoint's range for the model: named, but not a rule we correct.
      const r = await collect(service.chat({ ...request, invocationId: 'anthropic.claude-3-haiku-20240307-v1:0', model: { ...request.model, id: 'anthropic.claude-3-haiku-20240307-v1:0' }, settings: { maxTokens: 100_000 } }));
      // 4096 is the registry's limit for Claude 3 Haiku: clamped before sending, so it answers at once.
      assert.equal(r.error, undefined);
      await local.control.reset();
      await local.control.fault({ operation: 'ConverseStream', fault: 'throttle', times: 10 });
      const throttled = await collect(service.chat(request));
      assert.ok(throttled.error);
      assert.equal(requestsOf(throttled.events).length, 1, 'a throttle is not a refusal to correct');
      assert.equal(store.get(request.model.id).length, 0);
    } finally {
      service.dispose();
    }
  });
});

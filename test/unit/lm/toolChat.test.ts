// The Bedrock layer's tool-aware chat (src/bedrock/toolChat.ts) through the real SDK against the
// local endpoint: tool calls out of the stream, tool results back in, toolConfig on the wire,
// Converse for models that take tools only without streaming, and Bedrock's pairing checks.
import * as assert from 'node:assert/strict';
import type { ToolChatEvent, ToolChatRequest, ToolDefinition } from '../../../src/bedrock/toolChat';
import { localService, model, useLocalBedrock } from '../bedrock/localEndpoint';

const WEATHER: ToolDefinition = {
  name: 'get_weather',
  description: 'The weather in a city.',
  inputSchema: { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1 } }, required: ['city'] },
};

async function drain(events: AsyncIterable<ToolChatEvent>): Promise<{ events: ToolChatEvent[]; error?: unknown }> {
  const out: ToolChatEvent[] = [];
  try {
    for await (const ev of events) out.push(ev);
    return { events: out };
  } catch (error) {
    return { events: out, error };
  }
}

const text = (events: ToolChatEvent[]): string => events.map((e) => (e.type === 'text' ? e.text : '')).join('');
const toolUses = (events: ToolChatEvent[]) => events.flatMap((e) => (e.type === 'toolUse' ? [e] : []));

describe('bedrock/toolChat', () => {
  const local = useLocalBedrock();

  it('streams a tool call (input JSON joined from its pieces) before stop, with toolConfig on the wire', async () => {
    const service = localService(local.lb);
    try {
      const m = await model(service, 'anthropic.claude-3-haiku-20240307-v1:0');
      const { events, error } = await drain(service.toolChat({
        model: m, settings: { maxTokens: 200 }, tools: [WEATHER],
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Please use get_weather with {"city": "Paris", "days": 2}' }] }],
      }));
      assert.equal(error, undefined, String(error));
      const types = events.map((e) => e.type);
      assert.deepEqual(types.slice(types.indexOf('toolUse')), ['toolUse', 'stop', 'usage', 'metrics']);
      const [call] = toolUses(events);
      assert.equal(call?.name, 'get_weather');
      assert.deepEqual(call?.input, { city: 'Paris', days: 2 });
      assert.match(call?.toolUseId ?? '', /^tooluse_/);
      const stop = events.find((e) => e.type === 'stop');
      assert.equal(stop?.type === 'stop' ? stop.stopReason : undefined, 'tool_use');
      assert.match(text(events), /get_weather/);
      const [logged] = await local.control.requestsOf('ConverseStream');
      const body = logged?.body as { toolConfig?: { tools: Array<{ toolSpec: { name: string; inputSchema: { json: unknown } } }>; toolChoice?: unknown } };
      assert.equal(body.toolConfig?.tools[0]?.toolSpec.name, 'get_weather');
      assert.deepEqual(body.toolConfig?.tools[0]?.toolSpec.inputSchema.json, WEATHER.inputSchema);
      assert.equal(body.toolConfig?.toolChoice, undefined, 'auto is Bedrock\'s default: not sent');
    } finally {
      service.dispose();
    }
  });

  it('sends the tool result back and streams the answer that uses it', async () => {
    const service = localService(local.lb);
    try {
      const m = await model(service, 'amazon.nova-pro-v1:0');
      const request: ToolChatRequest = {
        model: m, settings: {}, tools: [WEATHER],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'What is the weather? Ask get_weather.' }] },
          { role: 'assistant', content: [{ type: 'text', text: 'Calling it.' }, { type: 'toolUse', toolUseId: 'call_1', name: 'get_weather', input: { city: 'Oslo' } }] },
          { role: 'user', content: [{ type: 'toolResult', toolUseId: 'call_1', content: [{ type: 'text', text: 'Snow, -3 degrees' }, { type: 'json', json: { wind: 12 } }] }] },
        ],
      };
      const { events, error } = await drain(service.toolChat(request));
      assert.equal(error, undefined, String(error));
      assert.deepEqual(toolUses(events), [], 'after a result the model answers in words');
      assert.match(text(events), /> Snow, -3 degrees/);
      assert.match(text(events), /\{"wind":12\}/);
      const [logged] = await local.control.requestsOf('ConverseStream');
      const messages = (logged?.body as { messages: Array<{ content: unknown[] }> }).messages;
      assert.deepEqual(messages[1]?.content[1], { toolUse: { toolUseId: 'call_1', name: 'get_weather', input: { city: 'Oslo' } } });
      assert.deepEqual(messages[2]?.content[0], { toolResult: { toolUseId: 'call_1', content: [{ text: 'Snow, -3 degrees' }, { json: { wind: 12 } }] } });
    } finally {
      service.dispose();
    }
  });

  it('forces a tool with toolChoice, filling the input from the schema', async () => {
    const service = localService(local.lb);
    try {
      const m = await model(service, 'anthropic.claude-3-haiku-20240307-v1:0');
      const { events, error } = await drain(service.toolChat({
        model: m, settings: {}, tools: [WEATHER], toolChoice: 'any',
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello there' }] }],
      }));
      assert.equal(error, undefined, String(error));
      assert.deepEqual(toolUses(events).map((c) => c.input), [{ city: 'example city', days: 1 }]);
      const [logged] = await local.control.requestsOf('ConverseStream');
      assert.deepEqual((logged?.body as { toolConfig: { toolChoice: unknown } }).toolConfig.toolChoice, { any: {} });
    } finally {
      service.dispose();
    }
  });

  it('uses Converse for a model that takes tools only without streaming, and streams it without tools', async () => {
    const service = localService(local.lb);
    try {
      const m = await model(service, 'mistral.mistral-large-2402-v1:0');
      const messages: ToolChatRequest['messages'] = [{ role: 'user', content: [{ type: 'text', text: 'call get_weather {"city":"Rome"}' }] }];
      const withTools = await drain(service.toolChat({ model: m, settings: {}, tools: [WEATHER], messages }));
      assert.equal(withTools.error, undefined, String(withTools.error));
      assert.deepEqual(toolUses(withTools.events).map((c) => c.input), [{ city: 'Rome' }]);
      const without = await drain(service.toolChat({ model: m, settings: {}, messages }));
      assert.equal(without.error, undefined, String(without.error));
      assert.deepEqual((await local.control.runtimeRequests()).map((r) => r.operation), ['Converse', 'ConverseStream']);
    } finally {
      service.dispose();
    }
  });

  it('declares the tools named in the history when none are offered (Bedrock requires a toolConfig)', async () => {
    const service = localService(local.lb);
    try {
      const m = await model(service, 'anthropic.claude-3-haiku-20240307-v1:0');
      const { error } = await drain(service.toolChat({
        model: m, settings: {},
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'go' }] },
          { role: 'assistant', content: [{ type: 'toolUse', toolUseId: 'a', name: 'lookup', input: {} }] },
          { role: 'user', content: [{ type: 'toolResult', toolUseId: 'a', content: [] }, { type: 'text', text: 'and now?' }] },
        ],
      }));
      assert.equal(error, undefined, String(error));
      const [logged] = await local.control.requestsOf('ConverseStream');
      const body = logged?.body as { toolConfig: { tools: Array<{ toolSpec: { name: string } }> }; messages: Array<{ content: unknown[] }> };
      assert.deepEqual(body.toolConfig.tools.map((t) => t.toolSpec.name), ['lookup']);
      assert.deepEqual(body.messages[2]?.content[0], { toolResult: { toolUseId: 'a', content: [{ text: '(no output)' }] } });
    } finally {
      service.dispose();
    }
  });

  it('refuses tools for a model without tool use, and says so before sending', async () => {
    const service = localService(local.lb);
    try {
      const m = await model(service, 'amazon.titan-text-express-v1');
      const { error } = await drain(service.toolChat({ model: m, settings: {}, tools: [WEATHER], messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] }));
      assert.match(String(error), /cannot call tools/);
      assert.deepEqual(await local.control.runtimeRequests(), []);
    } finally {
      service.dispose();
    }
  });

  it('surfaces Bedrock\'s refusal of a tool result that answers no call', async () => {
    const service = localService(local.lb);
    try {
      const m = await model(service, 'anthropic.claude-3-haiku-20240307-v1:0');
      const { error } = await drain(service.toolChat({
        model: m, settings: {}, tools: [WEATHER],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'go' }] },
          { role: 'assistant', content: [{ type: 'toolUse', toolUseId: 'a', name: 'get_weather', input: {} }] },
          { role: 'user', content: [{ type: 'toolResult', toolUseId: 'b', content: [{ type: 'text', text: 'x' }] }] },
        ],
      }));
      assert.match(String(error), /Expected toolResult blocks at messages\.2\.content for the following Ids: a/);
      assert.equal(service.describeError(error).kind, 'validation');
    } finally {
      service.dispose();
    }
  });

  it('ends the HTTP/2 stream when the consumer stops early', async () => {
    const service = localService(local.lb);
    try {
      await local.control.rate(50);
      const m = await model(service, 'amazon.nova-lite-v1:0');
      const started = Date.now();
      let texts = 0;
      for await (const ev of service.toolChat({ model: m, settings: { maxTokens: 2000 }, messages: [{ role: 'user', content: [{ type: 'text', text: 'a long answer please' }] }] })) {
        if (ev.type === 'text' && ++texts === 2) break;
      }
      assert.ok(Date.now() - started < 5000, 'did not wait for the whole answer');
      // The endpoint still answers at once: the cut stream did not wedge the connection.
      await local.control.rate(0);
      const again = await drain(service.toolChat({ model: m, settings: { maxTokens: 20 }, messages: [{ role: 'user', content: [{ type: 'text', text: 'again' }] }] }));
      assert.equal(again.error, undefined, String(again.error));
    } finally {
      service.dispose();
    }
  });
});

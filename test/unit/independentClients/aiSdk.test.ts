// Vercel's AI SDK (`ai` + `@ai-sdk/amazon-bedrock`) against the local Bedrock endpoint. The
// provider was not written here and shares no code with the AWS SDK the stand-in was built
// against: its own fetch (HTTP/1.1), SigV4 signer (aws4fetch), zod response schemas and
// event-stream parsing. A reply it cannot read is a stand-in bug (fix it in test/localBedrock/).
import * as assert from 'node:assert/strict';
import { createAmazonBedrock, type AmazonBedrockProvider } from '@ai-sdk/amazon-bedrock';
import { APICallError, embed, embedMany, generateImage, generateText, jsonSchema, stepCountIs, streamText, tool, type TextStreamPart, type ToolSet } from 'ai';
import { rejection, tokens, useStandIn } from './standIn';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const NOVA = 'amazon.nova-lite-v1:0';
const SONNET_37 = 'us.anthropic.claude-3-7-sonnet-20250219-v1:0';

/** streamText's default onError prints every error part; these tests assert on the parts instead. */
const quiet = (): void => undefined;

async function parts<T extends ToolSet>(stream: AsyncIterable<TextStreamPart<T>>): Promise<TextStreamPart<T>[]> {
  const out: TextStreamPart<T>[] = [];
  for await (const p of stream) out.push(p);
  return out;
}

describe('independent client: AI SDK Bedrock provider against the local endpoint', () => {
  const s = useStandIn();
  let bedrock: AmazonBedrockProvider;
  /** The Authorization header of every request the provider sent. */
  const authorizations: string[] = [];

  before(() => {
    bedrock = createAmazonBedrock({
      baseURL: s.server.endpoint,
      region: 'eu-west-1',
      accessKeyId: 'local',
      secretAccessKey: 'local',
      // An empty key (not undefined) keeps an AWS_BEARER_TOKEN_BEDROCK in the environment from
      // switching the provider to bearer-token auth: these tests exercise its SigV4 signer.
      apiKey: '',
      fetch: async (input, init) => {
        authorizations.push(new Headers(init?.headers).get('authorization') ?? '');
        return fetch(input, init);
      },
    });
  });
  beforeEach(() => { authorizations.length = 0; });

  describe('generateText (Converse)', () => {
    it('reads a Claude answer: text, finish reason and usage by the token rule', async () => {
      const prompt = 'Explain monads in two lines';
      const system = 'Be brief.';
      const res = await generateText({ model: bedrock(HAIKU), system, prompt, maxRetries: 0 });
      assert.match(res.text, /Claude 3 Haiku/);
      assert.match(res.text, /^> Explain monads in two lines$/m);
      assert.match(res.text, /That is all from the stand-in for anthropic\.claude-3-haiku-20240307-v1:0\.$/);
      assert.equal(res.finishReason, 'stop');
      assert.equal(res.rawFinishReason, 'end_turn');
      assert.equal(res.usage.inputTokens, tokens(prompt) + tokens(system));
      assert.equal(res.usage.outputTokens, tokens(res.text));
      assert.equal(res.usage.totalTokens, tokens(prompt) + tokens(system) + tokens(res.text));
      assert.ok(res.response.id, 'the x-amzn-requestid header becomes the response id');

      const [logged] = await s.requests();
      assert.equal(logged?.operation, 'Converse');
      assert.equal(logged?.modelId, HAIKU);
      assert.equal(logged?.protocol, 'http/1.1');
      assert.deepEqual(logged?.body.system, [{ text: system }]);
      // SigV4 by aws4fetch, scoped to the region and service the provider chose.
      assert.match(authorizations[0] ?? '', /^AWS4-HMAC-SHA256 Credential=local\/\d{8}\/eu-west-1\/bedrock\/aws4_request, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}$/);
    });

    it('reads a Nova answer, and maxOutputTokens cuts it with finish reason length', async () => {
      const prompt = 'Name three colours';
      const full = await generateText({ model: bedrock(NOVA), prompt, temperature: 0.2, maxRetries: 0 });
      assert.match(full.text, /Nova Lite/);
      assert.match(full.text, /^- temperature: 0\.2$/m);
      assert.equal(full.finishReason, 'stop');
      assert.equal(full.usage.inputTokens, tokens(prompt));
      assert.equal(full.usage.outputTokens, tokens(full.text));

      const cut = await generateText({ model: bedrock(NOVA), prompt, temperature: 0.2, maxOutputTokens: 9, maxRetries: 0 });
      assert.equal(cut.finishReason, 'length');
      assert.equal(cut.rawFinishReason, 'max_tokens');
      assert.equal(cut.usage.outputTokens, 9);
      assert.equal(tokens(cut.text), 9);
      assert.ok(full.text.startsWith(cut.text));
    });

    it('stops at a stop sequence with finish reason stop (raw stop_sequence)', async () => {
      const res = await generateText({ model: bedrock(HAIKU), prompt: 'alpha STOPHERE omega', stopSequences: ['STOPHERE'], maxRetries: 0 });
      assert.ok(res.text.endsWith('> alpha '), res.text);
      assert.equal(res.finishReason, 'stop');
      assert.equal(res.rawFinishReason, 'stop_sequence');
      assert.equal(res.usage.outputTokens, tokens(res.text));
      const [logged] = await s.requests();
      assert.deepEqual(logged?.body.inferenceConfig, { stopSequences: ['STOPHERE'] });
    });
  });

  describe('streamText (ConverseStream)', () => {
    it('streams deltas that join to the non-streamed answer, with the same usage', async () => {
      const prompt = 'Describe the event-stream framing';
      const whole = await generateText({ model: bedrock(HAIKU), prompt, maxRetries: 0 });
      const stream = streamText({ model: bedrock(HAIKU), prompt, maxRetries: 0 });
      const all = await parts(stream.fullStream);
      const deltas = all.flatMap((p) => (p.type === 'text-delta' ? [p.text] : []));
      assert.ok(deltas.length > 10, `only ${deltas.length} deltas`);
      assert.equal(deltas.join(''), whole.text);
      assert.equal(await stream.text, whole.text);
      assert.equal(await stream.finishReason, 'stop');
      const usage = await stream.usage;
      assert.deepEqual(
        { input: usage.inputTokens, output: usage.outputTokens, total: usage.totalTokens },
        { input: tokens(prompt), output: tokens(whole.text), total: tokens(prompt) + tokens(whole.text) },
      );
      assert.ok(!all.some((p) => p.type === 'error'), 'no error parts');
      assert.deepEqual((await s.requests()).map((r) => r.operation), ['Converse', 'ConverseStream']);
    });

    it('streams Claude 3.7 extended thinking as reasoning parts before the text', async () => {
      const prompt = 'Think about prime numbers';
      const providerOptions = { bedrock: { reasoningConfig: { type: 'enabled' as const, budgetTokens: 1024 } } };
      const stream = streamText({ model: bedrock(SONNET_37), prompt, providerOptions, maxRetries: 0 });
      const all = await parts(stream.fullStream);
      const reasoning = all.flatMap((p) => (p.type === 'reasoning-delta' ? [p.text] : [])).join('');
      const text = all.flatMap((p) => (p.type === 'text-delta' ? [p.text] : [])).join('');
      assert.match(reasoning, /^The user wrote: "Think about prime numbers"\./);
      assert.match(text, /Claude 3\.7 Sonnet/);
      const firstReasoning = all.findIndex((p) => p.type === 'reasoning-delta');
      const firstText = all.findIndex((p) => p.type === 'text-delta');
      assert.ok(firstReasoning >= 0 && firstReasoning < firstText, 'reasoning comes first');
      assert.ok(all.some((p) => p.type === 'reasoning-end'), 'the reasoning block closes');
      assert.equal(await stream.reasoningText, reasoning);
      // The signature delta ends up in the reasoning part's provider metadata.
      const [part] = await stream.reasoning;
      assert.equal(typeof part?.providerMetadata?.bedrock?.signature, 'string');
      const usage = await stream.usage;
      assert.equal(usage.outputTokens, tokens(reasoning) + tokens(text));
      assert.equal(await stream.finishReason, 'stop');

      // The provider asked for thinking the way Bedrock documents it for Claude.
      const [logged] = await s.requests();
      assert.deepEqual(logged?.body.additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 1024 } });
      assert.equal(logged?.modelId, SONNET_37);

      // Not streamed: the same reasoning and text.
      const whole = await generateText({ model: bedrock(SONNET_37), prompt, providerOptions, maxRetries: 0 });
      assert.equal(whole.reasoningText, reasoning);
      assert.equal(whole.text, text);
    });

    it('streams a tool call with parsed input and finish reason tool-calls', async () => {
      const tools = {
        get_weather: tool({
          description: 'Current weather for a city',
          inputSchema: jsonSchema<{ city: string; unit: 'celsius' | 'fahrenheit' }>({
            type: 'object',
            properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
            required: ['city', 'unit'],
          }),
        }),
      };
      const stream = streamText({ model: bedrock(HAIKU), tools, prompt: 'Please use get_weather for {"city": "Paris", "unit": "celsius"}', maxRetries: 0 });
      const all = await parts(stream.fullStream);
      const calls = all.filter((p) => p.type === 'tool-call');
      assert.equal(calls.length, 1);
      const call = calls[0]!;
      assert.equal(call.toolName, 'get_weather');
      assert.deepEqual(call.input, { city: 'Paris', unit: 'celsius' });
      assert.match(call.toolCallId, /^tooluse_/);
      // The input arrived in pieces, as Bedrock streams it.
      assert.ok(all.filter((p) => p.type === 'tool-input-delta').length >= 2);
      assert.equal(await stream.text, 'I will call get_weather for this.');
      assert.equal(await stream.finishReason, 'tool-calls');
      assert.equal((await stream.usage).outputTokens, tokens('I will call get_weather for this.') + tokens(JSON.stringify({ city: 'Paris', unit: 'celsius' })));

      const [logged] = await s.requests();
      const toolConfig = logged?.body.toolConfig as { tools: { toolSpec: { name: string } }[] };
      assert.equal(toolConfig.tools[0]?.toolSpec.name, 'get_weather');
    });

    it('runs a tool and sends its result back: the second step answers in words, quoting it', async () => {
      const tools = {
        get_weather: tool({
          description: 'Current weather for a city',
          inputSchema: jsonSchema<{ city: string }>({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }),
          execute: async ({ city }) => ({ city, temperatureC: 18, sky: 'overcast' }),
        }),
      };
      const res = await generateText({ model: bedrock(NOVA), tools, stopWhen: stepCountIs(2), prompt: 'What is it like outside? use get_weather', maxRetries: 0 });
      assert.equal(res.steps.length, 2);
      assert.equal(res.steps[0]?.finishReason, 'tool-calls');
      assert.deepEqual(res.steps[0]?.toolCalls.map((c) => [c.toolName, c.input]), [['get_weather', { city: 'example city' }]]);
      assert.deepEqual(res.steps[0]?.toolResults.map((r) => r.output), [{ city: 'example city', temperatureC: 18, sky: 'overcast' }]);
      assert.equal(res.finishReason, 'stop');
      assert.match(res.text, /"temperatureC":18/);
      // The second request carried the assistant's toolUse and the user's toolResult, paired by id.
      const second = (await s.requests())[1]?.body.messages as { role: string; content: Record<string, { toolUseId?: string }>[] }[];
      const use = second[1]?.content.find((b) => b.toolUse)?.toolUse;
      const result = second[2]?.content.find((b) => b.toolResult)?.toolResult;
      assert.ok(use?.toolUseId);
      assert.equal(result?.toolUseId, use.toolUseId);
    });
  });

  describe('embed / embedMany (InvokeModel)', () => {
    it('embeds with Titan Text Embeddings V2: 1024 floats by default, 256 on request, deterministic', async () => {
      const model = bedrock.embedding('amazon.titan-embed-text-v2:0');
      const a = await embed({ model, value: 'the quick brown fox', maxRetries: 0 });
      const b = await embed({ model, value: 'the quick brown fox', maxRetries: 0 });
      assert.equal(a.embedding.length, 1024);
      assert.deepEqual(a.embedding, b.embedding);
      assert.ok(Math.abs(Math.hypot(...a.embedding) - 1) < 1e-9, 'normalized');
      assert.equal(a.usage.tokens, tokens('the quick brown fox'));
      const small = await embed({ model, value: 'the quick brown fox', providerOptions: { bedrock: { dimensions: 256 } }, maxRetries: 0 });
      assert.equal(small.embedding.length, 256);
      const other = await embed({ model, value: 'an entirely different sentence', maxRetries: 0 });
      assert.notDeepEqual(other.embedding, a.embedding);
      const logged = (await s.requests())[2];
      assert.deepEqual(logged?.body, { inputText: 'the quick brown fox', dimensions: 256 });
    });

    it('embeds many with Cohere Embed v3 in one call: 1024 floats each, deterministic', async () => {
      const model = bedrock.embedding('cohere.embed-english-v3');
      const values = ['alpha beta', 'gamma delta epsilon', 'alpha beta'];
      const res = await embedMany({ model, values, maxRetries: 0 });
      assert.equal(res.embeddings.length, 3);
      for (const e of res.embeddings) assert.equal(e.length, 1024);
      assert.deepEqual(res.embeddings[0], res.embeddings[2]);
      assert.notDeepEqual(res.embeddings[0], res.embeddings[1]);
      const single = await embed({ model, value: 'gamma delta epsilon', maxRetries: 0 });
      assert.deepEqual(single.embedding, res.embeddings[1]);
      // Cohere's body has no token count: the provider reads x-amzn-bedrock-input-token-count.
      assert.equal(res.usage.tokens, tokens(values.join(' ')));
      const logged = await s.requests();
      assert.deepEqual(logged.map((r) => r.operation), ['InvokeModel', 'InvokeModel'], 'one call for all three texts, one for the single');
      assert.deepEqual(logged[0]?.body, { input_type: 'search_query', texts: values });
    });
  });

  describe('generateImage (InvokeModel)', () => {
    const pngSize = (png: Uint8Array): { width: number; height: number } => {
      assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
      assert.equal(Buffer.from(png.subarray(12, 16)).toString('latin1'), 'IHDR');
      const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
      return { width: view.getUint32(16), height: view.getUint32(20) };
    };

    it('generates Nova Canvas PNGs of the requested size, the same bytes for the same seed', async () => {
      const model = bedrock.image('amazon.nova-canvas-v1:0');
      const res = await generateImage({ model, prompt: 'a lighthouse at dusk', size: '512x320', seed: 7, n: 2, maxRetries: 0 });
      assert.equal(res.images.length, 2);
      for (const img of res.images) {
        assert.equal(img.mediaType, 'image/png');
        assert.deepEqual(pngSize(img.uint8Array), { width: 512, height: 320 });
      }
      const again = await generateImage({ model, prompt: 'a lighthouse at dusk', size: '512x320', seed: 7, n: 1, maxRetries: 0 });
      assert.deepEqual(again.image.uint8Array, res.images[0]!.uint8Array);
      const [logged] = await s.requests();
      assert.deepEqual(logged?.body, {
        taskType: 'TEXT_IMAGE', textToImageParams: { text: 'a lighthouse at dusk' },
        imageGenerationConfig: { width: 512, height: 320, seed: 7, numberOfImages: 2 },
      });
    });

    it('generates a Titan Image v2 PNG of one of its sizes', async () => {
      const res = await generateImage({ model: bedrock.image('amazon.titan-image-generator-v2:0'), prompt: 'a red bicycle', size: '768x1152', maxRetries: 0 });
      assert.deepEqual(pngSize(res.image.uint8Array), { width: 768, height: 1152 });
    });
  });

  describe('errors', () => {
    it('an unknown model id is an APICallError with status 400 and Bedrock\'s message', async () => {
      const err = await rejection(() => generateText({ model: bedrock('anthropic.no-such-model-v9:0'), prompt: 'hi', maxRetries: 0 }));
      assert.ok(APICallError.isInstance(err), String(err));
      assert.equal(err.statusCode, 400);
      assert.equal(err.message, 'The provided model identifier is invalid.');
      assert.equal(err.isRetryable, false);
      assert.match(err.responseHeaders?.['x-amzn-errortype'] ?? '', /^ValidationException:/);
    });

    it('a throttle is an APICallError with status 429, ThrottlingException\'s message, retryable', async () => {
      await s.armFault({ operation: 'Converse', fault: 'throttle' });
      const err = await rejection(() => generateText({ model: bedrock(HAIKU), prompt: 'hi', maxRetries: 0 }));
      assert.ok(APICallError.isInstance(err), String(err));
      assert.equal(err.statusCode, 429);
      assert.equal(err.message, 'Too many requests, please wait before trying again.');
      assert.equal(err.isRetryable, true);
      assert.equal((await s.requests()).length, 1, 'maxRetries 0: one attempt');
      // The fault is used up: the next call is answered.
      assert.match((await generateText({ model: bedrock(HAIKU), prompt: 'hi', maxRetries: 0 })).text, /Claude 3 Haiku/);
    });

    it('a throttled stream surfaces as an error part carrying the APICallError', async () => {
      await s.armFault({ operation: 'ConverseStream', fault: 'throttle' });
      const all = await parts(streamText({ model: bedrock(HAIKU), prompt: 'hi', maxRetries: 0, onError: quiet }).fullStream);
      const errors = all.flatMap((p) => (p.type === 'error' ? [p.error] : []));
      assert.equal(errors.length, 1);
      const err = errors[0];
      assert.ok(APICallError.isInstance(err), String(err));
      assert.equal(err.statusCode, 429);
      assert.equal(err.message, 'Too many requests, please wait before trying again.');
    });

    it('a connection dropped mid-stream makes the stream throw, after the text that arrived', async () => {
      await s.armFault({ operation: 'ConverseStream', fault: 'dropAfterEvents', afterEvents: 3 });
      const seen: TextStreamPart<ToolSet>[] = [];
      const err = await rejection(async () => {
        for await (const p of streamText({ model: bedrock(HAIKU), prompt: 'hi', maxRetries: 0, onError: quiet }).fullStream) seen.push(p);
      });
      // messageStart and two deltas went out before the server destroyed the socket.
      assert.equal(seen.filter((p) => p.type === 'text-delta').length, 2);
      assert.ok(err instanceof TypeError, String(err)); // undici's "terminated"
      assert.ok(!seen.some((p) => p.type === 'finish'), 'no finish part after a broken stream');
    });

    it('an in-stream exception after some text surfaces as an error part with its message', async () => {
      await s.armFault({ operation: 'ConverseStream', fault: 'streamException', afterEvents: 4, message: 'The model stumbled mid-answer.' });
      const stream = streamText({ model: bedrock(HAIKU), prompt: 'hi', maxRetries: 0, onError: quiet });
      const all = await parts(stream.fullStream);
      const deltas = all.filter((p) => p.type === 'text-delta');
      assert.equal(deltas.length, 3, 'messageStart + 3 deltas went out before the exception');
      const errors = all.flatMap((p) => (p.type === 'error' ? [p.error] : []));
      assert.equal(errors.length, 1);
      assert.deepEqual(errors[0], { message: 'The model stumbled mid-answer.' });
      assert.equal(await stream.finishReason, 'error');
    });
  });
});

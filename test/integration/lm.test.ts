// Bedrock models in VS Code's own language model API, in a real extension host against the
// local endpoint: listed by selectChatModels from the live catalog, answers streamed through
// ConverseStream with the resolved id, a tool call round trip, cancellation, errors as
// LanguageModelError, the list following the region, and the settings that hide or turn it off.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, localBedrock } from './support/extension';
import { setSetting } from './support/modelTree';
import { untilEvent } from './support/vscodeEvents';
import { BedrockChatProvider } from '../../src/lm/provider';
import { chatProviderSettings } from '../../src/lm/settings';
import { bedrock as bedrockService } from '../../src/core/services';

const VENDOR = 'bedrock-playground';
const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const SONNET_37 = 'anthropic.claude-3-7-sonnet-20250219-v1:0';

async function models(selector: vscode.LanguageModelChatSelector = {}): Promise<vscode.LanguageModelChat[]> {
  return vscode.lm.selectChatModels({ vendor: VENDOR, ...selector });
}

async function modelById(id: string): Promise<vscode.LanguageModelChat> {
  const [m] = await models({ id });
  if (!m) throw new Error(`${id} is not among the ${VENDOR} models: ${(await models()).map((x) => x.id).join(', ')}`);
  return m;
}

/** Waits until `predicate` holds for selectChatModels' list, read again each time onDidChangeChatModels fires. */
async function modelsUntil(predicate: (list: vscode.LanguageModelChat[]) => boolean, what: string, timeoutMs = 30_000): Promise<vscode.LanguageModelChat[]> {
  let last: vscode.LanguageModelChat[] = [];
  try {
    return await untilEvent([vscode.lm.onDidChangeChatModels], async () => {
      last = await models();
      return predicate(last) ? last : undefined;
    }, what, timeoutMs);
  } catch (err) {
    throw new Error(`${(err as Error).message}; the list: ${last.map((m) => m.id).join(', ')}`, { cause: err });
  }
}

async function drain(response: vscode.LanguageModelChatResponse): Promise<{ text: string; calls: vscode.LanguageModelToolCallPart[]; texts: number }> {
  let text = '';
  let texts = 0;
  const calls: vscode.LanguageModelToolCallPart[] = [];
  for await (const part of response.stream) {
    if (part instanceof vscode.LanguageModelTextPart) {
      text += part.value;
      texts++;
    } else if (part instanceof vscode.LanguageModelToolCallPart) {
      calls.push(part);
    }
  }
  return { text, calls, texts };
}

describe('Bedrock models in VS Code Chat (vscode.lm)', function () {
  this.timeout(60_000);
  const bedrock = localBedrock();

  before(async () => {
    await activeExtension();
    await bedrock.reset();
    await setSetting('region', 'us-east-1');
  });
  afterEach(async () => {
    await bedrock.reset();
  });
  after(async () => {
    await setSetting('region', undefined);
    await setSetting('chatProvider.enabled', undefined);
    await setSetting('chatProvider.hiddenModels', undefined);
  });

  it('lists the catalog\'s chat models through selectChatModels, with name, family, version and limits', async () => {
    const list = await modelsUntil((l) => l.length > 0, 'the Bedrock models');
    const ids = list.map((m) => m.id);
    for (const id of [HAIKU, SONNET_37, 'amazon.nova-pro-v1:0', 'meta.llama3-8b-instruct-v1:0', 'mistral.mistral-7b-instruct-v0:2']) {
      assert.ok(ids.includes(id), `${id} missing from ${ids.join(', ')}`);
    }
    for (const id of ['amazon.nova-canvas-v1:0', 'amazon.titan-embed-text-v2:0', 'cohere.command-text-v14']) assert.ok(!ids.includes(id), `${id} is not a chat model`);
    const haiku = await modelById(HAIKU);
    assert.equal(haiku.vendor, VENDOR);
    assert.equal(haiku.name, 'Claude 3 Haiku');
    assert.equal(haiku.family, 'claude-3-haiku');
    assert.equal(haiku.version, '20240307-v1:0');
    assert.equal(haiku.maxInputTokens, 200_000);
    assert.deepEqual((await models({ family: 'nova-pro' })).map((m) => m.id), ['amazon.nova-pro-v1:0']);
  });

  it('streams the local endpoint\'s answer as text parts, calling a profile-only model through its profile', async () => {
    await bedrock.setTokensPerSecond(500);
    const sonnet = await modelById(SONNET_37);
    const response = await sonnet.sendRequest([vscode.LanguageModelChatMessage.User('Say something about tides')], { modelOptions: { maxTokens: 300 } });
    const { text, texts } = await drain(response);
    assert.match(text, /Claude 3\.7 Sonnet/);
    assert.match(text, /> Say something about tides/);
    assert.ok(texts > 5, `streamed in pieces (${texts})`);
    const [req] = await bedrock.requestsFor('ConverseStream');
    assert.equal(req?.modelId, `us.${SONNET_37}`);
    assert.deepEqual((req?.body as { inferenceConfig?: unknown }).inferenceConfig, { maxTokens: 300 });
  });

  it('makes a tool call and answers with the tool\'s result (a full round trip)', async () => {
    const haiku = await modelById(HAIKU);
    const tools: vscode.LanguageModelChatTool[] = [{
      name: 'get_weather',
      description: 'Current weather for a city',
      inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    }];
    const ask = vscode.LanguageModelChatMessage.User('Use get_weather for {"city": "Lisbon"}');
    const first = await drain(await haiku.sendRequest([ask], { tools }));
    assert.equal(first.calls.length, 1, `one tool call; text: ${first.text}`);
    const [toolCall] = first.calls;
    assert.equal(toolCall?.name, 'get_weather');
    assert.deepEqual(toolCall?.input, { city: 'Lisbon' });

    const second = await drain(await haiku.sendRequest([
      ask,
      vscode.LanguageModelChatMessage.Assistant([new vscode.LanguageModelTextPart(first.text), toolCall!]),
      vscode.LanguageModelChatMessage.User([new vscode.LanguageModelToolResultPart(toolCall!.callId, [new vscode.LanguageModelTextPart('Sunny and 24 degrees')])]),
    ], { tools }));
    assert.deepEqual(second.calls, []);
    assert.match(second.text, /> Sunny and 24 degrees/);
    const sent = await bedrock.requestsFor('ConverseStream');
    const body = sent[1]?.body as { toolConfig: { tools: Array<{ toolSpec: { name: string } }> }; messages: Array<{ role: string; content: Array<Record<string, unknown>> }> };
    assert.deepEqual(body.toolConfig.tools.map((t) => t.toolSpec.name), ['get_weather']);
    assert.deepEqual(body.messages[1]?.content[1], { toolUse: { toolUseId: toolCall!.callId, name: 'get_weather', input: { city: 'Lisbon' } } });
    assert.deepEqual(body.messages[2]?.content[0], { toolResult: { toolUseId: toolCall!.callId, content: [{ text: 'Sunny and 24 degrees' }] } });
  });

  it('ends the stream when the request is cancelled', async () => {
    await bedrock.setTokensPerSecond(40);
    const nova = await modelById('amazon.nova-lite-v1:0');
    const cts = new vscode.CancellationTokenSource();
    const started = Date.now();
    const response = await nova.sendRequest([vscode.LanguageModelChatMessage.User('a long story please')], { modelOptions: { maxTokens: 3000 } }, cts.token);
    let text = '';
    try {
      for await (const chunk of response.text) {
        text += chunk;
        if (text.length > 0) cts.cancel();
      }
    } catch (err) {
      // Cancelling may end the stream with a cancellation error: that is fine, what matters is that it ends.
      assert.ok(!(err instanceof vscode.LanguageModelError) || /cancel/i.test(err.message), String(err));
    }
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 60_000, `ended ${elapsed} ms after the start; 3000 tokens at 40/s would take over a minute`);
    assert.ok(text.length > 0 && !/That is all from the stand-in/.test(text), 'only the start of the answer arrived');
    // The cancel reached Bedrock: the endpoint saw the client close the stream before its end.
    assert.equal((await bedrock.waitForEnd((r) => r.operation === 'ConverseStream' && JSON.stringify(r.body).includes('a long story please'))).ended, 'clientClosed');
    // The connection was not left wedged: the next request is answered at full speed.
    await bedrock.setTokensPerSecond(0);
    const after = await drain(await nova.sendRequest([vscode.LanguageModelChatMessage.User('again')]));
    assert.match(after.text, /> again/);
  });

  it('stops the Bedrock stream itself on cancellation: the provider reports nothing more and returns', async () => {
    // The provider called directly (as VS Code calls it), so what happens after the cancel is visible.
    await bedrock.setTokensPerSecond(40);
    const provider = new BedrockChatProvider(bedrockService, chatProviderSettings);
    try {
      const [info] = (await provider.provideLanguageModelChatInformation({ silent: true }, new vscode.CancellationTokenSource().token)).filter((m) => m.id === 'amazon.nova-lite-v1:0');
      assert.ok(info);
      const cts = new vscode.CancellationTokenSource();
      let parts = 0;
      let afterCancel = 0;
      const done = provider.provideLanguageModelChatResponse(
        info,
        [vscode.LanguageModelChatMessage.User('a long story please')],
        { modelOptions: { maxTokens: 3000 }, toolMode: vscode.LanguageModelChatToolMode.Auto },
        { report: () => { if (cts.token.isCancellationRequested) afterCancel++; else if (++parts === 2) cts.cancel(); } },
        cts.token,
      );
      // 3000 tokens at 40 per second would take over a minute: only an ended stream returns now.
      await done;
      assert.equal(parts, 2);
      assert.ok(afterCancel <= 1, `${afterCancel} parts reported after the cancel`);
      assert.equal((await bedrock.waitForEnd((r) => r.operation === 'ConverseStream')).ended, 'clientClosed', 'the Bedrock stream itself was closed');
    } finally {
      provider.dispose();
    }
  });

  it('sends an image part to a model with image input', async () => {
    // LanguageModelDataPart is newer than the 1.104 typings this extension builds against.
    const DataPart = Reflect.get(vscode, 'LanguageModelDataPart') as { image(data: Uint8Array, mime: string): unknown } | undefined;
    assert.ok(DataPart, `this VS Code (${vscode.version}) has no LanguageModelDataPart`);
    const haiku = await modelById(HAIKU);
    const message = vscode.LanguageModelChatMessage.User('What is in this picture?');
    // A 1x1 PNG.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    // The typings cannot name the part; the host accepts it in a message's content.
    message.content = [DataPart.image(new Uint8Array(png), 'image/png') as vscode.LanguageModelTextPart, ...message.content];
    const { text } = await drain(await haiku.sendRequest([message]));
    assert.match(text, /\| images \| 1 \|/);
    const [req] = await bedrock.requestsFor('ConverseStream');
    const content = (req?.body as { messages: Array<{ content: Array<Record<string, unknown>> }> }).messages[0]?.content;
    assert.deepEqual(content?.[0], { image: { format: 'png', source: { bytes: `<${png.toString('base64').length} chars>` } } });
  });

  it('surfaces an access-denied fault as a LanguageModelError with the plain message', async () => {
    await bedrock.injectFault({ operation: 'ConverseStream', fault: 'accessDenied' });
    const haiku = await modelById(HAIKU);
    let caught: unknown;
    try {
      await drain(await haiku.sendRequest([vscode.LanguageModelChatMessage.User('hello')]));
    } catch (err) {
      caught = err;
    }
    assert.ok(caught instanceof vscode.LanguageModelError, `a LanguageModelError, not ${String(caught)}`);
    assert.equal(caught.message, `Access to ${HAIKU} is not granted in us-east-1.`);
    assert.equal(caught.code, vscode.LanguageModelError.NoPermissions.name);
  });

  it('refuses, in plain words, a request the model cannot take', async () => {
    const titan = await modelById('amazon.titan-text-express-v1');
    let caught: unknown;
    try {
      await drain(await titan.sendRequest([vscode.LanguageModelChatMessage.User('hi')], { tools: [{ name: 'x', description: 'x' }] }));
    } catch (err) {
      caught = err;
    }
    assert.ok(caught instanceof vscode.LanguageModelError, String(caught));
    assert.match(caught.message, /cannot call tools/);
    assert.deepEqual(await bedrock.requestsFor('ConverseStream'), [], 'nothing was sent');
  });

  it('counts tokens as the local endpoint does', async () => {
    const haiku = await modelById(HAIKU);
    assert.equal(await haiku.countTokens('three little  words'), 3);
    assert.equal(await haiku.countTokens(vscode.LanguageModelChatMessage.User('one two')), 2);
  });

  it('counts tokens with Bedrock\'s CountTokens where the model has it (by its bare id), and caches long prompts', async () => {
    const sonnet = await modelById(SONNET_37);
    assert.equal(await sonnet.countTokens('four words counted exactly'), 4);
    const counted = await bedrock.requestsFor('CountTokens');
    assert.equal(counted.length, 1);
    assert.equal(counted[0]!.modelId, SONNET_37);
    const long = Array.from({ length: 1100 }, (_, i) => `w${i}`).join(' ');
    await drain(await sonnet.sendRequest([vscode.LanguageModelChatMessage.User(long)], {}));
    const sent = (await bedrock.requestsFor('ConverseStream')).at(-1)!.body as { messages: Array<{ content: unknown[] }> };
    assert.deepEqual(sent.messages[0]!.content.at(-1), { cachePoint: { type: 'default' } }, 'a long prompt gets a cache point');
  });

  it('follows the region: a profile-only model is then called through that geography\'s profile', async () => {
    await setSetting('region', 'eu-west-1');
    try {
      const sonnet = await modelById(SONNET_37);
      await drain(await sonnet.sendRequest([vscode.LanguageModelChatMessage.User('from Europe')]));
      const [req] = await bedrock.requestsFor('ConverseStream');
      assert.equal(req?.modelId, `eu.${SONNET_37}`);
    } finally {
      await setSetting('region', 'us-east-1');
    }
  });

  it('follows the connection: another endpoint means another list, and the change event fires', async () => {
    await modelsUntil((l) => l.length > 0, 'the Bedrock models');
    let fired = 0;
    const sub = vscode.lm.onDidChangeChatModels(() => fired++);
    try {
      // Nothing listens on port 1: the catalog cannot be read there, so no model is offered.
      await setSetting('endpoint', 'http://127.0.0.1:1');
      await modelsUntil((l) => l.length === 0 && fired > 0, 'the list of an unreachable endpoint, announced by onDidChangeChatModels', 30_000);
      const before = fired;
      await setSetting('endpoint', undefined);
      await modelsUntil((l) => l.some((m) => m.id === HAIKU) && fired > before, 'the local endpoint\'s models again, announced');
    } finally {
      sub.dispose();
      await setSetting('endpoint', undefined);
    }
  });

  it('hides models named in bedrock.chatProvider.hiddenModels', async () => {
    await setSetting('chatProvider.hiddenModels', ['meta.*', 'Claude 3 Haiku']);
    try {
      const list = await modelsUntil((l) => l.length > 0 && !l.some((m) => m.id === HAIKU), 'Haiku to be hidden');
      assert.ok(!list.some((m) => m.id.startsWith('meta.')), 'no Meta model');
      assert.ok(list.some((m) => m.id === SONNET_37), 'the others stay');
    } finally {
      await setSetting('chatProvider.hiddenModels', undefined);
    }
    await modelsUntil((l) => l.some((m) => m.id === HAIKU), 'Haiku to come back');
  });

  it('offers no models when bedrock.chatProvider.enabled is off, and all of them again when on', async () => {
    await setSetting('chatProvider.enabled', false);
    try {
      await modelsUntil((l) => l.length === 0, 'an empty list');
    } finally {
      await setSetting('chatProvider.enabled', undefined);
    }
    await modelsUntil((l) => l.some((m) => m.id === HAIKU), 'the models to come back');
  });
});

import * as assert from 'node:assert/strict';
import { isModelsView, type ModelsView } from '../../../src/protocol/chat';
import { defaultChatModel, initialModel, modelOptions } from '../../../src/playground/chat/modelOptions';
import type { ModelOption } from '../../../src/protocol/chat';
import { localService, useLocalBedrock } from '../bedrock/localEndpoint';

describe('chat model picker options from the live catalog', () => {
  const local = useLocalBedrock();

  it('lists text models only, with spec and invoked id, in a shape the webview accepts', async () => {
    const service = localService(local.lb);
    try {
      const models = modelOptions(await service.catalog(), service);
      const ids = models.map((m) => m.id);
      assert.ok(ids.includes('anthropic.claude-3-haiku-20240307-v1:0'));
      assert.ok(!ids.some((id) => /embed|canvas|image|stability/.test(id)), ids.join());
      const sonnet37 = models.find((m) => m.id === 'anthropic.claude-3-7-sonnet-20250219-v1:0')!;
      assert.equal(sonnet37.via, 'profile');
      assert.equal(sonnet37.invokedId, 'us.anthropic.claude-3-7-sonnet-20250219-v1:0');
      assert.ok(models.find((m) => m.id === 'cohere.command-text-v14')?.legacy);
      const view: ModelsView = { models, loading: false, region: 'us-east-1', local: true, preferredId: ids[0] };
      // The webview drops what its guard refuses: every real spec must pass it.
      assert.ok(isModelsView(JSON.parse(JSON.stringify(view))));
      // A new chat with no setting and no last model starts on a small, fast, current model, called through its listed profile.
      const haiku45 = models.find((m) => m.id === 'anthropic.claude-haiku-4-5-20251001-v1:0')!;
      assert.equal(haiku45.via, 'profile');
      assert.equal(haiku45.callable, true);
      assert.equal(initialModel(models, '', undefined), haiku45.id);
      assert.equal(initialModel(models, 'not-listed', 'gone'), haiku45.id);
      // Without it, Nova 2 Lite (through its profile); without that too, Nova Lite (on demand).
      assert.equal(defaultChatModel(models.filter((m) => !/haiku/.test(m.id))), 'amazon.nova-2-lite-v1:0');
      assert.equal(defaultChatModel(models.filter((m) => !/haiku|nova-2/.test(m.id))), 'amazon.nova-lite-v1:0');
      assert.equal(initialModel(models, 'nope', sonnet37.id), sonnet37.id);
      assert.equal(initialModel(models, 'cohere.command-r-v1:0', sonnet37.id), 'cohere.command-r-v1:0');
    } finally {
      service.dispose();
    }
  });
});

describe('the model a brand-new chat starts on', () => {
  const numeric = { supported: true, min: 0, max: 1, step: 0.01, default: 0.5 };
  const spec: ModelOption['spec'] = {
    family: 'test', temperature: numeric, topP: numeric, topK: numeric, maxTokens: numeric,
    stopSequences: { supported: true, max: 4 }, systemPrompt: { supported: true }, exclusive: [],
  };
  const option = (id: string, o: Partial<ModelOption> = {}): ModelOption => ({
    id, name: id, provider: id.split('.')[0]!, streaming: true, legacy: false, imageInput: false, invokedId: id, via: 'model', callable: true, spec, ...o,
  });
  const jamba = option('ai21.jamba-1-5-mini-v1:0');
  const haiku45 = option('anthropic.claude-haiku-4-5-20251001-v1:0', { via: 'profile', invokedId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0' });
  const novaLite = option('amazon.nova-lite-v1:0');
  const novaMicro = option('amazon.nova-micro-v1:0');
  const haiku3 = option('anthropic.claude-3-haiku-20240307-v1:0');

  it('prefers Claude Haiku 4.5, then Nova Lite, then Nova Micro, then older Haikus, over provider order', () => {
    assert.equal(defaultChatModel([jamba, haiku3, novaMicro, novaLite, haiku45]), haiku45.id);
    assert.equal(defaultChatModel([jamba, haiku3, novaMicro, novaLite]), novaLite.id);
    assert.equal(defaultChatModel([jamba, haiku3, novaMicro]), novaMicro.id);
    assert.equal(defaultChatModel([jamba, haiku3]), haiku3.id);
  });

  it('skips a preferred model that is legacy, does not stream, or cannot be called here (profile not listed, provisioned only)', () => {
    assert.equal(defaultChatModel([jamba, { ...haiku45, callable: false }, { ...novaLite, legacy: true }, { ...novaMicro, streaming: false }, haiku3]), haiku3.id);
  });

  it('does not take a context-length variant that runs only on provisioned throughput', () => {
    assert.equal(defaultChatModel([jamba, option('amazon.nova-lite-v1:0:300k', { callable: false }), novaMicro]), novaMicro.id);
    assert.equal(defaultChatModel([jamba, option('amazon.nova-lite-v1:0:300k')]), jamba.id, 'a variant id is not the preferred id');
  });

  it('falls back to the first active, streaming, callable model, then to any, then to none', () => {
    const cohere = option('cohere.command-r-v1:0');
    assert.equal(defaultChatModel([{ ...jamba, legacy: true }, { ...cohere, streaming: false }, option('meta.llama3-8b-instruct-v1:0', { callable: false }), option('mistral.mistral-small-2402-v1:0')]), 'mistral.mistral-small-2402-v1:0');
    assert.equal(defaultChatModel([{ ...jamba, legacy: true }]), jamba.id);
    assert.equal(defaultChatModel([]), '');
  });

  it('still honours the setting and then the last model used before any preference', () => {
    const models = [jamba, haiku45, novaLite];
    assert.equal(initialModel(models, jamba.id, novaLite.id), jamba.id);
    assert.equal(initialModel(models, '', novaLite.id), novaLite.id);
    assert.equal(initialModel(models, '', undefined), haiku45.id);
  });
});

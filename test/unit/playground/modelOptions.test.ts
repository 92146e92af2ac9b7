import * as assert from 'node:assert/strict';
import { isModelsView, type ModelsView } from '../../../src/playground/chatProtocol';
import { initialModel, modelOptions } from '../../../src/playground/modelOptions';
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
      assert.equal(initialModel(models, '', undefined), models.find((m) => !m.legacy && m.streaming)!.id);
      assert.equal(initialModel(models, 'nope', sonnet37.id), sonnet37.id);
      assert.equal(initialModel(models, 'cohere.command-r-v1:0', sonnet37.id), 'cohere.command-r-v1:0');
    } finally {
      service.dispose();
    }
  });
});

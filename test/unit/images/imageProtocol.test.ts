import * as assert from 'node:assert/strict';
import { describeError } from '../../../src/bedrock/errors';
import { imageSpecFor } from '../../../src/bedrock/imageSpec';
import {
  isCancelParams, isGenerateParams, isGenerateResult, isImageModelSpec, isImageModelsView, isImagesStateView,
} from '../../../src/protocol/images';
import { settingsForModel } from '../../../src/protocol/imagesSettings';

// The image models the extension can drive (the local endpoint's catalog has each family).
const IMAGE_MODELS = [
  'amazon.titan-image-generator-v2:0', 'amazon.titan-image-generator-v1', 'amazon.nova-canvas-v1:0', 'stability.sd3-5-large-v1:0',
  'stability.stable-image-core-v1:1', 'stability.stable-image-ultra-v1:1', 'stability.stable-diffusion-xl-v1',
];

describe('the Images tab protocol guards', () => {
  it("accept every image model's real spec (a rejected one would silently empty the picker)", () => {
    for (const id of IMAGE_MODELS) {
      const spec = imageSpecFor({ id, name: id });
      assert.ok(isImageModelSpec(spec), id);
      // A spec crosses postMessage as JSON: undefined fields disappear, and it must still pass.
      assert.ok(isImageModelSpec(JSON.parse(JSON.stringify(spec))), `${id} after JSON`);
    }
    assert.ok(isImageModelsView({ models: IMAGE_MODELS.map((id) => ({ id, name: id, provider: 'x', legacy: false, spec: imageSpecFor({ id, name: id }) })), loading: false, region: 'us-east-1', local: true }));
  });

  it("accept each model's default form as Generate params, and refuse a bad token", () => {
    for (const id of IMAGE_MODELS) {
      const settings = JSON.parse(JSON.stringify({ ...settingsForModel(id, imageSpecFor({ id, name: id })), prompt: 'a fox' })) as unknown;
      assert.ok(isGenerateParams({ settings, token: 'g1-2' }), id);
      assert.ok(!isGenerateParams({ settings, token: '../x' }), 'token shape');
    }
    assert.ok(!isCancelParams({ token: 'a'.repeat(65) }));
  });

  it('accept a Bedrock error as a Generate result', () => {
    const denied = Object.assign(new Error('You do not have access'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } });
    const info = describeError(denied, { region: 'us-east-1', modelId: 'amazon.nova-canvas-v1:0' });
    assert.ok(info.action, 'access denied comes with an action');
    assert.ok(isGenerateResult(JSON.parse(JSON.stringify({ error: info }))), JSON.stringify(info));
  });

  it('refuse a poisoned or oversized state', () => {
    assert.ok(!isImagesStateView(JSON.parse('{"history":[],"__proto__":{"x":1}}')));
    assert.ok(!isImagesStateView({ history: new Array(1000).fill(null) }));
    assert.ok(isImagesStateView({ history: [], running: { token: 'g1', startedAt: 1, count: 2 } }));
  });
});

import * as assert from 'node:assert/strict';
import { IMAGE_LIMITS } from '../../../src/bedrock/families/imageModels';
import { imageSpecFor } from '../../../src/bedrock/imageSpec';
import { buildImageCall } from '../../../src/bedrock/images';
import type { ImageModelSpec, ModelRecord } from '../../../src/bedrock/types';
import { IMAGE_SETTING_GUARDS, type ImageSettings, isImageSettings } from '../../../src/protocol/images';
import { checkSettings, settingsForModel, toImageRequest } from '../../../src/protocol/imagesSettings';

// Specs shaped like the two kinds of image model: sizes + cfg (Titan/Nova) and aspect ratios (Stability).
const sizedSpec: ImageModelSpec = {
  family: 'nova-canvas',
  sizes: [{ width: 1024, height: 1024 }, { width: 512, height: 512 }, { width: 1280, height: 720 }],
  defaultSize: { width: 1024, height: 1024 },
  count: { min: 1, max: 5, step: 1, default: 1 },
  seed: { min: 0, max: 858_993_459 },
  cfgScale: { min: 1.1, max: 10, step: 0.1, default: 6.5 },
  quality: { options: ['standard', 'premium'], default: 'standard' },
  style: { options: ['PHOTOREALISM', 'SOFT_DIGITAL_PAINTING'], default: undefined },
  negativePrompt: true,
  promptMaxLength: 1024,
  mimeType: 'image/png',
};
const ratioSpec: ImageModelSpec = {
  family: 'stability-sd3',
  aspectRatios: ['1:1', '16:9', '9:16'],
  defaultAspectRatio: '1:1',
  count: { min: 1, max: 1, step: 1, default: 1 },
  seed: { min: 0, max: 4_294_967_294 },
  negativePrompt: false,
  promptMaxLength: 10_000,
  mimeType: 'image/png',
};
const model = { id: 'amazon.nova-canvas-v1:0', name: 'Nova Canvas', provider: 'Amazon' } as ModelRecord;

function form(over: Partial<ImageSettings> = {}): ImageSettings {
  return { ...settingsForModel('amazon.nova-canvas-v1:0', sizedSpec), prompt: 'a fox', ...over };
}

describe('image form settings', () => {
  it("starts from the model's defaults", () => {
    assert.deepEqual(settingsForModel('m', sizedSpec), {
      modelId: 'm', prompt: '', negativePrompt: '', seed: undefined, count: 1, width: 1024, height: 1024,
      aspectRatio: undefined, cfgScale: 6.5, steps: undefined, quality: 'standard', style: undefined,
    });
    const ratio = settingsForModel('s', ratioSpec);
    assert.equal(ratio.aspectRatio, '1:1');
    assert.equal(ratio.width, undefined);
    assert.equal(ratio.cfgScale, undefined);
  });

  it('carries over what the new model also takes, and drops the rest', () => {
    const before = form({ prompt: 'a fox', negativePrompt: 'blur', seed: 42, count: 3, width: 1280, height: 720, cfgScale: 8 });
    const same = settingsForModel('m2', sizedSpec, before);
    assert.deepEqual([same.prompt, same.seed, same.count, same.width, same.height, same.cfgScale], ['a fox', 42, 3, 1280, 720, 8]);
    const switched = settingsForModel('s', ratioSpec, before);
    assert.equal(switched.prompt, 'a fox');
    assert.equal(switched.negativePrompt, '', 'the ratio model takes no negative prompt');
    assert.equal(switched.count, 1, 'clamped to the model range');
    assert.equal(switched.seed, 42);
    assert.equal(switched.width, undefined);
  });

  it('finds nothing wrong with a valid form', () => {
    assert.deepEqual(checkSettings(sizedSpec, form({ seed: 7, style: 'PHOTOREALISM' }), 'Nova Canvas'), []);
  });

  it('names the parameter at fault', () => {
    const cases: Array<[Partial<ImageSettings>, string, RegExp]> = [
      [{ prompt: '   ' }, 'prompt', /cannot be empty/],
      [{ prompt: 'x'.repeat(1025) }, 'prompt', /1025 characters; Nova Canvas takes at most 1024/],
      [{ width: 1000, height: 1000 }, 'size', /1000×1000 is not a size Nova Canvas generates: each side must be divisible by 16/],
      [{ aspectRatio: '16:9' }, 'aspectRatio', /not an aspect ratio/],
      [{ count: 6 }, 'count', /outside what Nova Canvas takes \(1–5\)/],
      [{ count: 1.5 }, 'count', /whole number/],
      [{ seed: 900_000_000 }, 'seed', /outside/],
      [{ cfgScale: 11 }, 'cfgScale', /CFG scale 11 is outside/],
      [{ steps: 30 }, 'steps', /no steps setting/],
      [{ quality: 'ultra' }, 'quality', /"ultra" is not a quality Nova Canvas offers \(standard, premium\)/],
      [{ style: 'ANIME' }, 'style', /not a style/],
    ];
    for (const [over, parameter, message] of cases) {
      const problems = checkSettings(sizedSpec, form(over), 'Nova Canvas');
      assert.equal(problems.length, 1, JSON.stringify(over));
      assert.equal(problems[0]?.parameter, parameter);
      assert.match(problems[0]?.message ?? '', message);
    }
  });

  it('refuses controls the model does not have', () => {
    const problems = checkSettings(ratioSpec, { ...settingsForModel('s', ratioSpec), prompt: 'x', negativePrompt: 'blur', width: 1024, height: 1024, cfgScale: 5 }, 'SD3.5');
    assert.deepEqual(problems.map((p) => p.parameter).sort(), ['cfgScale', 'negativePrompt', 'size']);
  });

  it('builds the request with only what is set', () => {
    const request = toImageRequest(model, form({ prompt: '  a fox  ', negativePrompt: ' ', seed: 0 }));
    assert.deepEqual(request, { model, prompt: 'a fox', count: 1, seed: 0, width: 1024, height: 1024, cfgScale: 6.5, quality: 'standard' });
  });
});

describe('one image settings schema', () => {
  const IMAGE_MODELS = [
    'amazon.titan-image-generator-v2:0', 'amazon.nova-canvas-v1:0', 'stability.sd3-5-large-v1:0', 'stability.stable-image-core-v1:1', 'stability.stable-diffusion-xl-v1',
  ];
  const tweaks: Array<Partial<ImageSettings>> = [
    {}, { prompt: '  ' }, { prompt: 'x'.repeat(10_001) }, { negativePrompt: 'ab' }, { negativePrompt: 'blurry' }, { width: 1000, height: 1000 },
    { width: 1024, height: 1024 }, { width: 1280, height: 720 }, { aspectRatio: '16:9' }, { aspectRatio: '7:3' }, { count: 2 }, { count: 6 },
    { count: 1.5 }, { seed: 900_000_000 }, { seed: 4_294_967_295 }, { cfgScale: 11 }, { cfgScale: 5 }, { steps: 30 }, { steps: 5 },
    { quality: 'premium' }, { quality: 'ultra' }, { style: 'ANIME' }, { style: 'PHOTOREALISM' }, { style: 'anime' },
  ];

  it('the Bedrock layer refuses exactly what the Images form refuses, with the same words and parameter', () => {
    for (const id of IMAGE_MODELS) {
      const spec = imageSpecFor({ id, name: id });
      const record = { id, name: id, provider: 'x' } as ModelRecord;
      for (const tweak of tweaks) {
        const settings = { ...settingsForModel(id, spec), prompt: 'a fox', ...tweak };
        const first = checkSettings(spec, settings, id)[0];
        let refused: (Error & { parameter?: string }) | undefined;
        try {
          buildImageCall(toImageRequest(record, settings));
        } catch (err) {
          refused = err as Error & { parameter?: string };
        }
        const what = `${id} ${JSON.stringify(tweak).slice(0, 60)}`;
        assert.equal(refused?.parameter, first?.parameter, what);
        assert.equal(refused?.message, first?.message, what);
      }
    }
  });

  it('what crosses to the host (and the Generate Image command takes) is bounded by the widest model, and every model fits', () => {
    const G = IMAGE_SETTING_GUARDS;
    for (const id of IMAGE_MODELS) {
      const spec = imageSpecFor({ id, name: id });
      assert.ok(G.seed(spec.seed.max) && G.count(spec.count.max) && G.prompt('x'.repeat(spec.promptMaxLength)), id);
      for (const s of spec.sizes ?? []) assert.ok(G.width(s.width) && G.height(s.height), `${id} ${s.width}×${s.height}`);
      for (const key of ['cfgScale', 'steps'] as const) if (spec[key]) assert.ok(G[key](spec[key].min) && G[key](spec[key].max), `${id} ${key}`);
      for (const o of [...(spec.aspectRatios ?? []), ...(spec.quality?.options ?? []), ...(spec.style?.options ?? [])]) assert.ok(G.style(o) && G.aspectRatio(o), o);
    }
    assert.deepEqual([G.seed(IMAGE_LIMITS.seed.max + 1), G.count(IMAGE_LIMITS.count.max + 1), G.width(IMAGE_LIMITS.side.max + 1), G.prompt('x'.repeat(IMAGE_LIMITS.promptMaxLength + 1))], [false, false, false, false]);
    assert.equal(isImageSettings({ ...settingsForModel('m', sizedSpec), count: IMAGE_LIMITS.count.max + 1 }), false);
  });
});

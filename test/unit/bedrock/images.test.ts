import * as assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import { buildImageCall } from '../../../src/bedrock/images';
import { imageSpecFor } from '../../../src/bedrock/imageSpec';
import type { BedrockService } from '../../../src/bedrock/service';
import type { ImageRequest } from '../../../src/bedrock/types';
import { localService, model, useLocalBedrock } from './localEndpoint';

function size(bytes: Uint8Array): [number, number] {
  const png = PNG.sync.read(Buffer.from(bytes));
  return [png.width, png.height];
}

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a failure');
}

describe('bedrock/images', () => {
  describe('specs and bodies (pure)', () => {
    const rec = (id: string) => ({ id, name: id, arn: '', provider: '', inputModalities: ['TEXT' as const], outputModalities: ['IMAGE' as const], streaming: false, lifecycle: 'ACTIVE' as const, inferenceTypes: ['ON_DEMAND' as const], profiles: [] });

    it('says which controls each model has', () => {
      const titan = imageSpecFor(rec('amazon.titan-image-generator-v2:0'));
      assert.deepEqual([titan.count.max, titan.cfgScale?.default, titan.quality?.default, titan.aspectRatios], [5, 8, 'standard', undefined]);
      const sd3 = imageSpecFor(rec('stability.sd3-5-large-v1:0'));
      assert.deepEqual([sd3.sizes, sd3.aspectRatios?.includes('16:9'), sd3.count.max, sd3.cfgScale], [undefined, true, 1, undefined]);
      const sdxl = imageSpecFor(rec('stability.stable-diffusion-xl-v1'));
      assert.deepEqual([sdxl.steps?.default, sdxl.style?.options.includes('anime')], [30, true]);
      assert.ok(imageSpecFor(rec('amazon.nova-canvas-v1:0')).style?.options.includes('PHOTOREALISM'));
      assert.throws(() => imageSpecFor(rec('amazon.nova-pro-v1:0')), /not an image generation model/);
    });

    it('always sends a seed, so every image can be made again', () => {
      const call = buildImageCall({ model: rec('stability.stable-image-core-v1:1'), prompt: 'a fox' });
      assert.ok(call.seed >= 1 && call.seed <= 4294967294);
      assert.equal((call.body as { seed: number }).seed, call.seed);
    });

    it('refuses what the model cannot do, naming the control', () => {
      const titan = rec('amazon.titan-image-generator-v2:0');
      const cases: Array<[Partial<ImageRequest>, string]> = [
        [{ prompt: '   ' }, 'prompt'],
        [{ prompt: 'x'.repeat(513) }, 'prompt'],
        [{ width: 1000, height: 1000 }, 'size'],
        [{ count: 6 }, 'count'],
        [{ seed: -1 }, 'seed'],
        [{ cfgScale: 11 }, 'cfgScale'],
        [{ steps: 30 }, 'steps'],
        [{ quality: 'ultra' }, 'quality'],
        [{ style: 'PHOTOREALISM' }, 'style'],
        [{ aspectRatio: '16:9' }, 'size'],
      ];
      for (const [req, parameter] of cases) {
        assert.throws(() => buildImageCall({ model: titan, prompt: 'a fox', ...req }), (e: Error & { parameter?: string }) => e.name === 'UnsupportedRequestError' && e.parameter === parameter, JSON.stringify(req));
      }
      assert.throws(() => buildImageCall({ model: rec('amazon.nova-canvas-v1:0'), prompt: 'a', width: 1000, height: 1008 }), /divisible by 16/);
      assert.throws(() => buildImageCall({ model: rec('stability.sd3-5-large-v1:0'), prompt: 'a', aspectRatio: '7:3' }), /Aspect ratio must be one of/);
    });
  });

  describe('through InvokeModel (local endpoint)', () => {
    const local = useLocalBedrock();
    let service: BedrockService;
    beforeEach(() => {
      service = localService(local.lb);
    });
    afterEach(() => service.dispose());

    it('Titan Image Generator v2: several images of the asked size, with the seed', async () => {
      const m = await model(service, 'amazon.titan-image-generator-v2:0');
      const { images, request } = await service.generateImages({ model: m, prompt: 'a lighthouse at dusk', negativePrompt: 'people', width: 1152, height: 640, count: 2, seed: 77, cfgScale: 6, quality: 'premium' });
      assert.equal(images.length, 2);
      for (const img of images) {
        assert.deepEqual(size(img.bytes), [1152, 640]);
        assert.equal(img.mimeType, 'image/png');
        assert.equal(img.seed, 77);
      }
      assert.notDeepEqual(images[0]!.bytes, images[1]!.bytes);
      const [received] = await local.control.runtimeRequests();
      assert.deepEqual(received?.body, request.body);
      assert.deepEqual(request.body, {
        taskType: 'TEXT_IMAGE',
        textToImageParams: { text: 'a lighthouse at dusk', negativeText: 'people' },
        imageGenerationConfig: { numberOfImages: 2, quality: 'premium', width: 1152, height: 640, cfgScale: 6, seed: 77 },
      });
    });

    it('Nova Canvas: any valid size and a style', async () => {
      const m = await model(service, 'amazon.nova-canvas-v1:0');
      const { images, request } = await service.generateImages({ model: m, prompt: 'a teapot', width: 1280, height: 720, style: 'FLAT_VECTOR_ILLUSTRATION', seed: 5 });
      assert.deepEqual(size(images[0]!.bytes), [1280, 720]);
      assert.equal((request.body as { textToImageParams: { style?: string } }).textToImageParams.style, 'FLAT_VECTOR_ILLUSTRATION');
    });

    for (const id of ['stability.sd3-5-large-v1:0', 'stability.stable-image-core-v1:1', 'stability.stable-image-ultra-v1:1']) {
      it(`${id}: aspect ratio → size, seed echoed`, async () => {
        const m = await model(service, id);
        const { images } = await service.generateImages({ model: m, prompt: 'mountains', negativePrompt: 'fog', aspectRatio: '16:9', seed: 1234 });
        assert.deepEqual(size(images[0]!.bytes), [1344, 768]);
        assert.equal(images[0]!.seed, 1234);
        const [received] = await local.control.runtimeRequests();
        assert.deepEqual(received?.body, { prompt: 'mountains', negative_prompt: 'fog', aspect_ratio: '16:9', output_format: 'png', seed: 1234 });
      });
    }

    it('SDXL (legacy body): size, steps, cfg, style preset and the negative prompt as a weight -1 prompt', async () => {
      const m = await model(service, 'stability.stable-diffusion-xl-v1');
      const { images } = await service.generateImages({ model: m, prompt: 'a castle', negativePrompt: 'blurry', width: 896, height: 1152, steps: 20, cfgScale: 9, seed: 42, style: 'anime' });
      assert.deepEqual(size(images[0]!.bytes), [896, 1152]);
      assert.equal(images[0]!.seed, 42);
      const [received] = await local.control.runtimeRequests();
      assert.deepEqual(received?.body, {
        text_prompts: [{ text: 'a castle', weight: 1 }, { text: 'blurry', weight: -1 }], cfg_scale: 9, steps: 20, seed: 42, width: 896, height: 1152, samples: 1, style_preset: 'anime',
      });
    });

    it('the same prompt and seed make the same picture; another seed another one', async () => {
      const m = await model(service, 'stability.stable-image-core-v1:1');
      const a = await service.generateImages({ model: m, prompt: 'same', seed: 9 });
      const b = await service.generateImages({ model: m, prompt: 'same', seed: 9 });
      const c = await service.generateImages({ model: m, prompt: 'same', seed: 10 });
      assert.deepEqual(a.images[0]!.bytes, b.images[0]!.bytes);
      assert.notDeepEqual(a.images[0]!.bytes, c.images[0]!.bytes);
    });

    it('content filters become errors, whichever way the model reports them', async () => {
      const cases: Array<[string, string]> = [
        ['amazon.titan-image-generator-v2:0', 'forbidden'], // refused on input: HTTP 400
        ['amazon.titan-image-generator-v2:0', 'redacted'], // error field in the response
        ['stability.sd3-5-large-v1:0', 'redacted'], // finish_reasons
        ['stability.stable-diffusion-xl-v1', 'forbidden'], // artifacts[].finishReason
      ];
      for (const [id, word] of cases) {
        const m = await model(service, id);
        const err = await failure(service.generateImages({ model: m, prompt: `a ${word} thing` }));
        assert.equal(service.describeError(err, { modelId: id }).kind, 'contentFiltered', `${id} / ${word}: ${err.name} ${err.message}`);
      }
    });

    it('can be cancelled while the model works', async () => {
      const m = await model(service, 'amazon.titan-image-generator-v2:0');
      await local.control.fault({ operation: 'InvokeModel', fault: 'delayFirstEvent', delayMs: 60_000 });
      const abort = new AbortController();
      const started = Date.now();
      // Cancelled once the request is at the endpoint, where the model "works" for a minute.
      void local.control.waitForRequest('InvokeModel').then(() => abort.abort(), () => undefined);
      const err = await failure(service.generateImages({ model: m, prompt: 'slow' }, abort.signal));
      assert.equal(err.name, 'AbortError');
      assert.ok(Date.now() - started < 30_000, 'did not wait for the answer');
      assert.equal(service.describeError(err).kind, 'cancelled');
    });

    it('refuses a size the model does not make before sending anything', async () => {
      const m = await model(service, 'stability.stable-diffusion-xl-v1');
      const err = await failure(service.generateImages({ model: m, prompt: 'x', width: 1024, height: 768 }));
      assert.equal(err.name, 'UnsupportedRequestError');
      assert.match(err.message, /1024×768 is not a size/);
      assert.deepEqual(await local.control.runtimeRequests(), []);
    });
  });
});

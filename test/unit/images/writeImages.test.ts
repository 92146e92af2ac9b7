import * as assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { GeneratedImage, ImageRequest, ModelRecord } from '../../../src/bedrock/types';
import { SIDECAR_GENERATOR, type ImageSidecar } from '../../../src/images/sidecar';
import { writeGeneration, writeImageWithSidecar } from '../../../src/images/writeImages';
import type { SidecarInput } from '../../../src/images/sidecar';

const model: ModelRecord = {
  id: 'amazon.nova-canvas-v1:0',
  arn: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-canvas-v1:0',
  name: 'Nova Canvas',
  provider: 'Amazon',
  inputModalities: ['TEXT', 'IMAGE'],
  outputModalities: ['IMAGE'],
  streaming: false,
  lifecycle: 'ACTIVE',
  inferenceTypes: ['ON_DEMAND'],
  profiles: [],
};

// Not a decodable PNG on purpose: the writer must store whatever bytes it is given, unchanged.
const bytes = (n: number) => new Uint8Array([0x89, 0x50, 0x4e, 0x47, n, 0, 255, 7]);

function input(seed: number, request: Partial<ImageRequest> = {}, image: Partial<GeneratedImage> = {}): SidecarInput {
  return {
    request: { model, prompt: 'A red fox in the snow', width: 1024, height: 1024, count: 2, cfgScale: 6.5, ...request },
    image: { bytes: bytes(seed % 256), mimeType: 'image/png', seed, ...image },
    index: 0,
    of: 2,
    createdAt: new Date(2026, 10, 22, 3, 15, 0),
    apiRequest: { operation: 'InvokeModel', modelId: 'amazon.nova-canvas-v1:0', body: { taskType: 'TEXT_IMAGE' } },
  };
}

describe('writing generated images', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'bedrock-write-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('writes the bytes as given and a sidecar that can regenerate the picture', async () => {
    const saved = await writeImageWithSidecar(folder, 'a-red-fox-in-the-snow-20261122-031500-seed42', input(42, { seed: 42 }));
    assert.equal(path.basename(saved.imagePath), 'a-red-fox-in-the-snow-20261122-031500-seed42.png');
    assert.equal(path.basename(saved.sidecarPath), 'a-red-fox-in-the-snow-20261122-031500-seed42.json');
    assert.deepEqual(new Uint8Array(await readFile(saved.imagePath)), bytes(42));
    const sidecar = JSON.parse(await readFile(saved.sidecarPath, 'utf8')) as ImageSidecar;
    assert.deepEqual(sidecar, {
      generator: SIDECAR_GENERATOR,
      version: 1,
      createdAt: new Date(2026, 10, 22, 3, 15, 0).toISOString(),
      model: { id: model.id, name: 'Nova Canvas', provider: 'Amazon', invocationId: 'amazon.nova-canvas-v1:0' },
      prompt: 'A red fox in the snow',
      seed: 42,
      seedWasRandom: false,
      parameters: { width: 1024, height: 1024, count: 2, quality: 'standard', cfgScale: 6.5 },
      image: { file: 'a-red-fox-in-the-snow-20261122-031500-seed42.png', mimeType: 'image/png', bytes: 8, index: 0, of: 2 },
      request: { operation: 'InvokeModel', modelId: 'amazon.nova-canvas-v1:0', body: { taskType: 'TEXT_IMAGE' } },
    });
  });

  it('records the parameters the picture was made with when the form left them at the model\'s defaults (not {})', async () => {
    const atDefaults = input(9, { width: undefined, height: undefined, count: undefined, cfgScale: undefined });
    const saved = await writeImageWithSidecar(folder, 'defaults', atDefaults);
    const sidecar = JSON.parse(await readFile(saved.sidecarPath, 'utf8')) as ImageSidecar;
    // Nova Canvas's defaults, as buildImageCall puts them into the body.
    assert.deepEqual(sidecar.parameters, { width: 1024, height: 1024, count: 1, quality: 'standard', cfgScale: 6.5 });
  });

  it('records a random seed as such and keeps the negative prompt', async () => {
    const saved = await writeImageWithSidecar(folder, 'x', input(7, { negativePrompt: 'blurry' }));
    const sidecar = JSON.parse(await readFile(saved.sidecarPath, 'utf8')) as ImageSidecar;
    assert.equal(sidecar.seedWasRandom, true);
    assert.equal(sidecar.seed, 7);
    assert.equal(sidecar.negativePrompt, 'blurry');
  });

  it('never overwrites: an existing image or sidecar moves the name on', async () => {
    await writeFile(path.join(folder, 'x.png'), 'mine');
    await writeFile(path.join(folder, 'x-2.json'), 'mine too');
    const saved = await writeImageWithSidecar(folder, 'x', input(1));
    assert.equal(path.basename(saved.imagePath), 'x-3.png');
    assert.equal(await readFile(path.join(folder, 'x.png'), 'utf8'), 'mine');
    assert.equal(await readFile(path.join(folder, 'x-2.json'), 'utf8'), 'mine too');
    // The image written for the taken sidecar name was removed again: no orphan x-2.png.
    assert.deepEqual((await readdir(folder)).sort(), ['x-2.json', 'x-3.json', 'x-3.png', 'x.png']);
  });

  it('saves the same generation twice side by side', async () => {
    const first = await writeGeneration(folder, [input(5), input(6)]);
    const second = await writeGeneration(folder, [input(5), input(6)]);
    const names = [...first, ...second].map((s) => path.basename(s.imagePath));
    assert.deepEqual(names, [
      'a-red-fox-in-the-snow-20261122-031500-seed5.png',
      'a-red-fox-in-the-snow-20261122-031500-seed6.png',
      'a-red-fox-in-the-snow-20261122-031500-seed5-2.png',
      'a-red-fox-in-the-snow-20261122-031500-seed6-2.png',
    ]);
    assert.equal((await readdir(folder)).length, 8);
  });

  it('uses the extension of the returned format', async () => {
    const saved = await writeImageWithSidecar(folder, 'j', input(3, {}, { mimeType: 'image/jpeg' }));
    assert.equal(path.extname(saved.imagePath), '.jpg');
  });

  it('fails cleanly when the folder does not exist, leaving nothing behind', async () => {
    await assert.rejects(writeImageWithSidecar(path.join(folder, 'missing'), 'x', input(1)), /ENOENT/);
    assert.deepEqual(await readdir(folder), []);
  });
});

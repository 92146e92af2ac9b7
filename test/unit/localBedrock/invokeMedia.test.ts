import * as assert from 'node:assert/strict';
import { InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import { PNG } from 'pngjs';
import { rejection, useLocalBedrock } from './harness';

type Json = Record<string, unknown>;
const size = (b64: string): string => {
  const png = PNG.sync.read(Buffer.from(b64, 'base64'));
  return `${png.width}x${png.height}`;
};
const norm = (v: number[]): number => Math.hypot(...v);
const dot = (a: number[], b: number[]): number => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('local Bedrock image and embedding models', () => {
  const h = useLocalBedrock();
  const invoke = async (modelId: string, body: unknown): Promise<Json> => {
    const res = await h.runtime.send(new InvokeModelCommand({ modelId, body: JSON.stringify(body), contentType: 'application/json' }));
    return JSON.parse(Buffer.from(res.body).toString('utf8')) as Json;
  };
  const refused = async (modelId: string, body: unknown): Promise<string> => {
    const err = await rejection(() => invoke(modelId, body));
    assert.equal(err.name, 'ValidationException');
    return err.message;
  };
  const titan = (text: string, cfg: Json = {}) => ({ taskType: 'TEXT_IMAGE', textToImageParams: { text }, imageGenerationConfig: { width: 512, height: 512, ...cfg } });

  it('Titan Image Generator v2: real PNGs of the requested size, one per numberOfImages', async () => {
    const res = await invoke('amazon.titan-image-generator-v2:0', titan('a lighthouse', { width: 768, height: 1152, numberOfImages: 2, seed: 5 }));
    const images = res.images as string[];
    assert.deepEqual(images.map(size), ['768x1152', '768x1152']);
    assert.notEqual(images[0], images[1]);
    assert.equal(res.error, null);
  });

  it('pixels follow prompt and seed: the same request gives the same bytes, a change changes them', async () => {
    const first = (r: Json) => (r.images as string[])[0];
    const a = first(await invoke('amazon.nova-canvas-v1:0', titan('red fox', { seed: 1 })));
    assert.equal(first(await invoke('amazon.nova-canvas-v1:0', titan('red fox', { seed: 1 }))), a);
    assert.notEqual(first(await invoke('amazon.nova-canvas-v1:0', titan('red fox', { seed: 2 }))), a);
    assert.notEqual(first(await invoke('amazon.nova-canvas-v1:0', titan('blue fox', { seed: 1 }))), a);
  });

  it('checks each image model’s sizes', async () => {
    assert.match(await refused('amazon.titan-image-generator-v2:0', titan('x', { width: 1000, height: 1000 })), /1000x1000 is not a supported size/);
    assert.match(await refused('amazon.nova-canvas-v1:0', titan('x', { width: 1000, height: 1024 })), /divisible by 16/);
    assert.match(await refused('amazon.nova-canvas-v1:0', titan('x', { width: 2048, height: 320 })), /aspect ratio/);
    assert.match(await refused('amazon.nova-canvas-v1:0', titan('x', { width: 4096, height: 2048 })), /4194304 pixels/);
    assert.deepEqual(((await invoke('amazon.nova-canvas-v1:0', titan('x', { width: 1280, height: 320 }))).images as string[]).map(size), ['1280x320']);
    assert.match(await refused('stability.stable-image-core-v1:1', { prompt: 'x', aspect_ratio: '7:3' }), /aspect_ratio/);
    assert.match(await refused('stability.stable-diffusion-xl-v1', { text_prompts: [{ text: 'x' }], width: 512, height: 512 }), /height and width must be one of/);
  });

  it('Stability SD3.5 / Stable Image: aspect ratio sets the size, seeds and finish_reasons come back', async () => {
    for (const modelId of ['stability.sd3-5-large-v1:0', 'stability.stable-image-core-v1:1', 'stability.stable-image-ultra-v1:1']) {
      const res = await invoke(modelId, { prompt: 'mountains at dawn', aspect_ratio: '16:9', seed: 99, output_format: 'png' });
      assert.deepEqual((res.images as string[]).map(size), ['1344x768'], modelId);
      assert.deepEqual(res.seeds, [99]);
      assert.deepEqual(res.finish_reasons, [null]);
    }
  });

  it('SDXL (legacy): artifacts with seed, base64 and finishReason', async () => {
    const res = await invoke('stability.stable-diffusion-xl-v1', { text_prompts: [{ text: 'a robot', weight: 1 }, { text: 'blurry', weight: -1 }], width: 1152, height: 896, seed: 3, cfg_scale: 7, steps: 30 });
    const [art] = res.artifacts as Json[];
    assert.equal(res.result, 'success');
    assert.equal(size(art!.base64 as string), '1152x896');
    assert.equal(art!.seed, 3);
    assert.equal(art!.finishReason, 'SUCCESS');
  });

  it('content filter: the marker words make each model report it its own way', async () => {
    assert.equal(await refused('amazon.titan-image-generator-v2:0', titan('a forbidden thing')),
      'This request has been blocked by our content filters. Please adjust your text prompt to submit a new request.');
    const out = await invoke('amazon.nova-canvas-v1:0', titan('a redacted thing'));
    assert.deepEqual(out.images, []);
    assert.match(out.error as string, /blocked by our content filters/);
    assert.deepEqual((await invoke('stability.sd3-5-large-v1:0', { prompt: 'forbidden' })).finish_reasons, ['Filter reason: prompt']);
    assert.deepEqual((await invoke('stability.stable-image-ultra-v1:1', { prompt: 'redacted' })).finish_reasons, ['Filter reason: output image']);
    assert.equal(((await invoke('stability.stable-diffusion-xl-v1', { text_prompts: [{ text: 'forbidden' }] })).artifacts as Json[])[0]!.finishReason, 'CONTENT_FILTERED');
  });

  it('Titan Text Embeddings v2: deterministic unit vectors of the requested dimension', async () => {
    const a = await invoke('amazon.titan-embed-text-v2:0', { inputText: 'the cat sat on the mat', dimensions: 256 });
    const v = a.embedding as number[];
    assert.equal(v.length, 256);
    assert.ok(Math.abs(norm(v) - 1) < 1e-9);
    assert.deepEqual((await invoke('amazon.titan-embed-text-v2:0', { inputText: 'the cat sat on the mat', dimensions: 256 })).embedding, v);
    assert.equal(a.inputTextTokenCount, 6);
    const near = (await invoke('amazon.titan-embed-text-v2:0', { inputText: 'the cat sat on a mat', dimensions: 256 })).embedding as number[];
    const far = (await invoke('amazon.titan-embed-text-v2:0', { inputText: 'quantum chromodynamics lecture', dimensions: 256 })).embedding as number[];
    assert.ok(dot(v, near) > dot(v, far), 'texts sharing words are closer');
    const raw = (await invoke('amazon.titan-embed-text-v2:0', { inputText: 'the cat sat on the mat', normalize: false })).embedding as number[];
    assert.equal(raw.length, 1024);
    assert.ok(norm(raw) > 1.5);
    assert.match(await refused('amazon.titan-embed-text-v2:0', { inputText: 'x', dimensions: 300 }), /dimensions/);
  });

  it('Cohere Embed v3: one unit vector per text, by type when asked', async () => {
    const plain = await invoke('cohere.embed-english-v3', { texts: ['alpha', 'beta'], input_type: 'search_document' });
    const vectors = plain.embeddings as number[][];
    assert.equal(plain.response_type, 'embeddings_floats');
    assert.deepEqual(vectors.map((v) => v.length), [1024, 1024]);
    assert.ok(vectors.every((v) => Math.abs(norm(v) - 1) < 1e-9));
    const typed = await invoke('cohere.embed-multilingual-v3', { texts: ['alpha'], input_type: 'search_query', embedding_types: ['float', 'int8', 'binary'] });
    const by = typed.embeddings as Record<string, number[][]>;
    assert.deepEqual(by.float, [vectors[0]]);
    assert.ok(by.int8![0]!.every((x) => Number.isInteger(x) && x >= -128 && x <= 127));
    assert.equal(by.binary![0]!.length, 128);
    assert.match(await refused('cohere.embed-english-v3', { texts: ['x'] }), /required key \[input_type\]/);
  });
});

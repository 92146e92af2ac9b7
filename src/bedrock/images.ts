import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { ApiRequestRecord, GeneratedImage, ImageModelSpec, ImageRequest } from './types';
import { aspectRatioOf, imageSettingsProblems, sizeOf, type ImageValues } from './families/imageSettings';
import { imageSpecFor } from './imageSpec';
import { invokeJson } from './invokeModel';
import { ContentFilteredError, ModelResponseError, UnsupportedRequestError } from './layerErrors';

// Image model adapters: one common ImageRequest → the model's own InvokeModel body → images
// with their seeds. Invalid requests are refused before sending, in plain words, by the same
// check the Images tab runs (families/imageSettings.ts); content filter and error fields of the
// response become errors.

export interface ImageCall {
  modelId: string;
  body: Record<string, unknown>;
  /** The seed sent (chosen here when the request leaves it random, so every image is reproducible). */
  seed: number;
  spec: ImageModelSpec;
}

function randomSeed(max: number): number {
  // 1..max: Stability treats 0 as "random", which would make the reported seed a lie.
  return 1 + Math.floor(Math.random() * max);
}

/**
 * The parameters as buildImageCall sends them: the user's values, and the model's defaults where
 * the user left one unset (a sidecar then says what the picture was made with, not `{}`).
 */
export function sentImageValues(req: ImageRequest): SentImageValues {
  return sentValues(imageSpecFor(req.model), req);
}

type SentImageValues = Omit<ImageValues, 'prompt' | 'negativePrompt' | 'seed'>;

function sentValues(spec: ImageModelSpec, req: ImageRequest): SentImageValues {
  const count = req.count ?? spec.count.default;
  if (spec.aspectRatios) return { aspectRatio: aspectRatioOf(spec, req), count };
  const { width, height } = sizeOf(spec, req);
  const cfgScale = req.cfgScale ?? spec.cfgScale?.default;
  const style = req.style || undefined;
  if (spec.family === 'stability-sdxl') return { width, height, count, cfgScale, steps: req.steps ?? spec.steps?.default, style };
  return { width, height, count, quality: req.quality ?? spec.quality?.default ?? 'standard', cfgScale, style: spec.family === 'nova-canvas' ? style : undefined };
}

/** Validates the request against the model's spec (imageSettingsProblems, the check the Images tab runs too) and builds its body. */
export function buildImageCall(req: ImageRequest, modelId: string = req.model.id): ImageCall {
  const spec = imageSpecFor(req.model);
  const first = imageSettingsProblems(spec, req, req.model.name || req.model.id)[0];
  if (first) throw new UnsupportedRequestError(first.message, first.parameter);
  const prompt = req.prompt.trim();
  const negative = req.negativePrompt?.trim() || undefined;
  const v = sentValues(spec, req);
  const seed = req.seed ?? randomSeed(spec.seed.max);
  const base = { modelId, seed, spec };

  if (spec.aspectRatios) {
    return { ...base, body: { prompt, ...(negative ? { negative_prompt: negative } : {}), aspect_ratio: v.aspectRatio, output_format: 'png', seed } };
  }

  const { width, height } = v;

  if (spec.family === 'stability-sdxl') {
    const textPrompts: Array<{ text: string; weight: number }> = [{ text: prompt, weight: 1 }];
    if (negative) textPrompts.push({ text: negative, weight: -1 });
    return {
      ...base,
      body: {
        text_prompts: textPrompts,
        cfg_scale: v.cfgScale,
        steps: v.steps,
        seed,
        width,
        height,
        samples: 1,
        ...(v.style ? { style_preset: v.style } : {}),
      },
    };
  }

  // Titan Image Generator and Nova Canvas share the TEXT_IMAGE body.
  const textToImageParams: Record<string, unknown> = { text: prompt };
  if (negative) textToImageParams.negativeText = negative;
  if (v.style) textToImageParams.style = v.style;
  return {
    ...base,
    body: {
      taskType: 'TEXT_IMAGE',
      textToImageParams,
      imageGenerationConfig: {
        numberOfImages: v.count,
        quality: v.quality,
        width,
        height,
        cfgScale: v.cfgScale,
        seed,
      },
    },
  };
}

function mimeOf(bytes: Uint8Array): GeneratedImage['mimeType'] {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
  if (bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'image/webp';
  return 'image/png';
}

function decode(b64: string, seed: number): GeneratedImage {
  const bytes = new Uint8Array(Buffer.from(b64, 'base64'));
  return { bytes, mimeType: mimeOf(bytes), seed };
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The model's response → images; filter and error fields → errors. */
export function parseImageResponse(call: ImageCall, json: unknown): GeneratedImage[] {
  if (!isObj(json)) throw new ModelResponseError('The image model answered with something that is not a JSON object.');
  const family = call.spec.family;
  let images: GeneratedImage[];
  if (family === 'stability-sdxl') {
    const artifacts = Array.isArray(json.artifacts) ? json.artifacts.filter(isObj) : [];
    if (artifacts.some((a) => a.finishReason === 'CONTENT_FILTERED')) throw new ContentFilteredError('The image was blocked by the content filter (finishReason CONTENT_FILTERED).');
    const failed = artifacts.find((a) => a.finishReason === 'ERROR');
    if (failed || (json.result !== undefined && json.result !== 'success')) throw new ModelResponseError(`The model reported an error (${String(json.result ?? failed?.finishReason)}).`);
    images = artifacts.filter((a) => typeof a.base64 === 'string').map((a) => decode(a.base64 as string, typeof a.seed === 'number' ? a.seed : call.seed));
  } else if (family === 'stability-sd3') {
    const reasons = Array.isArray(json.finish_reasons) ? json.finish_reasons : [];
    const filtered = reasons.find((r) => typeof r === 'string' && r.length > 0);
    if (typeof filtered === 'string') throw new ContentFilteredError(`The image was blocked by the content filter (${filtered}).`);
    const seeds = Array.isArray(json.seeds) ? json.seeds : [];
    images = strings(json.images).map((b64, i) => decode(b64, typeof seeds[i] === 'number' ? (seeds[i] as number) : call.seed));
  } else {
    if (typeof json.error === 'string' && json.error) {
      // The response's error field carries no code: content filtering is told by its wording.
      if (/content filter/i.test(json.error)) throw new ContentFilteredError(json.error);
      throw new ModelResponseError(json.error);
    }
    images = strings(json.images).map((b64) => decode(b64, call.seed));
  }
  if (images.length === 0) throw new ModelResponseError('The image model returned no image.');
  return images;
}

export async function generateImages(
  runtime: BedrockRuntimeClient,
  req: ImageRequest,
  modelId: string,
  signal?: AbortSignal,
): Promise<{ images: GeneratedImage[]; request: ApiRequestRecord }> {
  const call = buildImageCall(req, modelId);
  const { json } = await invokeJson(runtime, call.modelId, call.body, signal);
  return { images: parseImageResponse(call, json), request: { operation: 'InvokeModel', modelId: call.modelId, body: call.body } };
}

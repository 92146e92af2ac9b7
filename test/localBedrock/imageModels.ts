// InvokeModel bodies of the image models: Titan Image Generator v2, Nova Canvas, Stability
// SD3.5 / Stable Image Core / Ultra, and SDXL (legacy). Each validates sizes the way its model
// does and answers with real PNGs. Prompts containing "forbidden" are refused by the content
// filter on input, "redacted" on output (see README).
import { PNG } from 'pngjs';
import { BodyCheck, isObj, type Json } from './bodyCheck';
import { validation } from './errors';
import type { StandInModel } from './models';
import { renderPng } from './png';
import { hash32 } from './tokens';

export const INPUT_FILTER_WORD = 'forbidden';
export const OUTPUT_FILTER_WORD = 'redacted';
const has = (text: string, word: string): boolean => text.toLowerCase().includes(word);

// Titan Image Generator sizes (AWS user guide, Titan Image Generator G1; not re-checked).
const TITAN_SIZES = ['1024x1024', '768x768', '512x512', '768x1152', '384x576', '1152x768', '576x384', '768x1280', '384x640', '1280x768', '640x384', '896x1152', '448x576', '1152x896', '576x448', '768x1408', '384x704', '1408x768', '704x384', '640x1408', '320x704', '1408x640', '704x320', '1152x640', '1173x640'];
const NOVA_STYLES = ['3D_ANIMATED_FAMILY_FILM', 'DESIGN_SKETCH', 'FLAT_VECTOR_ILLUSTRATION', 'GRAPHIC_NOVEL_ILLUSTRATION', 'MAXIMALISM', 'MIDCENTURY_RETRO', 'PHOTOREALISM', 'SOFT_DIGITAL_PAINTING'] as const;

// Nova Canvas sizes (AWS user guide, Nova Canvas; not re-checked). These three wordings are the stand-in's.
function checkNovaSize(w: number, h: number): void {
  if (w % 16 !== 0 || h % 16 !== 0) throw validation(`Malformed input request: width and height must be divisible by 16 (got ${w}x${h}), please reformat your input and try again.`);
  if (w / h > 4 || h / w > 4) throw validation(`Malformed input request: the aspect ratio must be between 1:4 and 4:1 (got ${w}x${h}), please reformat your input and try again.`);
  if (w * h > 4194304) throw validation(`Malformed input request: the image must have at most 4194304 pixels (got ${w * h}), please reformat your input and try again.`);
}

/** Titan Image Generator v2 and Nova Canvas share the TEXT_IMAGE body. */
function amazonImage(model: StandInModel, body: Json): Json {
  const nova = model.family === 'novaCanvas';
  const b = new BodyCheck(body).only(['taskType', 'textToImageParams', 'imageGenerationConfig']);
  const task = b.oneOf('taskType', ['TEXT_IMAGE', 'COLOR_GUIDED_GENERATION', 'IMAGE_VARIATION', 'INPAINTING', 'OUTPAINTING', 'BACKGROUND_REMOVAL'], { required: true });
  if (task !== 'TEXT_IMAGE') throw validation(`The local endpoint generates images from text only (taskType TEXT_IMAGE), not ${task}.`);
  const p = b.object('textToImageParams', { required: true }).only(nova ? ['text', 'negativeText', 'style', 'conditionImage', 'controlMode', 'controlStrength'] : ['text', 'negativeText', 'conditionImage', 'controlMode', 'controlStrength']);
  const text = p.string('text', { required: true, minLength: 1, maxLength: nova ? 1024 : 512 })!;
  const negative = p.string('negativeText', { minLength: 3, maxLength: nova ? 1024 : 512 }) ?? '';
  const style = nova ? p.oneOf('style', NOVA_STYLES) : undefined;
  const c = b.object('imageGenerationConfig').only(['numberOfImages', 'quality', 'height', 'width', 'cfgScale', 'seed']);
  const count = c.number('numberOfImages', 1, 5, { integer: true }) ?? 1;
  c.oneOf('quality', ['standard', 'premium']);
  c.number('cfgScale', 1.1, 10);
  // Seed ranges: Titan Image Generator v2 0–2,147,483,646 (the stand-in's earlier value; source not re-checked);
  // Nova Canvas 0–858,993,459 (AWS user guide, Nova Canvas request; the AWS code example draws it from that range).
  const seed = c.number('seed', 0, nova ? 858993459 : 2147483646, { integer: true }) ?? (nova ? 12 : 42);
  const width = c.number('width', 320, 4096, { integer: true }) ?? 1024;
  const height = c.number('height', 320, 4096, { integer: true }) ?? 1024;
  if (nova) checkNovaSize(width, height);
  else if (!TITAN_SIZES.includes(`${width}x${height}`)) {
    throw validation(`Malformed input request: #/imageGenerationConfig: ${width}x${height} is not a supported size; use one of ${TITAN_SIZES.join(', ')}, please reformat your input and try again.`);
  }
  // Content filter texts: source not found.
  if (has(text, INPUT_FILTER_WORD)) throw validation('This request has been blocked by our content filters. Please adjust your text prompt to submit a new request.');
  if (has(text, OUTPUT_FILTER_WORD)) {
    return { images: [], error: 'The generated image has been blocked by our content filters. Please adjust your text prompt and try again.' };
  }
  const key = `${text}|${negative}|${style ?? ''}`;
  return { images: Array.from({ length: count }, (_, i) => renderPng(width, height, key, seed + i).toString('base64')), error: null };
}

const ASPECTS: Record<string, [number, number]> = {
  '1:1': [1024, 1024], '16:9': [1344, 768], '21:9': [1536, 640], '2:3': [832, 1216], '3:2': [1216, 832],
  '4:5': [896, 1088], '5:4': [1088, 896], '9:16': [768, 1344], '9:21': [640, 1536],
};

/** Stability SD3.5 Large, Stable Image Core and Ultra. */
function stability(model: StandInModel, body: Json): Json {
  const sd35 = model.modelId.startsWith('stability.sd3');
  const b = new BodyCheck(body).only(sd35 ? ['prompt', 'negative_prompt', 'aspect_ratio', 'output_format', 'seed', 'mode', 'image', 'strength', 'cfg_scale', 'steps'] : ['prompt', 'negative_prompt', 'aspect_ratio', 'output_format', 'seed']);
  const prompt = b.string('prompt', { required: true, minLength: 1, maxLength: 10000 })!;
  const negative = b.string('negative_prompt', { maxLength: 10000 }) ?? '';
  const format = b.oneOf('output_format', ['png', 'jpeg', 'webp']) ?? 'png';
  if (format !== 'png') throw validation(`The local endpoint renders PNG only; output_format "${format}" is not available here.`);
  const mode = sd35 ? b.oneOf('mode', ['text-to-image', 'image-to-image']) ?? 'text-to-image' : 'text-to-image';
  let [width, height] = ASPECTS[b.oneOf('aspect_ratio', Object.keys(ASPECTS)) ?? '1:1']!;
  let key = `${prompt}|${negative}`;
  if (mode === 'image-to-image') {
    if (b.body.aspect_ratio !== undefined) throw validation('Malformed input request: aspect_ratio is not allowed in image-to-image mode, please reformat your input and try again.');
    const image = b.string('image', { required: true })!;
    b.number('strength', 0, 1, { required: true });
    try {
      const src = PNG.sync.read(Buffer.from(image, 'base64'));
      [width, height] = [src.width, src.height];
    } catch {
      throw validation('Malformed input request: #/image: the image could not be decoded as a PNG by the local endpoint, please reformat your input and try again.');
    }
    key += `|${hash32(image)}`;
  }
  b.number('cfg_scale', 1, 10);
  b.number('steps', 10, 50, { integer: true });
  let seed = b.number('seed', 0, 4294967294, { integer: true }) ?? 0;
  if (seed === 0) seed = (hash32(key) % 4294967294) + 1; // 0 means "random"; the stand-in picks a stable one.
  const filter = has(prompt, INPUT_FILTER_WORD) ? 'Filter reason: prompt' : has(prompt, OUTPUT_FILTER_WORD) ? 'Filter reason: output image' : null;
  return { seeds: [seed], finish_reasons: [filter], images: [renderPng(width, height, key, seed, filter !== null).toString('base64')] };
}

// SDXL sizes, cfg_scale 0–35, text ≤ 2000 characters: AWS user guide, Stability.ai Diffusion 1.0 text to image.
// The size refusal's wording is the stand-in's.
const SDXL_SIZES = ['1024x1024', '1152x896', '1216x832', '1344x768', '1536x640', '640x1536', '768x1344', '832x1216', '896x1152'];
const SDXL_STYLES = ['3d-model', 'analog-film', 'anime', 'cinematic', 'comic-book', 'digital-art', 'enhance', 'fantasy-art', 'isometric', 'line-art', 'low-poly', 'modeling-compound', 'neon-punk', 'origami', 'photographic', 'pixel-art', 'tile-texture'] as const;

/** Stability SDXL 1.0 (legacy body). */
function sdxl(_model: StandInModel, body: Json): Json {
  const b = new BodyCheck(body).only(['text_prompts', 'height', 'width', 'cfg_scale', 'clip_guidance_preset', 'sampler', 'samples', 'seed', 'steps', 'style_preset', 'extras', 'init_image', 'init_image_mode', 'image_strength']);
  const prompts = b.array('text_prompts', { required: true, minItems: 1 }).map((p, i) => {
    if (!isObj(p)) throw validation(`Malformed input request: #/text_prompts/${i}: expected type: JSONObject, please reformat your input and try again.`);
    const c = new BodyCheck(p, `#/text_prompts/${i}`).only(['text', 'weight']);
    return { text: c.string('text', { required: true, minLength: 1, maxLength: 2000 })!, weight: c.number('weight', -10, 10) ?? 1 };
  });
  const width = b.number('width', 128, 1536, { integer: true }) ?? 1024;
  const height = b.number('height', 128, 1536, { integer: true }) ?? 1024;
  if (!SDXL_SIZES.includes(`${width}x${height}`)) {
    throw validation(`Malformed input request: height and width must be one of ${SDXL_SIZES.join(', ')} (got ${width}x${height}), please reformat your input and try again.`);
  }
  b.number('cfg_scale', 0, 35);
  b.number('steps', 10, 150, { integer: true }); // AWS user guide, Stability.ai Diffusion 1.0 text to image: steps 10–150
  b.number('samples', 1, 1, { integer: true });
  const style = b.oneOf('style_preset', SDXL_STYLES) ?? '';
  let seed = b.number('seed', 0, 4294967295, { integer: true }) ?? 0;
  const positive = prompts.filter((p) => p.weight >= 0).map((p) => p.text).join(' ');
  const key = `${prompts.map((p) => `${p.weight}:${p.text}`).join('|')}|${style}`;
  if (seed === 0) seed = hash32(key);
  const filtered = has(positive, INPUT_FILTER_WORD) || has(positive, OUTPUT_FILTER_WORD);
  return {
    result: 'success',
    artifacts: [{ seed, base64: renderPng(width, height, key, seed, filtered).toString('base64'), finishReason: filtered ? 'CONTENT_FILTERED' : 'SUCCESS' }],
  };
}

export function invokeImageModel(model: StandInModel, body: Json): Json | undefined {
  switch (model.family) {
    case 'titanImage': case 'novaCanvas': return amazonImage(model, body);
    case 'stability': return stability(model, body);
    case 'sdxl': return sdxl(model, body);
    default: return undefined;
  }
}

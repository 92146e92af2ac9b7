import { baseModelId } from './modelId';
import { awsDoc, type ImageModelSpec } from './types';

// Which controls each image model has, with the ranges and defaults of the providers' Bedrock
// documentation (Titan Image Generator, Nova Canvas, Stability AI).

/** Where each image family's controls come from. */
export const IMAGE_SOURCES: Record<ImageModelSpec['family'], string> = {
  'titan-image-v1': `${awsDoc('model-parameters-titan-image')} (sizes, 1–5 images, cfgScale 1.1–10, seed ≤ 2147483646, prompt ≤ 512)`,
  'titan-image-v2': `${awsDoc('model-parameters-titan-image')} (sizes, 1–5 images, cfgScale 1.1–10, seed ≤ 2147483646, prompt ≤ 512)`,
  'nova-canvas': 'https://docs.aws.amazon.com/nova/latest/userguide/image-gen-req-resp-structure.html (320–4096 px, ÷16, 1:4–4:1, ≤ 4.19 MP, seed 0–858,993,459, prompt ≤ 1024)',
  'stability-sd3': `${awsDoc('model-parameters-diffusion-3-5-large')} (aspect ratios, seed ≤ 4294967294, prompt ≤ 10000)`,
  'stability-sdxl': `${awsDoc('model-parameters-diffusion-1-0-text-image')} (sizes, cfg_scale 0–35, steps 10–150, seed ≤ 4294967295)`,
};

const TITAN_SIZES: Array<[number, number]> = [
  [1024, 1024], [768, 768], [512, 512], [768, 1152], [384, 576], [1152, 768], [576, 384], [768, 1280], [384, 640],
  [1280, 768], [640, 384], [896, 1152], [448, 576], [1152, 896], [576, 448], [768, 1408], [384, 704], [1408, 768],
  [704, 384], [640, 1408], [320, 704], [1408, 640], [704, 320], [1152, 640], [1173, 640],
];

/** Presets offered for Nova Canvas; any size within its rules is accepted (see novaCanvasSizeProblem). */
const NOVA_SIZES: Array<[number, number]> = [
  [1024, 1024], [512, 512], [2048, 2048], [1280, 720], [720, 1280], [1536, 1024], [1024, 1536], [1280, 768], [768, 1280], [1024, 336],
];

const SDXL_SIZES: Array<[number, number]> = [
  [1024, 1024], [1152, 896], [896, 1152], [1216, 832], [832, 1216], [1344, 768], [768, 1344], [1536, 640], [640, 1536],
];

const STABILITY_RATIOS = ['1:1', '16:9', '21:9', '2:3', '3:2', '4:5', '5:4', '9:16', '9:21'];

const NOVA_STYLES = [
  '3D_ANIMATED_FAMILY_FILM', 'DESIGN_SKETCH', 'FLAT_VECTOR_ILLUSTRATION', 'GRAPHIC_NOVEL_ILLUSTRATION',
  'MAXIMALISM', 'MIDCENTURY_RETRO', 'PHOTOREALISM', 'SOFT_DIGITAL_PAINTING',
];

const SDXL_STYLES = [
  '3d-model', 'analog-film', 'anime', 'cinematic', 'comic-book', 'digital-art', 'enhance', 'fantasy-art', 'isometric',
  'line-art', 'low-poly', 'modeling-compound', 'neon-punk', 'origami', 'photographic', 'pixel-art', 'tile-texture',
];

const sizes = (list: Array<[number, number]>) => list.map(([width, height]) => ({ width, height }));

export function imageFamily(modelId: string): ImageModelSpec['family'] | undefined {
  const base = baseModelId(modelId);
  if (base.startsWith('amazon.titan-image-generator-v2')) return 'titan-image-v2';
  if (base.startsWith('amazon.titan-image-generator-v1')) return 'titan-image-v1';
  if (base.startsWith('amazon.nova-canvas')) return 'nova-canvas';
  if (base.startsWith('stability.stable-diffusion-xl')) return 'stability-sdxl';
  if (base.startsWith('stability.sd3') || base.startsWith('stability.stable-image')) return 'stability-sd3';
  return undefined;
}

/** The controls of an image model the registry knows, else undefined. */
export function imageModelSpec(model: { id: string }): ImageModelSpec | undefined {
  const family = imageFamily(model.id);
  return family ? familySpec(family) : undefined;
}

function familySpec(family: ImageModelSpec['family']): ImageModelSpec {
  switch (family) {
    case 'titan-image-v1':
    case 'titan-image-v2':
      return {
        family,
        sizes: sizes(TITAN_SIZES),
        defaultSize: { width: 1024, height: 1024 },
        count: { min: 1, max: 5, step: 1, default: 1 },
        seed: { min: 0, max: 2147483646 },
        cfgScale: { min: 1.1, max: 10, step: 0.1, default: 8 },
        quality: { options: ['standard', 'premium'], default: 'standard' },
        negativePrompt: true,
        promptMaxLength: 512,
        mimeType: 'image/png',
      };
    case 'nova-canvas':
      return {
        family,
        sizes: sizes(NOVA_SIZES),
        defaultSize: { width: 1024, height: 1024 },
        count: { min: 1, max: 5, step: 1, default: 1 },
        seed: { min: 0, max: 858993459 },
        cfgScale: { min: 1.1, max: 10, step: 0.1, default: 6.5 },
        quality: { options: ['standard', 'premium'], default: 'standard' },
        style: { options: NOVA_STYLES, default: undefined },
        negativePrompt: true,
        promptMaxLength: 1024,
        mimeType: 'image/png',
      };
    case 'stability-sd3':
      return {
        family,
        aspectRatios: STABILITY_RATIOS,
        defaultAspectRatio: '1:1',
        count: { min: 1, max: 1, step: 1, default: 1 },
        seed: { min: 0, max: 4294967294 },
        negativePrompt: true,
        promptMaxLength: 10000,
        mimeType: 'image/png',
      };
    case 'stability-sdxl':
      return {
        family,
        sizes: sizes(SDXL_SIZES),
        defaultSize: { width: 1024, height: 1024 },
        count: { min: 1, max: 1, step: 1, default: 1 },
        seed: { min: 0, max: 4294967295 },
        cfgScale: { min: 0, max: 35, step: 0.5, default: 7 },
        // 10–150 per the SDXL parameters page (the stand-in's 10–50 was ours, not Bedrock's).
        steps: { min: 10, max: 150, step: 1, default: 30 },
        style: { options: SDXL_STYLES, default: undefined },
        negativePrompt: true,
        promptMaxLength: 2000,
        mimeType: 'image/png',
      };
  }
}

/** Nova Canvas's smallest and largest side (novaCanvasSizeProblem); the other families' sizes are in their lists. */
const NOVA_MIN_SIDE = 320;
const NOVA_MAX_SIDE = 4096;

/**
 * The widest values any image model of the registry takes: the bounds of what may cross to the host
 * or be passed to "Bedrock: Generate Image" before the model's own limits are checked
 * (imageSettings.ts). Derived from the specs above, so a new model widens them.
 */
export const IMAGE_LIMITS = (() => {
  const specs = (Object.keys(IMAGE_SOURCES) as Array<ImageModelSpec['family']>).map(familySpec);
  const ranges = (pick: (s: ImageModelSpec) => { min: number; max: number } | undefined) => {
    const all = specs.flatMap((s) => pick(s) ?? []);
    return { min: Math.min(...all.map((r) => r.min)), max: Math.max(...all.map((r) => r.max)) };
  };
  const options = specs.flatMap((s) => [...(s.aspectRatios ?? []), ...(s.quality?.options ?? []), ...(s.style?.options ?? [])]);
  const sides = specs.flatMap((s) => (s.sizes ?? []).flatMap((z) => [z.width, z.height]));
  return {
    promptMaxLength: Math.max(...specs.map((s) => s.promptMaxLength)),
    seed: ranges((s) => s.seed),
    count: ranges((s) => s.count),
    /** Sides in pixels (Nova Canvas takes any size within 320–4096; the others list theirs). */
    side: { min: Math.min(NOVA_MIN_SIDE, ...sides), max: Math.max(NOVA_MAX_SIDE, ...sides) },
    cfgScale: ranges((s) => s.cfgScale),
    steps: ranges((s) => s.steps),
    /** Longest aspect ratio, quality or style name. */
    optionLength: Math.max(...options.map((o) => o.length)),
  } as const;
})();

/** Nova Canvas takes any size with sides 320–4096 divisible by 16, ratio within 1:4–4:1, at most 4.19 MP. */
export function novaCanvasSizeProblem(width: number, height: number): string | undefined {
  if (!Number.isInteger(width) || !Number.isInteger(height)) return 'width and height must be whole numbers';
  if (width < NOVA_MIN_SIDE || height < NOVA_MIN_SIDE || width > NOVA_MAX_SIDE || height > NOVA_MAX_SIDE) return 'each side must be 320–4096 pixels';
  if (width % 16 !== 0 || height % 16 !== 0) return 'each side must be divisible by 16';
  if (width / height > 4 || height / width > 4) return 'the aspect ratio must be between 1:4 and 4:1';
  if (width * height > 4_194_304) return 'the image must have at most 4,194,304 pixels';
  return undefined;
}

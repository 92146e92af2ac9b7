import { novaCanvasSizeProblem } from './imageModels';
import type { ImageModelSpec, RangeSpec } from './types';

// The one check of an image generation's settings against its model's spec (imageModels.ts):
// the Images tab runs it as the user types and again on the host, "Bedrock: Generate Image" and
// every other caller through the Bedrock layer's buildImageCall, which runs it before anything is
// sent. Each problem names the parameter at fault, in words a user can act on.

export type ImageParameter = 'prompt' | 'negativePrompt' | 'size' | 'aspectRatio' | 'count' | 'seed' | 'cfgScale' | 'steps' | 'quality' | 'style';

export interface SettingProblem {
  parameter: ImageParameter;
  message: string;
}

/** Labels the UI and messages use for each parameter. */
export const PARAMETER_LABELS: Record<ImageParameter, string> = {
  prompt: 'Prompt',
  negativePrompt: 'Negative prompt',
  size: 'Size',
  aspectRatio: 'Aspect ratio',
  count: 'Number of images',
  seed: 'Seed',
  cfgScale: 'CFG scale',
  steps: 'Steps',
  quality: 'Quality',
  style: 'Style',
};

/** The settings of one generation, whoever asks for it (the tab's form, the command, a sidecar). Undefined: the model's default. */
export interface ImageValues {
  prompt: string;
  negativePrompt?: string;
  width?: number;
  height?: number;
  aspectRatio?: string;
  count?: number;
  /** undefined = random. */
  seed?: number;
  cfgScale?: number;
  steps?: number;
  quality?: string;
  /** undefined or '' = no style. */
  style?: string;
}

/** Titan Image Generator and Nova Canvas refuse a `negativeText` shorter than this (their request schemas: 3 characters at least). */
const NEGATIVE_TEXT_MIN = 3;

function takesNegativeTextMin(spec: ImageModelSpec): boolean {
  return spec.family.startsWith('titan') || spec.family === 'nova-canvas';
}

/** The aspect ratio a request for a ratio model is made in (the model's default when none is asked). */
export function aspectRatioOf(spec: ImageModelSpec, v: Pick<ImageValues, 'aspectRatio'>): string {
  return v.aspectRatio ?? spec.defaultAspectRatio ?? '1:1';
}

/** The size a request for a sized model is made in (the model's default where none is asked). */
export function sizeOf(spec: ImageModelSpec, v: Pick<ImageValues, 'width' | 'height'>): { width: number; height: number } {
  return { width: v.width ?? spec.defaultSize?.width ?? 1024, height: v.height ?? spec.defaultSize?.height ?? 1024 };
}

function rangeProblem(parameter: ImageParameter, value: number, r: { min: number; max: number }, modelName: string, integer: boolean): SettingProblem | undefined {
  if (integer && !Number.isInteger(value)) return { parameter, message: `${PARAMETER_LABELS[parameter]} must be a whole number.` };
  if (!Number.isFinite(value) || value < r.min || value > r.max) {
    return { parameter, message: `${PARAMETER_LABELS[parameter]} ${value} is outside what ${modelName} takes (${r.min}–${r.max}).` };
  }
  return undefined;
}

function sizeProblems(spec: ImageModelSpec, v: ImageValues, modelName: string): SettingProblem[] {
  const sized = v.width !== undefined || v.height !== undefined;
  if (spec.aspectRatios) {
    // Given a size, the model wants a ratio: the size is at fault when a ratio was given too, else the missing ratio.
    if (sized) return [{ parameter: v.aspectRatio === undefined ? 'aspectRatio' : 'size', message: `${modelName} takes an aspect ratio (${spec.aspectRatios.join(', ')}), not a width and height.` }];
    if (!spec.aspectRatios.includes(aspectRatioOf(spec, v))) return [{ parameter: 'aspectRatio', message: `Aspect ratio must be one of ${spec.aspectRatios.join(', ')} for ${modelName}.` }];
    return [];
  }
  if (v.aspectRatio !== undefined) {
    // The same, the other way round: the ratio is at fault when a size was given too, else the missing size.
    return [{ parameter: sized ? 'aspectRatio' : 'size', message: `${modelName} takes a width and height, not an aspect ratio.` }];
  }
  const { width, height } = sizeOf(spec, v);
  if (spec.family === 'nova-canvas') {
    const problem = novaCanvasSizeProblem(width, height);
    return problem ? [{ parameter: 'size', message: `${width}×${height} is not a size ${modelName} generates: ${problem}.` }] : [];
  }
  if (!spec.sizes?.some((s) => s.width === width && s.height === height)) {
    const list = spec.sizes?.map((s) => `${s.width}×${s.height}`).join(', ') ?? '';
    return [{ parameter: 'size', message: `${width}×${height} is not a size ${modelName} generates; pick one of ${list}.` }];
  }
  return [];
}

/** Every problem with these settings for this model; empty when they can be sent. */
export function imageSettingsProblems(spec: ImageModelSpec, v: ImageValues, modelName: string): SettingProblem[] {
  const problems: SettingProblem[] = [];
  const add = (p: SettingProblem | undefined) => {
    if (p) problems.push(p);
  };
  const prompt = v.prompt.trim();
  if (!prompt) add({ parameter: 'prompt', message: 'Describe the image: the prompt cannot be empty.' });
  else if (prompt.length > spec.promptMaxLength) {
    add({ parameter: 'prompt', message: `The prompt has ${prompt.length} characters; ${modelName} takes at most ${spec.promptMaxLength}.` });
  }
  const negative = v.negativePrompt?.trim() ?? '';
  if (negative && !spec.negativePrompt) add({ parameter: 'negativePrompt', message: `${modelName} does not take a negative prompt.` });
  else if (negative && takesNegativeTextMin(spec) && negative.length < NEGATIVE_TEXT_MIN) {
    add({ parameter: 'negativePrompt', message: `The negative prompt must be at least ${NEGATIVE_TEXT_MIN} characters.` });
  } else if (negative.length > spec.promptMaxLength) {
    add({ parameter: 'negativePrompt', message: `The negative prompt has ${negative.length} characters; ${modelName} takes at most ${spec.promptMaxLength}.` });
  }
  problems.push(...sizeProblems(spec, v, modelName));
  const count = v.count ?? spec.count.default;
  if (spec.count.max === 1 && count !== 1) add({ parameter: 'count', message: `${modelName} makes one image per request.` });
  else add(rangeProblem('count', count, spec.count, modelName, true));
  if (v.seed !== undefined) add(rangeProblem('seed', v.seed, spec.seed, modelName, true));
  for (const [key, integer] of [['cfgScale', false], ['steps', true]] as const) {
    const value = v[key];
    if (value === undefined) continue;
    const r: RangeSpec | undefined = spec[key];
    if (!r) add({ parameter: key, message: key === 'cfgScale' ? `${modelName} has no CFG scale.` : `${modelName} has no steps setting.` });
    else add(rangeProblem(key, value, r, modelName, integer));
  }
  for (const key of ['quality', 'style'] as const) {
    const value = v[key];
    if (value === undefined || (key === 'style' && value === '')) continue;
    const choice = spec[key];
    if (!choice) add({ parameter: key, message: `${modelName} has no ${PARAMETER_LABELS[key].toLowerCase()} setting.` });
    else if (!choice.options.includes(value)) {
      add({ parameter: key, message: `"${value}" is not a ${PARAMETER_LABELS[key].toLowerCase()} ${modelName} offers (${choice.options.join(', ')}).` });
    }
  }
  return problems;
}

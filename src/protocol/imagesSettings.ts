// The Images form's values against a model's spec: defaults for a newly picked model, checks
// that name the parameter at fault, and the ImageRequest the Bedrock layer takes. Pure (no DOM,
// no `vscode`): the webview uses it to validate as the user types, the host checks again.

import type { ImageModelSpec, ImageRequest, ModelRecord, RangeSpec } from '../bedrock/types';
import type { ImageSettings } from './images';

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

export function sizeKey(size: { width: number; height: number }): string {
  return `${size.width}x${size.height}`;
}

function inRange(v: number, r: RangeSpec): boolean {
  return Number.isFinite(v) && v >= r.min && v <= r.max;
}

function clampToRange(v: number | undefined, r: RangeSpec): number {
  if (v === undefined || !Number.isFinite(v)) return r.default;
  return Math.min(r.max, Math.max(r.min, v));
}

/**
 * The form for `spec`'s model, keeping what carries over from `previous` (prompt, negative prompt,
 * seed, and any value the new model also takes) and the model's defaults for the rest.
 */
export function settingsForModel(modelId: string, spec: ImageModelSpec, previous?: ImageSettings): ImageSettings {
  const keep = <T extends string>(value: T | undefined, options: readonly string[] | undefined): T | undefined =>
    value !== undefined && options?.includes(value) ? value : undefined;
  const size = spec.sizes
    ? spec.sizes.find((s) => s.width === previous?.width && s.height === previous?.height) ?? spec.defaultSize ?? spec.sizes[0]
    : undefined;
  const seed = previous?.seed;
  return {
    modelId,
    prompt: previous?.prompt ?? '',
    negativePrompt: spec.negativePrompt ? (previous?.negativePrompt ?? '') : '',
    seed: seed !== undefined && seed >= spec.seed.min && seed <= spec.seed.max ? seed : undefined,
    count: Math.round(clampToRange(previous?.count, spec.count)),
    width: size?.width,
    height: size?.height,
    aspectRatio: spec.aspectRatios ? keep(previous?.aspectRatio, spec.aspectRatios) ?? spec.defaultAspectRatio ?? spec.aspectRatios[0] : undefined,
    cfgScale: spec.cfgScale ? (previous?.cfgScale !== undefined && inRange(previous.cfgScale, spec.cfgScale) ? previous.cfgScale : spec.cfgScale.default) : undefined,
    steps: spec.steps ? (previous?.steps !== undefined && inRange(previous.steps, spec.steps) ? previous.steps : spec.steps.default) : undefined,
    quality: spec.quality ? keep(previous?.quality, spec.quality.options) ?? spec.quality.default : undefined,
    style: spec.style ? keep(previous?.style, spec.style.options) ?? spec.style.default : undefined,
  };
}

function rangeProblem(parameter: ImageParameter, value: number, r: RangeSpec, modelName: string, integer: boolean): SettingProblem | undefined {
  if (integer && !Number.isInteger(value)) return { parameter, message: `${PARAMETER_LABELS[parameter]} must be a whole number.` };
  if (!inRange(value, r)) return { parameter, message: `${PARAMETER_LABELS[parameter]} ${value} is outside what ${modelName} takes (${r.min}–${r.max}).` };
  return undefined;
}

/** Every problem with the form for this model; empty when it can be sent. */
export function checkSettings(spec: ImageModelSpec, settings: ImageSettings, modelName: string): SettingProblem[] {
  const problems: SettingProblem[] = [];
  const add = (p: SettingProblem | undefined) => {
    if (p) problems.push(p);
  };
  const prompt = settings.prompt.trim();
  if (!prompt) add({ parameter: 'prompt', message: 'Describe the image: the prompt cannot be empty.' });
  else if (prompt.length > spec.promptMaxLength) {
    add({ parameter: 'prompt', message: `The prompt has ${prompt.length} characters; ${modelName} takes at most ${spec.promptMaxLength}.` });
  }
  const negative = settings.negativePrompt.trim();
  if (negative && !spec.negativePrompt) add({ parameter: 'negativePrompt', message: `${modelName} does not take a negative prompt.` });
  else if (negative.length > spec.promptMaxLength) {
    add({ parameter: 'negativePrompt', message: `The negative prompt has ${negative.length} characters; ${modelName} takes at most ${spec.promptMaxLength}.` });
  }
  if (settings.width !== undefined || settings.height !== undefined) {
    if (!spec.sizes) add({ parameter: 'size', message: `${modelName} takes an aspect ratio, not a width and height.` });
    else if (!spec.sizes.some((s) => s.width === settings.width && s.height === settings.height)) {
      add({ parameter: 'size', message: `${settings.width ?? '?'} × ${settings.height ?? '?'} is not a size ${modelName} generates.` });
    }
  }
  if (settings.aspectRatio !== undefined) {
    if (!spec.aspectRatios) add({ parameter: 'aspectRatio', message: `${modelName} takes a width and height, not an aspect ratio.` });
    else if (!spec.aspectRatios.includes(settings.aspectRatio)) {
      add({ parameter: 'aspectRatio', message: `${settings.aspectRatio} is not an aspect ratio ${modelName} takes (${spec.aspectRatios.join(', ')}).` });
    }
  }
  add(rangeProblem('count', settings.count, spec.count, modelName, true));
  if (settings.seed !== undefined) add(rangeProblem('seed', settings.seed, { ...spec.seed, step: 1, default: 0 }, modelName, true));
  if (settings.cfgScale !== undefined) {
    if (!spec.cfgScale) add({ parameter: 'cfgScale', message: `${modelName} has no CFG scale.` });
    else add(rangeProblem('cfgScale', settings.cfgScale, spec.cfgScale, modelName, false));
  }
  if (settings.steps !== undefined) {
    if (!spec.steps) add({ parameter: 'steps', message: `${modelName} has no steps setting.` });
    else add(rangeProblem('steps', settings.steps, spec.steps, modelName, true));
  }
  for (const key of ['quality', 'style'] as const) {
    const value = settings[key];
    if (value === undefined) continue;
    const choice = spec[key];
    if (!choice) add({ parameter: key, message: `${modelName} has no ${PARAMETER_LABELS[key].toLowerCase()} setting.` });
    else if (!choice.options.includes(value)) {
      add({ parameter: key, message: `"${value}" is not a ${PARAMETER_LABELS[key].toLowerCase()} ${modelName} offers (${choice.options.join(', ')}).` });
    }
  }
  return problems;
}

/** The request for the Bedrock layer (call after checkSettings found nothing). */
export function toImageRequest(model: ModelRecord, settings: ImageSettings): ImageRequest {
  const request: ImageRequest = { model, prompt: settings.prompt.trim(), count: settings.count };
  const negative = settings.negativePrompt.trim();
  if (negative) request.negativePrompt = negative;
  if (settings.seed !== undefined) request.seed = settings.seed;
  if (settings.width !== undefined) request.width = settings.width;
  if (settings.height !== undefined) request.height = settings.height;
  if (settings.aspectRatio !== undefined) request.aspectRatio = settings.aspectRatio;
  if (settings.cfgScale !== undefined) request.cfgScale = settings.cfgScale;
  if (settings.steps !== undefined) request.steps = settings.steps;
  if (settings.quality !== undefined) request.quality = settings.quality;
  if (settings.style !== undefined) request.style = settings.style;
  return request;
}

// The Images form's values against a model's spec: defaults for a newly picked model, the check
// (the registry's imageSettingsProblems, the same the Bedrock layer runs before sending) and the
// ImageRequest the Bedrock layer takes. Pure (no DOM, no `vscode`): the webview uses it to validate
// as the user types, the host checks again.

import { imageSettingsProblems, type SettingProblem } from '../bedrock/families/imageSettings';
import type { ImageModelSpec, ImageRequest, ModelRecord, RangeSpec } from '../bedrock/types';
import type { ImageSettings } from './images';

// The registry's names for the parameters, for the webview (which imports src/protocol only).
export { type ImageParameter, PARAMETER_LABELS, type SettingProblem } from '../bedrock/families/imageSettings';

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

/** Every problem with the form for this model; empty when it can be sent. */
export function checkSettings(spec: ImageModelSpec, settings: ImageSettings, modelName: string): SettingProblem[] {
  return imageSettingsProblems(spec, settings, modelName);
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

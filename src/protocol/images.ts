// The Images tab's methods on the playground protocol (see envelope.ts for the envelope). Types,
// guards and method descriptors only; shared by host and webview. Names are `images/...`.

import { IMAGE_LIMITS } from '../bedrock/families/imageModels';
import type { ApiRequestRecord, BedrockErrorInfo, GeneratedImage, ImageModelSpec, RangeSpec } from '../bedrock/types';
import { isApiRequest, isDone, isErrorInfo, isIdString, isNoParams, isRefreshModelsParams, isRetryResult, isToken, MAX_ID } from './common';
import { event, notification, request } from './methods';
import { type Guard, isArrayOf, isBoolean, isInteger, isNumber, isOneOf, isOptional, isShape, isString } from './validate';

/** Generations kept in one panel's history (older ones and their files are removed). */
export const MAX_HISTORY = 40;

/** What the user set in the form. Undefined means "the model's default" (seed: random). */
export interface ImageSettings {
  modelId: string;
  prompt: string;
  negativePrompt: string;
  /** undefined = a random seed for each generation. */
  seed?: number;
  count: number;
  width?: number;
  height?: number;
  aspectRatio?: string;
  cfgScale?: number;
  steps?: number;
  quality?: string;
  style?: string;
}

/** One image model of the picker, with the controls it really has. */
export interface ImageModelOption {
  id: string;
  name: string;
  provider: string;
  legacy: boolean;
  spec: ImageModelSpec;
}

export interface ImageModelsView {
  models: ImageModelOption[];
  loading: boolean;
  /** Set when the catalog could not be loaded. */
  error?: BedrockErrorInfo;
  region: string;
  /** True when talking to the local Bedrock endpoint (the UI says so). */
  local: boolean;
  /** True for the demo shipped in the extension (the UI says Demo). */
  demo?: boolean;
  /** `bedrock.defaultImageModel`, preselected when the form has no model yet. */
  defaultModelId?: string;
}

/** One picture of a generation, as the webview shows it. */
export interface ImageView {
  index: number;
  seed: number;
  mimeType: GeneratedImage['mimeType'];
  /** A webview resource URI of the stored file (made per webview, never stored). */
  src: string;
  bytes: number;
  /** Where it was saved in the workspace ("images/fox-...png"), once saved. */
  savedAs?: string;
}

/** One generation of the history. */
export interface GenerationView {
  id: string;
  createdAt: number;
  modelId: string;
  modelName: string;
  settings: ImageSettings;
  images: ImageView[];
  durationMs: number;
  /** The request as sent (operation, id invoked, body), for "View API request". */
  request?: ApiRequestRecord;
}

export interface ImagesStateView {
  /** Newest first. */
  history: GenerationView[];
  /** The form as the user left it (restored after a reload). */
  settings?: ImageSettings;
  /** A generation still running (the page was reloaded meanwhile): the tab shows it busy, and can cancel it by its token. */
  running?: RunningGeneration;
}

export interface RunningGeneration { token: string; startedAt: number; count: number }

// ---- Webview → host ----

/** `token` names this generation so `images/cancel` can abort it (chosen by the webview, unique per document). */
export interface GenerateParams { settings: ImageSettings; token: string }
export interface CancelParams { token: string }
/** Failures are answered as a result (not a protocol error) so the pane can show the Bedrock error with its action. */
export type GenerateResult = { generation: GenerationView } | { error: BedrockErrorInfo };
export interface ImageRefParams { generationId: string; index: number }
export interface GenerationRefParams { generationId: string }
export interface CopySeedParams { seed: number }
export interface SetSettingsParams { settings: ImageSettings }
export interface SaveResult { savedAs?: string; message: string; saved: boolean }

// ---- Guards ----

export const isImageMime = isOneOf(['image/png', 'image/jpeg', 'image/webp'] as const);

const L = IMAGE_LIMITS;
/**
 * Each image setting as it crosses to the host (or is passed to "Bedrock: Generate Image"): its type
 * and the widest bounds any image model takes (the registry's IMAGE_LIMITS). Each model's own limits
 * are checked by checkSettings (imagesSettings.ts), the check the Bedrock layer runs too.
 */
export const IMAGE_SETTING_GUARDS = {
  prompt: isString(L.promptMaxLength),
  negativePrompt: isString(L.promptMaxLength),
  seed: isInteger(L.seed.min, L.seed.max),
  count: isInteger(L.count.min, L.count.max),
  width: isInteger(L.side.min, L.side.max),
  height: isInteger(L.side.min, L.side.max),
  aspectRatio: isString(L.optionLength),
  cfgScale: isNumber(L.cfgScale.min, L.cfgScale.max),
  steps: isNumber(L.steps.min, L.steps.max),
  quality: isString(L.optionLength),
  style: isString(L.optionLength),
} as const;

const G = IMAGE_SETTING_GUARDS;
export const isImageSettings: Guard<ImageSettings> = isShape({
  modelId: isString(MAX_ID),
  prompt: G.prompt,
  negativePrompt: G.negativePrompt,
  seed: isOptional(G.seed),
  count: G.count,
  width: isOptional(G.width),
  height: isOptional(G.height),
  aspectRatio: isOptional(G.aspectRatio),
  cfgScale: isOptional(G.cfgScale),
  steps: isOptional(G.steps),
  quality: isOptional(G.quality),
  style: isOptional(G.style),
});

export const isGenerateParams: Guard<GenerateParams> = isShape({ settings: isImageSettings, token: isToken });
export const isCancelParams: Guard<CancelParams> = isShape({ token: isToken });
export const isSetSettingsParams: Guard<SetSettingsParams> = isShape({ settings: isImageSettings });
export const isImageRefParams: Guard<ImageRefParams> = isShape({ generationId: isIdString, index: isInteger(0, 100) });
export const isGenerationRefParams: Guard<GenerationRefParams> = isShape({ generationId: isIdString });
export const isCopySeedParams: Guard<CopySeedParams> = isShape({ seed: G.seed });

// Host → webview payloads are checked too (the webview trusts nothing it did not check).
const isRange: Guard<RangeSpec> = isShape({ min: isNumber(-1e12, 1e12), max: isNumber(-1e12, 1e12), step: isNumber(0, 1e12), default: isNumber(-1e12, 1e12) });
const isSize = isShape({ width: isInteger(1, 100_000), height: isInteger(1, 100_000) });
const isChoice = (defaultGuard: Guard<unknown>) => isShape({ options: isArrayOf(isString(128), 100), default: defaultGuard });

export const isImageModelSpec: Guard<ImageModelSpec> = isShape({
  family: isString(64),
  sizes: isOptional(isArrayOf(isSize, 500)),
  defaultSize: isOptional(isSize),
  aspectRatios: isOptional(isArrayOf(isString(32), 100)),
  defaultAspectRatio: isOptional(isString(32)),
  count: isRange,
  seed: isShape({ min: isNumber(0, 1e12), max: isNumber(0, 1e12) }),
  cfgScale: isOptional(isRange),
  steps: isOptional(isRange),
  quality: isOptional(isChoice(isString(128))),
  style: isOptional(isChoice(isOptional(isString(128)))),
  negativePrompt: isBoolean,
  promptMaxLength: isInteger(1, 1_000_000),
  mimeType: isImageMime,
}) as Guard<ImageModelSpec>;

export const isImageModelOption: Guard<ImageModelOption> = isShape({
  id: isIdString, name: isString(500), provider: isString(200), legacy: isBoolean, spec: isImageModelSpec,
});
export const isImageModelsView: Guard<ImageModelsView> = isShape({
  models: isArrayOf(isImageModelOption, 1000), loading: isBoolean, error: isOptional(isErrorInfo), region: isString(100), local: isBoolean, demo: isOptional(isBoolean),
  defaultModelId: isOptional(isString(MAX_ID)),
});
export const isImageView: Guard<ImageView> = isShape({
  index: isInteger(0, 100), seed: G.seed, mimeType: isImageMime, src: isString(8192), bytes: isInteger(0, 1e10), savedAs: isOptional(isString(8192)),
});
export const isGenerationView: Guard<GenerationView> = isShape({
  id: isIdString, createdAt: isNumber(0, Number.MAX_SAFE_INTEGER), modelId: isString(MAX_ID), modelName: isString(500),
  settings: isImageSettings, images: isArrayOf(isImageView, 100), durationMs: isNumber(0, 1e10), request: isOptional(isApiRequest),
});
export const isImagesStateView: Guard<ImagesStateView> = isShape({
  history: isArrayOf(isGenerationView, MAX_HISTORY),
  settings: isOptional(isImageSettings),
  running: isOptional(isShape({ token: isToken, startedAt: isNumber(0, Number.MAX_SAFE_INTEGER), count: isInteger(1, 100) })),
});
export const isGenerateResult: Guard<GenerateResult> = (v): v is GenerateResult =>
  isShape({ generation: isGenerationView })(v) || isShape({ error: isErrorInfo })(v);
export const isSaveResult: Guard<SaveResult> = isShape({ savedAs: isOptional(isString(8192)), message: isString(10_000), saved: isBoolean });
export const isGenerationEvent: Guard<{ generation: GenerationView }> = isShape({ generation: isGenerationView });
export interface ShowParams { modelId?: string }
export interface EndedParams { token: string; result: GenerateResult }
export const isEndedParams: Guard<EndedParams> = isShape({ token: isToken, result: isGenerateResult });
export const isShowParams: Guard<ShowParams> = isShape({ modelId: isOptional(isString(MAX_ID)) });

// ---- Methods ----

export const ImagesRequests = {
  /** Answers GenerateResult (a cancelled one answers a `cancelled` error). */
  generate: request('images/generate', isGenerateParams, isGenerateResult),
  /** Saves one image (and its sidecar) into the workspace; answers SaveResult. */
  save: request('images/save', isImageRefParams, isSaveResult),
  /** Opens the image full size in an editor. */
  open: request('images/open', isImageRefParams, isDone),
  copySeed: request('images/copySeed', isCopySeedParams, isDone),
  /** Opens the API request of a generation as JSON. */
  openRequest: request('images/openRequest', isGenerationRefParams, isDone),
  remove: request('images/remove', isGenerationRefParams, isDone),
  clearHistory: request('images/clearHistory', isNoParams, isDone),
  /** Runs the action of the last error (open the model-access page, SSO login...); answers whether to generate again. */
  runErrorAction: request('images/runErrorAction', isNoParams, isRetryResult),
  refreshModels: request('images/refreshModels', isRefreshModelsParams, isDone),
} as const;

export const ImagesNotifications = {
  /** The form changed; the host keeps it so a reload restores it. */
  setSettings: notification('images/setSettings', isSetSettingsParams),
  /** Aborts the generation with this token. */
  cancel: notification('images/cancel', isCancelParams),
} as const;

export const ImagesEvents = {
  /** History and form, after ready. */
  state: event('images/state', isImagesStateView),
  /** The image models (loading, then loaded or failed). */
  models: event('images/models', isImageModelsView),
  /** A generation ended (for a page reloaded while it ran: its own request's answer is lost). */
  ended: event('images/ended', isEndedParams),
  /** Bring the Images tab to the front, with this model selected when given. */
  show: event('images/show', isShowParams),
  /** A generation was added or changed (an image was saved); upsert by id. Also sent for a new generation, so a document reloaded meanwhile still gets it. */
  generation: event('images/generation', isGenerationEvent),
} as const;

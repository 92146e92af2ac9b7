// The Images tab's methods on the playground protocol (see protocol.ts for the envelope). Types
// and guards only; shared by host and webview. Names are `images/...`.

import type { ApiRequestRecord, BedrockErrorInfo, GeneratedImage, ImageModelSpec, RangeSpec } from '../bedrock/types';
import {
  type Guard, isArrayOf, isBoolean, isInteger, isJsonValue, isNonEmptyString, isNumber, isOneOf, isOptional, isRecord,
  isShape, isString, own,
} from './validate';

const MAX_ID = 2048;
/** The longest prompt any image model takes is 10,000 characters (Stability); each model's own limit is in its spec. */
export const MAX_IMAGE_PROMPT = 10_000;
/** Generations kept in one panel's history (older ones and their files are removed). */
export const MAX_HISTORY = 40;
/** Largest seed any image model takes (Stability: 4294967294; Titan/Nova: 2147483646). */
export const MAX_SEED = 4_294_967_295;

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
export interface RefreshModelsParams { refresh: boolean }
export interface SaveResult { savedAs?: string; message: string; saved: boolean }

export const ImagesRequests = {
  /** Answers GenerateResult (a cancelled one answers a `cancelled` error). */
  generate: 'images/generate',
  /** Saves one image (and its sidecar) into the workspace; answers SaveResult. */
  save: 'images/save',
  /** Opens the image full size in an editor. */
  open: 'images/open',
  copySeed: 'images/copySeed',
  /** Opens the API request of a generation as JSON. */
  openRequest: 'images/openRequest',
  remove: 'images/remove',
  clearHistory: 'images/clearHistory',
  /** Runs the action of the last error (open the model-access page, SSO login...). */
  runErrorAction: 'images/runErrorAction',
  refreshModels: 'images/refreshModels',
} as const;

export const ImagesNotifications = {
  /** The form changed; the host keeps it so a reload restores it. */
  setSettings: 'images/setSettings',
  /** Aborts the generation with this token. */
  cancel: 'images/cancel',
} as const;

export const ImagesEvents = {
  /** History and form, after ready. */
  state: 'images/state',
  /** The image models (loading, then loaded or failed). */
  models: 'images/models',
  /** A generation ended (for a page reloaded while it ran: its own request's answer is lost). */
  ended: 'images/ended',
  /** Bring the Images tab to the front, with this model selected when given. */
  show: 'images/show',
  /** A generation was added or changed (an image was saved); upsert by id. Also sent for a new generation, so a document reloaded meanwhile still gets it. */
  generation: 'images/generation',
} as const;

// ---- Guards ----

const isIdString = isNonEmptyString(MAX_ID);
const isOptNum = isOptional(isNumber(-1e9, 1e9));
const isMime = isOneOf(['image/png', 'image/jpeg', 'image/webp'] as const);

export const isImageSettings: Guard<ImageSettings> = isShape({
  modelId: isString(MAX_ID),
  prompt: isString(MAX_IMAGE_PROMPT),
  negativePrompt: isString(MAX_IMAGE_PROMPT),
  seed: isOptional(isInteger(0, MAX_SEED)),
  count: isInteger(1, 100),
  width: isOptional(isInteger(1, 100_000)),
  height: isOptional(isInteger(1, 100_000)),
  aspectRatio: isOptional(isString(32)),
  cfgScale: isOptNum,
  steps: isOptNum,
  quality: isOptional(isString(64)),
  style: isOptional(isString(128)),
});

const isToken = (v: unknown): v is string => typeof v === 'string' && /^[\w-]{1,64}$/.test(v);
export const isGenerateParams: Guard<GenerateParams> = isShape({ settings: isImageSettings, token: isToken });
export const isCancelParams: Guard<CancelParams> = isShape({ token: isToken });
export const isSetSettingsParams: Guard<SetSettingsParams> = isShape({ settings: isImageSettings });
export const isImageRefParams: Guard<ImageRefParams> = isShape({ generationId: isIdString, index: isInteger(0, 100) });
export const isGenerationRefParams: Guard<GenerationRefParams> = isShape({ generationId: isIdString });
export const isCopySeedParams: Guard<CopySeedParams> = isShape({ seed: isInteger(0, MAX_SEED) });
export const isRefreshModelsParams: Guard<RefreshModelsParams> = isShape({ refresh: isBoolean });
export const isNoParams: Guard<Record<string, unknown> | undefined> = (v): v is Record<string, unknown> | undefined => v === undefined || v === null || isRecord(v);

// Host → webview payloads are checked too (the webview trusts nothing it did not check).
const isErrorInfo: Guard<BedrockErrorInfo> = (v): v is BedrockErrorInfo =>
  isShape({ kind: isString(40), message: isString(100_000), detail: isString(100_000), parameter: isOptional(isString(200)), retryable: isBoolean })(v) &&
  isRecord(v) && (own(v, 'action') === undefined || isRecord(own(v, 'action')));
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
  mimeType: isMime,
}) as Guard<ImageModelSpec>;

export const isImageModelOption: Guard<ImageModelOption> = isShape({
  id: isIdString, name: isString(500), provider: isString(200), legacy: isBoolean, spec: isImageModelSpec,
});
export const isImageModelsView: Guard<ImageModelsView> = isShape({
  models: isArrayOf(isImageModelOption, 1000), loading: isBoolean, error: isOptional(isErrorInfo), region: isString(100), local: isBoolean,
  defaultModelId: isOptional(isString(MAX_ID)),
});
const isApiRequest: Guard<ApiRequestRecord> = isShape({
  operation: isOneOf(['Converse', 'ConverseStream', 'InvokeModel', 'InvokeModelWithResponseStream'] as const),
  modelId: isString(MAX_ID), body: isJsonValue(),
});
export const isImageView: Guard<ImageView> = isShape({
  index: isInteger(0, 100), seed: isInteger(0, MAX_SEED), mimeType: isMime, src: isString(8192), bytes: isInteger(0, 1e10), savedAs: isOptional(isString(8192)),
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

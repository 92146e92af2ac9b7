// The chat tab's methods on the playground protocol (see envelope.ts for the envelope, methods.ts
// for how a method is declared). Types, guards and method descriptors only; shared by host and
// webview. Names are `chat/...`.

import type { ApiRequestRecord, BedrockErrorInfo, ParameterAdjustment, ParameterName, ParameterSpec, RequestCorrection } from '../bedrock/types';
import { isApiRequest, isDone, isErrorInfo, isIdString, isNoParams, isRefreshModelsParams, isRetryResult, MAX_ID } from './common';
import { type AnswerCost, isAnswerCost } from './cost';
import { MAX_TEXT } from './envelope';
import { type GuardrailChoice, type GuardrailOutcomeView, isGuardrailChoice, isGuardrailOutcomeView } from './guardrails';
import { event, notification, request, stream } from './methods';
import { type Guard, isArrayOf, isBoolean, isInteger, isJsonValue, isNumber, isOneOf, isOptional, isShape, isString } from './validate';

/** Bedrock's Converse limits: 3.75 MB per image, 20 images per request. */
export const MAX_IMAGE_BYTES = 3_750_000;
export const MAX_IMAGES_PER_TURN = 20;
const MAX_IMAGE_BASE64 = Math.ceil(MAX_IMAGE_BYTES / 3) * 4;
export const MAX_STOP_SEQUENCES = 16;

export const IMAGE_FORMATS = ['png', 'jpeg', 'gif', 'webp'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

/** What the user chose for the next request. Undefined numbers mean "the model's default". */
export interface ChatOptions {
  modelId: string;
  system: string;
  stopSequences: string[];
  /** false = one response (Converse); true = stream when the model streams. */
  stream: boolean;
  temperature?: number;
  topP?: number;
  topK?: number;
  maxTokens?: number;
  /** For each exclusive pair of the model, the parameter the user chose to send. */
  chosen: ParameterName[];
  /** The guardrail applied to this conversation's requests; absent = none. */
  guardrail?: GuardrailChoice;
  /** "Cache the prompt": cachePoint blocks after the system prompt and the conversation prefix (models that take them). */
  cachePrompt?: boolean;
  /** Reasoning on with this budget in tokens (models with a reasoning budget); absent = off. */
  reasoningBudget?: number;
  /** Reasoning at this effort level (models with an effort control: Nova 2, gpt-oss); absent = off or the model's default. */
  reasoningEffort?: string;
}

/** An image the user attached, as it crosses the boundary. */
export interface AttachmentInput { format: ImageFormat; base64: string; name: string }

/** An image of a stored turn, as the webview shows it. */
export interface AttachmentView { format: ImageFormat; name: string; base64: string }

export type TurnStatus = 'pending' | 'retrying' | 'streaming' | 'done' | 'error' | 'cancelled' | 'interrupted';

export interface TurnMetrics {
  timeToFirstTokenMs?: number;
  totalLatencyMs?: number;
  inputTokens?: number;
  outputTokens?: number;
  /** Prompt caching: input tokens read from / written to the cache (Bedrock's usage), beside inputTokens. */
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
  stopReason?: string;
  /** Answered by the demo's stand-in models, not Amazon Bedrock. */
  demo?: boolean;
  /** What the answer cost, from the AWS Price List (src/bedrock/cost.ts); set once the usage is priced. */
  cost?: AnswerCost;
}

export interface RetryInfo { attempt: number; maxAttempts: number; reason: string; delayMs: number }

/** One turn of a conversation as the webview shows it (and, minus image bytes, as it is stored). */
export interface TurnView {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  reasoning?: string;
  attachments?: AttachmentView[];
  status: TurnStatus;
  /** The id of the stream that is filling this turn (while pending/retrying/streaming). */
  streamId?: number;
  retry?: RetryInfo;
  modelId?: string;
  modelName?: string;
  /** The id actually invoked (model id, inference profile id or ARN). */
  invokedId?: string;
  invocationNote?: string;
  metrics?: TurnMetrics;
  request?: ApiRequestRecord;
  adjustments?: ParameterAdjustment[];
  /** Bedrock refused the first request and it was sent again, changed (learnedRules.ts). */
  correction?: RequestCorrection;
  error?: BedrockErrorInfo;
  /** What the conversation's guardrail did to this answer (from the trace). */
  guardrail?: GuardrailOutcomeView;
  createdAt: number;
}

/** One model of the picker. */
export interface ModelOption {
  id: string;
  name: string;
  provider: string;
  streaming: boolean;
  legacy: boolean;
  endOfLife?: string;
  imageInput: boolean;
  /** The id that will be invoked, and why (model, profile or ARN). */
  invokedId: string;
  via: 'model' | 'profile' | 'arn';
  note?: string;
  /** False when the model lists neither on-demand throughput nor an inference profile here (offered, but likely to fail). */
  callable?: boolean;
  spec: ParameterSpec;
}

export interface ModelsView {
  models: ModelOption[];
  /** Set when the catalog could not be loaded. */
  error?: BedrockErrorInfo;
  loading: boolean;
  region: string;
  /** True when talking to the local Bedrock endpoint (the UI says so). */
  local: boolean;
  /** True for the demo shipped in the extension (the UI says Demo). */
  demo?: boolean;
  /** The model this panel's conversation uses (chosen by the host when the conversation had none). */
  preferredId?: string;
}

export interface ChatStateView {
  conversationId: string;
  title: string;
  /** The last turns (at most STATE_FIRST_TURNS when the conversation is longer). */
  turns: TurnView[];
  options: ChatOptions;
  /** How many older turns are not in `turns`: they follow in one `chat/earlierTurns`. */
  earlier?: number;
}

/**
 * A long conversation's state carries only its last turns, about a screen and more: the panel
 * shows them while the older ones, most of the message, are still on their way.
 */
export const STATE_FIRST_TURNS = 40;

/** The older turns of the state sent just before (oldest first). */
export interface EarlierTurnsEvent { conversationId: string; turns: TurnView[] }

// ---- Webview → host params ----

export interface SendParams {
  /** new: a new user turn; retry: answer the last user turn again; edit: replace the last user turn, then answer. */
  mode: 'new' | 'retry' | 'edit';
  text: string;
  attachments: AttachmentInput[];
  options: ChatOptions;
}
export interface SetOptionsParams { options: ChatOptions }
export interface InsertCodeParams { code: string; language: string }
export interface CopyTextParams { text: string }
export interface TurnRefParams { turnId: string }
export interface RunActionParams { turnId: string; actionIndex: number }

export interface RemoveTurnsParams { ids: string[] }

/** The draft to count: the model, the system prompt and the message being written. */
export interface CountTokensParams { modelId: string; system: string; text: string }
/** Its input tokens: exact from Bedrock's CountTokens, or the estimate where the model has none. */
export interface CountTokensResult { tokens: number; exact: boolean }

// ---- Guards ----

const isParamName = isOneOf(['temperature', 'topP', 'topK', 'maxTokens', 'stopSequences'] as const);
const isAdjustedName = isOneOf(['temperature', 'topP', 'topK', 'maxTokens', 'stopSequences', 'system', 'reasoning', 'cachePrompt'] as const);
const isFinite = isNumber(-1e9, 1e9);

export const isChatOptions: Guard<ChatOptions> = isShape({
  modelId: isString(MAX_ID),
  system: isString(MAX_TEXT),
  stopSequences: isArrayOf(isString(1000), MAX_STOP_SEQUENCES),
  stream: isBoolean,
  temperature: isOptional(isFinite),
  topP: isOptional(isFinite),
  topK: isOptional(isFinite),
  maxTokens: isOptional(isFinite),
  chosen: isArrayOf(isParamName, 5),
  guardrail: isOptional(isGuardrailChoice),
  cachePrompt: isOptional(isBoolean),
  reasoningBudget: isOptional(isFinite),
  reasoningEffort: isOptional(isString(20)),
});

const isImageFormat = isOneOf(IMAGE_FORMATS);
const isBase64 = (max: number): Guard<string> => (v): v is string => typeof v === 'string' && v.length > 0 && v.length <= max && /^[A-Za-z0-9+/]*={0,2}$/.test(v);

export const isAttachmentInput: Guard<AttachmentInput> = isShape({ format: isImageFormat, base64: isBase64(MAX_IMAGE_BASE64), name: isString(500) });

export const isSendParams: Guard<SendParams> = isShape({
  mode: isOneOf(['new', 'retry', 'edit'] as const),
  text: isString(MAX_TEXT),
  attachments: isArrayOf(isAttachmentInput, MAX_IMAGES_PER_TURN),
  options: isChatOptions,
});
export const isSetOptionsParams: Guard<SetOptionsParams> = isShape({ options: isChatOptions });
export const isInsertCodeParams: Guard<InsertCodeParams> = isShape({ code: isString(MAX_TEXT), language: isString(100) });
export const isCopyTextParams: Guard<CopyTextParams> = isShape({ text: isString(MAX_TEXT) });
export const isTurnRefParams: Guard<TurnRefParams> = isShape({ turnId: isIdString });
export const isCountTokensParams: Guard<CountTokensParams> = isShape({ modelId: isString(MAX_ID), system: isString(MAX_TEXT), text: isString(MAX_TEXT) });
export const isCountTokensResult: Guard<CountTokensResult> = isShape({ tokens: isInteger(0, 1e12), exact: isBoolean });
export const isRunActionParams: Guard<RunActionParams> = isShape({ turnId: isIdString, actionIndex: isInteger(0, 10) });

// Host → webview payloads are checked too (the webview trusts nothing it did not check).
const isAttachmentView: Guard<AttachmentView> = isShape({ format: isImageFormat, name: isString(500), base64: isString(MAX_IMAGE_BASE64 + 4) });
const isOptNum = isOptional(isNumber(0, Number.MAX_SAFE_INTEGER));

export const isTurnView: Guard<TurnView> = isShape({
  id: isIdString,
  role: isOneOf(['user', 'assistant'] as const),
  text: isString(MAX_TEXT),
  reasoning: isOptional(isString(MAX_TEXT)),
  attachments: isOptional(isArrayOf(isAttachmentView, MAX_IMAGES_PER_TURN)),
  status: isOneOf(['pending', 'retrying', 'streaming', 'done', 'error', 'cancelled', 'interrupted'] as const),
  streamId: isOptional(isInteger(1, Number.MAX_SAFE_INTEGER)),
  retry: isOptional(isShape({ attempt: isInteger(0, 100), maxAttempts: isInteger(0, 100), reason: isString(2000), delayMs: isNumber(0, 1e9) })),
  modelId: isOptional(isString(MAX_ID)),
  modelName: isOptional(isString(500)),
  invokedId: isOptional(isString(MAX_ID)),
  invocationNote: isOptional(isString(2000)),
  metrics: isOptional(isShape({
    timeToFirstTokenMs: isOptNum, totalLatencyMs: isOptNum, inputTokens: isOptNum, outputTokens: isOptNum, cacheReadInputTokens: isOptNum, cacheWriteInputTokens: isOptNum, stopReason: isOptional(isString(200)),
    demo: isOptional(isBoolean), cost: isOptional(isAnswerCost),
  })),
  request: isOptional(isApiRequest),
  correction: isOptional(isShape({ refusal: isString(2000), change: isString(500) })),
  adjustments: isOptional(isArrayOf(isShape({ parameter: isAdjustedName, from: isOptional(isJsonValue(4)), to: isOptional(isJsonValue(4)), reason: isString(2000) }), 10)),
  error: isOptional(isErrorInfo),
  guardrail: isOptional(isGuardrailOutcomeView),
  createdAt: isNumber(0, Number.MAX_SAFE_INTEGER),
});

const isNumericSpec = isShape({ supported: isBoolean, reason: isOptional(isString(2000)), min: isFinite, max: isFinite, step: isFinite, default: isFinite, note: isOptional(isString(2000)) });
export const isParameterSpec: Guard<ParameterSpec> = isShape({
  family: isString(100),
  temperature: isNumericSpec, topP: isNumericSpec, topK: isNumericSpec, maxTokens: isNumericSpec,
  stopSequences: isShape({
    supported: isBoolean, reason: isOptional(isString(2000)), max: isInteger(0, 1_000_000), pattern: isOptional(isString(500)), patternHint: isOptional(isString(500)),
  }),
  systemPrompt: isShape({ supported: isBoolean, reason: isOptional(isString(2000)), fold: isOptional(isBoolean) }),
  limitsKnown: isOptional(isBoolean),
  exclusive: isArrayOf((v): v is [ParameterName, ParameterName] => Array.isArray(v) && v.length === 2 && isParamName(v[0]) && isParamName(v[1]), 10),
  promptCache: isOptional(isShape({ minTokens: isInteger(0, 1e9), maxPoints: isInteger(0, 100), fields: isArrayOf(isOneOf(['system', 'messages', 'tools'] as const), 3) })),
  reasoning: isOptional(isShape({ min: isInteger(0, 1e9), default: isInteger(0, 1e9), refuses: isArrayOf(isParamName, 5), refusesReason: isString(2000) })),
  reasoningEffort: isOptional(isShape({ levels: isArrayOf(isString(20), 10), default: isString(20), alwaysOn: isBoolean, wire: isOneOf(['nova', 'openai', 'claude-adaptive'] as const) })),
  reasoningAlwaysOn: isOptional(isString(500)),
});
export const isModelOption: Guard<ModelOption> = isShape({
  id: isIdString, name: isString(500), provider: isString(200), streaming: isBoolean, legacy: isBoolean,
  endOfLife: isOptional(isString(100)), imageInput: isBoolean, invokedId: isString(MAX_ID),
  via: isOneOf(['model', 'profile', 'arn'] as const), note: isOptional(isString(2000)), callable: isOptional(isBoolean), spec: isParameterSpec,
});
export const isModelsView: Guard<ModelsView> = isShape({
  models: isArrayOf(isModelOption, 5000), error: isOptional(isErrorInfo), loading: isBoolean, region: isString(100), local: isBoolean,
  demo: isOptional(isBoolean), preferredId: isOptional(isString(MAX_ID)),
});
export const isChatStateView: Guard<ChatStateView> = isShape({
  conversationId: isIdString, title: isString(1000), turns: isArrayOf(isTurnView, 100_000), options: isChatOptions,
  earlier: isOptional(isInteger(1, 100_000)),
});
export const isEarlierTurnsEvent: Guard<EarlierTurnsEvent> = isShape({ conversationId: isIdString, turns: isArrayOf(isTurnView, 100_000) });
export const isTurnEvent: Guard<{ turn: TurnView }> = isShape({ turn: isTurnView });
export const isOptionsEvent: Guard<{ options: ChatOptions }> = isShape({ options: isChatOptions });
export const isRemoveTurnsParams: Guard<RemoveTurnsParams> = isShape({ ids: isArrayOf(isIdString, 100_000) });

// ---- Methods ----

/** Methods the webview calls on the host, and what they answer. */
export const ChatRequests = {
  /** Stream: text chunks of the answer, then end. */
  send: stream('chat/send', isSendParams),
  clear: request('chat/clear', isNoParams, isDone),
  insertCode: request('chat/insertCode', isInsertCodeParams, isDone),
  copyText: request('chat/copyText', isCopyTextParams, isDone),
  copyAsCode: request('chat/copyAsCode', isTurnRefParams, isDone),
  openRequest: request('chat/openRequest', isTurnRefParams, isDone),
  export: request('chat/export', isNoParams, isDone),
  /** Runs the error action of a turn; answers `{ retry: boolean }` (true: the webview should resend). */
  runAction: request('chat/runAction', isRunActionParams, isRetryResult),
  refreshModels: request('chat/refreshModels', isRefreshModelsParams, isDone),
  /** Runs the action of the error that stopped the model list (sign in, open a setting...), then reloads the list. */
  modelsAction: request('chat/modelsAction', isNoParams, isDone),
  /** Input tokens of the draft (system prompt + message), for the line under the composer. */
  countTokens: request('chat/countTokens', isCountTokensParams, isCountTokensResult),
} as const;

export const ChatNotifications = {
  setOptions: notification('chat/setOptions', isSetOptionsParams),
} as const;

/** Notifications the host sends. */
export const ChatEvents = {
  /** The whole conversation (after ready, clear, or a structural change). */
  state: event('chat/state', isChatStateView),
  /** The older turns a `chat/state` left out (`earlier`), right after it. */
  earlierTurns: event('chat/earlierTurns', isEarlierTurnsEvent),
  /** One turn was added or changed (upsert by id). */
  turn: event('chat/turn', isTurnEvent),
  /** Turns were removed (edit-and-resend). */
  removeTurns: event('chat/removeTurns', isRemoveTurnsParams),
  models: event('chat/models', isModelsView),
  /** The options changed outside the webview (a model picked from the model tree). */
  options: event('chat/options', isOptionsEvent),
} as const;

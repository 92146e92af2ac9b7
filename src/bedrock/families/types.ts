import type { EmbeddingModelSpec } from './embeddingModels';

/** The image formats Bedrock's image models return. */
export type ImageMimeType = 'image/png' | 'image/jpeg' | 'image/webp';

export type ParameterName = 'temperature' | 'topP' | 'topK' | 'maxTokens' | 'stopSequences';

export interface NumericParameterSpec {
  supported: boolean;
  /** Why it is unsupported, shown on the disabled control. */
  reason?: string;
  min: number;
  max: number;
  step: number;
  default: number;
  /** Shown beside an enabled control: where its limit came from when that is worth saying (a learned limit). */
  note?: string;
}

export interface ParameterSpec {
  family: string;
  temperature: NumericParameterSpec;
  topP: NumericParameterSpec;
  topK: NumericParameterSpec;
  maxTokens: NumericParameterSpec;
  stopSequences: {
    supported: boolean;
    reason?: string;
    max: number;
    /** A regular expression (source) every stop sequence must match (Titan Text: `^(\\|+|User:)$`). */
    pattern?: string;
    /** The pattern in words, for the UI. */
    patternHint?: string;
  };
  /** `fold`: the model refuses system messages, so the system prompt goes at the head of the first user message. */
  systemPrompt: { supported: boolean; reason?: string; fold?: boolean };
  /**
   * False when the registry has no family for the model: the ranges are Converse's own (temperature
   * and top P 0–1, max tokens ≥ 1), not the model's, and the UI says its limits are unknown.
   */
  limitsKnown?: boolean;
  /** Pairs that may not both be sent; the UI must make the user choose one. */
  exclusive: Array<[ParameterName, ParameterName]>;
  /** The key top-k is sent under (`top_k`, Nova's `inferenceConfig.topK`, Cohere's `k`), when taken. */
  topKKey?: 'top_k' | 'inferenceConfig.topK' | 'k';
  /** Converse `cachePoint` limits, when the model takes them (promptCaching.ts). */
  promptCache?: { minTokens: number; maxPoints: number; fields: ReadonlyArray<'system' | 'messages' | 'tools'> };
  /** A reasoning budget the user can set (Claude's `thinking.budget_tokens`), when the model takes one. */
  reasoning?: ReasoningSpec;
  /** A reasoning effort level the user can pick (Nova 2's maxReasoningEffort, gpt-oss's reasoning_effort). */
  reasoningEffort?: ReasoningEffortSpec;
  /** A model that reasons on every request with no setting for it (DeepSeek-R1): what the panel says instead of a control. */
  reasoningAlwaysOn?: string;
}

/** Claude's extended thinking: `{type: 'enabled', budget_tokens}`, at least `min` and below max tokens. */
export interface ReasoningSpec {
  min: number;
  default: number;
  /** Parameters the model refuses while reasoning; they are not sent, and the UI says why. */
  refuses: ParameterName[];
  /** Why, in words, for the disabled controls. */
  refusesReason: string;
}

/**
 * Reasoning set by an effort level instead of a budget. `wire` says where the level goes in
 * additionalModelRequestFields: `nova` = `reasoningConfig: {type: 'enabled', maxReasoningEffort}`,
 * `openai` = `reasoning_effort`, `claude-adaptive` = `thinking: {type: 'adaptive'}, output_config: {effort}`. `alwaysOn`: the model reasons on every request and the level only
 * sets how much (gpt-oss); otherwise reasoning is off unless a level is sent (Nova 2).
 */
export interface ReasoningEffortSpec {
  levels: string[];
  default: string;
  alwaysOn: boolean;
  wire: 'nova' | 'openai' | 'claude-adaptive';
}

export interface RangeSpec {
  min: number;
  max: number;
  step: number;
  default: number;
}

/** Which image controls a model has, with their ranges and defaults. Absent = the model has no such control. */
export interface ImageModelSpec {
  family: 'titan-image-v2' | 'titan-image-v1' | 'nova-canvas' | 'stability-sd3' | 'stability-sdxl';
  /** Exact sizes the model accepts; present when it takes width/height. */
  sizes?: Array<{ width: number; height: number }>;
  defaultSize?: { width: number; height: number };
  /** Aspect ratios ("16:9"); present when it takes a ratio instead of a size. */
  aspectRatios?: string[];
  defaultAspectRatio?: string;
  /** How many images one request may return. */
  count: RangeSpec;
  seed: { min: number; max: number };
  cfgScale?: RangeSpec;
  steps?: RangeSpec;
  quality?: { options: string[]; default: string };
  style?: { options: string[]; default: string | undefined };
  negativePrompt: boolean;
  /** Longest prompt the model takes, in characters. */
  promptMaxLength: number;
  mimeType: ImageMimeType;
}


// The shape of the model registry: everything the extension knows about a model, in one record,
// with where each rule comes from. Families build it from a model id; the registry picks the family.

/** Converse's toolConfig support, from Bedrock's "Supported models and model features" table. */
export interface ToolSupport {
  /** Converse accepts toolConfig for this model. */
  tools: boolean;
  /** ConverseStream accepts toolConfig too (otherwise requests with tools use Converse). */
  streaming: boolean;
}

/** How a chat reaches the model: Converse, the model's own InvokeModel body, or not at all. */
export type ChatApi = 'converse' | 'invoke-cohere-command-text' | 'invoke-ai21-jurassic' | 'none';

/** The rules the sources below back; one entry each, so a test can check none goes unsourced. */
export type RuleName = 'parameters' | 'maxTokens' | 'stopSequences' | 'systemPrompt' | 'exclusive' | 'removed'
  | 'chatApi' | 'contextWindow' | 'tools' | 'reasoning' | 'reasoningEffort' | 'image' | 'embedding' | 'promptCache' | 'countTokens';

export interface ModelRules {
  /** The family's id ('anthropic-claude'…), or 'unknown' when no family knows the model. */
  family: string;
  /** False for a model the registry has no family for: it gets the conservative request. */
  known: boolean;
  chatApi: ChatApi;
  parameters: ParameterSpec;
  /** Input tokens the model takes; undefined when no source gives it. */
  contextWindow?: number;
  tools: ToolSupport;
  /** The model can return reasoning (Claude's extended thinking and the like). */
  reasoning: boolean;
  /** Bedrock's CountTokens answers for this model (by its bare id). */
  countTokens?: boolean;
  image?: ImageModelSpec;
  embedding?: EmbeddingModelSpec;
  /** Rule → the AWS page or real Bedrock error text it follows ("not found" where none is known). */
  sources: Partial<Record<RuleName, string>>;
}

/** One model family: which ids are its own, and their rules. */
export interface ModelFamily {
  id: string;
  /** `baseId` is the model id without profile prefix or ARN. */
  matches(baseId: string, outputModalities: readonly string[]): boolean;
  rules(baseId: string, model: { inputModalities: readonly string[] }): ModelRules;
}

export function num(min: number, max: number, step: number, dflt: number): NumericParameterSpec {
  return { supported: true, min, max, step, default: dflt };
}

export function off(reason: string, min = 0, max = 1, step = 0.01, dflt = 0): NumericParameterSpec {
  return { supported: false, reason, min, max, step, default: dflt };
}

export const NO_TOOLS: ToolSupport = { tools: false, streaming: false };

/** Bedrock's own user-guide page for a model family's parameters. */
export const awsDoc = (page: string): string => `https://docs.aws.amazon.com/bedrock/latest/userguide/${page}.html`;

/** The Converse feature table (tool use, streaming tool use, system prompts, document and image input). */
export const CONVERSE_FEATURES = awsDoc('conversation-inference-supported-models-features');

/** botocore's bedrock-runtime service model: InferenceConfiguration maxTokens ≥ 1, temperature and topP 0–1. */
export const CONVERSE_API = 'botocore service model for bedrock-runtime (InferenceConfiguration)';

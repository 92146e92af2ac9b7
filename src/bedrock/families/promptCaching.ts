import { baseModelId } from './modelId';

// Which models take Converse `cachePoint` blocks, how many tokens a checkpoint needs and how many
// checkpoints one request may have. From the AWS user guide, "Prompt caching for faster model
// inference", table "Supported models, Regions, and limits" (Explicit Prompt Caching).

export const PROMPT_CACHING_SOURCE = 'https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html (supported models table)';

export interface PromptCacheSpec {
  /** Minimum number of tokens per cache checkpoint: a shorter prefix is sent but not cached. */
  minTokens: number;
  /** Maximum number of cache checkpoints per request. */
  maxPoints: number;
  /** Fields that accept prompt cache checkpoints. */
  fields: ReadonlyArray<'system' | 'messages' | 'tools'>;
}

const claude = (minTokens: number): PromptCacheSpec => ({ minTokens, maxPoints: 4, fields: ['system', 'messages', 'tools'] });
// "1K" minimum; `system` and `messages` only (the table's Nova rows and footnotes).
const NOVA: PromptCacheSpec = { minTokens: 1000, maxPoints: 4, fields: ['system', 'messages'] };

/** Model id prefix → its row of the table (ids without profile prefix). */
const TABLE: ReadonlyArray<[RegExp, PromptCacheSpec]> = [
  [/^anthropic\.claude-opus-4-5/, claude(4096)],
  [/^anthropic\.claude-opus-4-6/, claude(4096)],
  [/^anthropic\.claude-sonnet-4-5/, claude(4096)],
  [/^anthropic\.claude-sonnet-4-6/, claude(1024)],
  [/^anthropic\.claude-haiku-4-5/, claude(4096)],
  [/^anthropic\.claude-opus-4-1/, claude(1024)],
  [/^anthropic\.claude-opus-4-2025/, claude(1024)],
  [/^anthropic\.claude-sonnet-4-2025/, claude(1024)],
  [/^anthropic\.claude-3-7-sonnet/, claude(1024)],
  [/^anthropic\.claude-3-5-haiku/, claude(2048)],
  // Preview: "no additional customers will be granted access" (same page); kept, a refusal says so.
  [/^anthropic\.claude-3-5-sonnet-20241022/, claude(1024)],
  [/^amazon\.nova-(micro|lite|pro|premier)-v1/, NOVA],
];

/** The model's prompt-caching limits, or undefined when the table does not list it. */
export function promptCacheSpec(modelId: string): PromptCacheSpec | undefined {
  const base = baseModelId(modelId);
  return TABLE.find(([re]) => re.test(base))?.[1];
}

// Which models Bedrock's CountTokens answers for: AWS user guide, "Monitor your token usage by counting
// tokens before running inference" (supported models: Claude 3.5 Haiku, 3.5 Sonnet, 3.5 Sonnet v2,
// 3.7 Sonnet, Opus 4, Sonnet 4). The call takes the bare foundation-model id: inference-profile ids are
// refused ("The provided model doesn't support counting tokens": alchemy.run's CountTokens page).
export const COUNT_TOKENS_SOURCE = 'https://docs.aws.amazon.com/bedrock/latest/userguide/count-tokens.html (supported models)';
const COUNTS: readonly RegExp[] = [
  /^anthropic\.claude-3-5-haiku-/, /^anthropic\.claude-3-5-sonnet-/, /^anthropic\.claude-3-7-sonnet-/,
  /^anthropic\.claude-opus-4-2025/, /^anthropic\.claude-sonnet-4-2025/,
];

export function countsTokens(modelId: string): boolean {
  const base = baseModelId(modelId);
  return COUNTS.some((re) => re.test(base));
}

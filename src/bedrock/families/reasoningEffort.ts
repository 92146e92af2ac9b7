import type { ReasoningEffortSpec } from './types';

// Reasoning set by an effort level, for the families that document one. Claude's budget is in
// anthropic.ts; DeepSeek R1 reasons on every request and documents no control (nothing here).

/** Amazon Nova 2: extended thinking, off by default. */
export const NOVA_2_REASONING_SOURCE =
  'https://docs.aws.amazon.com/nova/latest/nova2-userguide/extended-thinking.html (off by default; ' +
  'reasoningConfig {type: "enabled", maxReasoningEffort: "low" | "medium" | "high"} in additionalModelRequestFields); ' +
  'reasoning-capabilities.html (Nova 2 Lite returns the reasoning redacted, still billed). ' +
  'Parameters refused while reasoning: source not found, so none are disabled.';

/** OpenAI gpt-oss: always reasons; reasoning_effort sets how much. */
export const GPT_OSS_REASONING_SOURCE =
  'https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-openai.html (Converse: the other Chat ' +
  'Completions fields go in additionalModelRequestFields; InvokeModel returns the reasoning in <reasoning> tags); ' +
  'OpenAI "Create chat completion" reasoning_effort and the gpt-oss model card (low | medium | high, default medium). ' +
  'Parameters refused while reasoning: none documented.';

const LEVELS = ['low', 'medium', 'high'];

/** The effort control of a model, by its base id (no Region prefix), or undefined when it has none. */
export function reasoningEffortSpec(baseId: string): ReasoningEffortSpec | undefined {
  if (/^amazon\.nova-2-/.test(baseId)) return { levels: LEVELS, default: 'low', alwaysOn: false, wire: 'nova' };
  if (/^openai\.gpt-oss-/.test(baseId)) return { levels: LEVELS, default: 'medium', alwaysOn: true, wire: 'openai' };
  return undefined;
}

export function reasoningEffortSource(spec: ReasoningEffortSpec): string {
  return spec.wire === 'nova' ? NOVA_2_REASONING_SOURCE : GPT_OSS_REASONING_SOURCE;
}

/** The additionalModelRequestFields entry that asks for `level`. */
export function reasoningEffortFields(spec: ReasoningEffortSpec, level: string): Record<string, unknown> {
  return spec.wire === 'nova'
    ? { reasoningConfig: { type: 'enabled', maxReasoningEffort: level } }
    : { reasoning_effort: level };
}

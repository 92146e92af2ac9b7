import { claudeVersion } from './anthropic';
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

/** Claude Opus 4.7 and later: adaptive thinking only, its depth set by output_config.effort. */
export const CLAUDE_ADAPTIVE_SOURCE =
  'https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-adaptive-thinking.html (Opus 4.7 supports only ' +
  'thinking.type "adaptive"; budget_tokens returns a 400; output_config.effort, default high). Levels: low, medium, ' +
  'high are the ones every source agrees on; xhigh and max are named by third parties only (not offered).';

const LEVELS = ['low', 'medium', 'high'];

/** The effort control of a model, by its base id (no Region prefix), or undefined when it has none. */
export function reasoningEffortSpec(baseId: string): ReasoningEffortSpec | undefined {
  if (/^amazon\.nova-2-/.test(baseId)) return { levels: LEVELS, default: 'low', alwaysOn: false, wire: 'nova' };
  if (/^openai\.gpt-oss-/.test(baseId)) return { levels: LEVELS, default: 'medium', alwaysOn: true, wire: 'openai' };
  if (baseId.startsWith('anthropic.claude') && (claudeVersion(baseId) ?? 0) >= 4.7) return { levels: LEVELS, default: 'high', alwaysOn: false, wire: 'claude-adaptive' };
  return undefined;
}

export function reasoningEffortSource(spec: ReasoningEffortSpec): string {
  return spec.wire === 'nova' ? NOVA_2_REASONING_SOURCE : spec.wire === 'openai' ? GPT_OSS_REASONING_SOURCE : CLAUDE_ADAPTIVE_SOURCE;
}

/** The additionalModelRequestFields entry that asks for `level`. */
export function reasoningEffortFields(spec: ReasoningEffortSpec, level: string): Record<string, unknown> {
  if (spec.wire === 'nova') return { reasoningConfig: { type: 'enabled', maxReasoningEffort: level } };
  if (spec.wire === 'openai') return { reasoning_effort: level };
  return { thinking: { type: 'adaptive' }, output_config: { effort: level } };
}

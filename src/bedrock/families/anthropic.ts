import type { ParameterName, ReasoningSpec } from './types';
import { COUNT_TOKENS_SOURCE, countsTokens, PROMPT_CACHING_SOURCE, promptCacheSpec } from './promptCaching';
import { awsDoc, CONVERSE_FEATURES, num, off, type ModelFamily, type ModelRules } from './types';

// Anthropic Claude on Bedrock. Ranges and defaults: the Messages API parameters page; limits per
// model: Anthropic's model cards and the real refusals quoted beside each rule.

const PARAMS = awsDoc('model-parameters-anthropic-claude-messages');

/** Claude's version as a number (3.5, 3.7, 4, 4.5…), or undefined for ids it cannot read. */
export function claudeVersion(baseId: string): number | undefined {
  // claude-3-5-sonnet-…, claude-3-haiku-…
  let m = /claude-(\d)(?:-(\d))?-(?:sonnet|haiku|opus)/.exec(baseId);
  if (m) return Number(m[1]) + (m[2] ? Number(m[2]) / 10 : 0);
  // claude-sonnet-4-5-20250929, claude-opus-4-20250514, claude-haiku-4-5-…, claude-opus-4-7
  m = /claude-(?:sonnet|haiku|opus)-(\d)(?:-(\d)(?!\d))?/.exec(baseId);
  if (m) return Number(m[1]) + (m[2] ? Number(m[2]) / 10 : 0);
  if (/claude-(v2|instant)/.test(baseId)) return 2;
  return undefined;
}

interface MaxTokensRule { max: number; source: string }

function maxTokens(baseId: string, version: number): MaxTokensRule {
  if (version < 3) return { max: 4096, source: `${PARAMS} (Claude 2 / Instant max_tokens_to_sample)` };
  // Real 400 for 3.5 Sonnet v1: "The maximum tokens you requested exceeds the model limit of 4096"
  // (vercel/ai#2772, anthropics/anthropic-sdk-python#665); only v2 (20241022) takes 8192.
  if (/claude-3-5-sonnet-20240620/.test(baseId)) return { max: 4096, source: 'real Bedrock 400 "…exceeds the model limit of 4096" (vercel/ai#2772)' };
  if (/claude-3-(haiku|sonnet|opus)-/.test(baseId)) return { max: 4096, source: 'Anthropic model card: Claude 3 max output 4096' };
  if (/claude-3-5-/.test(baseId)) return { max: 8192, source: 'Anthropic model card: Claude 3.5 Sonnet v2 / 3.5 Haiku max output 8192' };
  if (/claude-opus-4(?:-1)?-\d{8}|claude-opus-4-1/.test(baseId) && version < 4.5) return { max: 32000, source: 'Anthropic model card: Claude Opus 4 / 4.1 max output 32000' };
  // 3.7 Sonnet, Sonnet 4, the 4.5 models: 64000. Later models: no source found here; 64000 is kept
  // and a refusal naming the real limit corrects it (learnedRules.ts).
  return { max: 64000, source: version > 4.5 ? 'not found for this model: 64000 from the 4.5 models, corrected by Bedrock\'s refusal' : 'Anthropic model card: max output 64000' };
}

/** Opus 4.1 and the 4.5+ models refuse temperature with top_p (real 400: "`temperature` and `top_p` cannot both be specified for this model. Please use only one."; open-webui/functions#9, aws-samples/bedrock-chat#979). */
function refusesTemperatureWithTopP(baseId: string, version: number): boolean {
  return version >= 4.5 || /claude-opus-4-1/.test(baseId);
}

/** Opus 4.7 and later: temperature, top_p and top_k were removed (Bedrock model card for Opus 4.7, "parameters change"; real 400 "`temperature` is deprecated for this model.", Comfy-Org/ComfyUI#13923). */
function samplingRemoved(baseId: string, version: number): boolean {
  return /claude-opus-/.test(baseId) && version >= 4.7;
}

/**
 * Extended thinking with a budget: Claude 3.7 and the Claude 4 models up to 4.6. budget_tokens ≥ 1024 and
 * below max_tokens; not compatible with temperature, top_p or top_k changes (AWS user guide, "Extended
 * thinking", claude-messages-extended-thinking). Claude 4.7 and later reject `type: "enabled"` with a budget
 * (Anthropic, "Extended thinking": "Claude 4.7 and later models do not support it").
 */
function reasoningSpec(version: number): ReasoningSpec | undefined {
  if (version < 3.7 || version >= 4.7) return undefined;
  return {
    min: 1024,
    default: 1024,
    refuses: ['temperature', 'topP', 'topK'],
    refusesReason: 'Not sent while reasoning is on: Claude\'s extended thinking does not take temperature, top P or top K.',
  };
}

function rules(baseId: string): ModelRules {
  const version = claudeVersion(baseId) ?? 3;
  const limit = maxTokens(baseId, version);
  const removed = samplingRemoved(baseId, version);
  const exclusive = !removed && refusesTemperatureWithTopP(baseId, version);
  const gone = (what: string) => off(`Claude Opus 4.7 and later take no ${what}: Anthropic removed it (Bedrock model card, "parameters change").`);
  const pairs: Array<[ParameterName, ParameterName]> = exclusive ? [['temperature', 'topP']] : [];
  const cache = promptCacheSpec(baseId);
  const reasoning = reasoningSpec(version);
  return {
    family: 'anthropic-claude',
    known: true,
    chatApi: 'converse',
    parameters: {
      family: exclusive ? 'anthropic-claude-4.5+' : removed ? 'anthropic-claude-opus-4.7+' : 'anthropic-claude',
      temperature: removed ? gone('temperature') : num(0, 1, 0.01, 1),
      topP: removed ? gone('top P') : num(0, 1, 0.001, 0.999),
      topK: removed ? { ...gone('top K'), min: 0, max: 500, step: 1 } : num(0, 500, 1, 250),
      maxTokens: num(1, limit.max, 1, Math.min(4096, limit.max)),
      stopSequences: { supported: true, max: 8191 },
      systemPrompt: { supported: true },
      exclusive: pairs,
      ...(removed ? {} : { topKKey: 'top_k' as const }),
      ...(cache ? { promptCache: cache } : {}),
      ...(reasoning ? { reasoning } : {}),
    },
    countTokens: countsTokens(baseId),
    contextWindow: version < 3 ? 100_000 : 200_000,
    tools: version >= 3 ? { tools: true, streaming: true } : { tools: false, streaming: false },
    reasoning: version >= 3.7,
    sources: {
      parameters: `${PARAMS} (temperature 0–1 default 1, top_p 0–1 default 0.999, top_k 0–500, stop_sequences ≤ 8191)`,
      maxTokens: limit.source,
      exclusive: 'real Bedrock 400 "`temperature` and `top_p` cannot both be specified for this model." (open-webui/functions#9, aws-samples/bedrock-chat#979)',
      removed: 'Bedrock model card for Claude Opus 4.7 ("parameters change"); real 400 "`temperature` is deprecated for this model." (Comfy-Org/ComfyUI#13923)',
      contextWindow: 'Anthropic model cards: 200K (Claude 3 and later), 100K (Claude 2)',
      tools: CONVERSE_FEATURES,
      reasoning: `${awsDoc('claude-messages-extended-thinking')} (budget_tokens ≥ 1024 and below max_tokens; no temperature, top_p, top_k while thinking); Anthropic "Extended thinking" (4.7+ refuse a budget)`,
      promptCache: PROMPT_CACHING_SOURCE,
      countTokens: COUNT_TOKENS_SOURCE,
    },
  };
}

export const anthropicClaude: ModelFamily = {
  id: 'anthropic-claude',
  matches: (id) => id.startsWith('anthropic.claude'),
  rules,
};

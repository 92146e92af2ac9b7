import type { ModelRecord } from './types';
import { baseModelId } from './parameterFamilies';
import { invokeTextFamily } from './invokeText';

// Which models take tools through Converse, and whether they can do so while streaming, from
// Bedrock's "Supported models and model features" table. Models not listed chat without tools.

export interface ToolSupport {
  /** Converse accepts toolConfig for this model. */
  tools: boolean;
  /** ConverseStream accepts toolConfig too (otherwise requests with tools use Converse). */
  streaming: boolean;
}

const RULES: Array<[RegExp, ToolSupport]> = [
  [/^anthropic\.claude-3|^anthropic\.claude-(sonnet|haiku|opus)-\d/, { tools: true, streaming: true }],
  [/^amazon\.nova-(pro|lite|micro|premier)/, { tools: true, streaming: true }],
  [/^meta\.llama3-[123]-|^meta\.llama4-/, { tools: true, streaming: false }],
  [/^mistral\.mistral-large|^mistral\.pixtral-large/, { tools: true, streaming: false }],
  [/^cohere\.command-r/, { tools: true, streaming: false }],
  [/^ai21\.jamba/, { tools: true, streaming: false }],
  [/^(openai|qwen|deepseek|writer)\./, { tools: true, streaming: true }],
];

export function toolSupport(model: Pick<ModelRecord, 'id'>): ToolSupport {
  const base = baseModelId(model.id);
  if (invokeTextFamily(base)) return { tools: false, streaming: false };
  for (const [re, support] of RULES) if (re.test(base)) return support;
  return { tools: false, streaming: false };
}

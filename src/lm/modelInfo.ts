import type * as vscode from 'vscode';
import type { ModelRecord, ResolvedInvocation } from '../bedrock/types';
import { invokeTextFamily } from '../bedrock/invokeText';
import { baseModelId } from '../bedrock/parameterFamilies';
import { parameterSpec } from '../bedrock/parameters';
import { toolSupport } from '../bedrock/toolSupport';

// What VS Code's model picker and `vscode.lm.selectChatModels` learn about each Bedrock model,
// from the live catalog. Plain data (no `vscode` at run time) so it is unit-tested in Node.

/** Our information object: VS Code's, plus what we need to call the model. */
export interface BedrockChatModelInfo extends vscode.LanguageModelChatInformation {
  /** Shown in VS Code's model picker (read by the workbench; not yet in the typed API). */
  readonly isUserSelectable: boolean;
  /** The id actually sent to Bedrock (a model id, or the inference profile it runs through). */
  readonly invocationId: string;
}

/** Context windows (input tokens) from the providers' model cards; the catalog does not list them. */
const CONTEXT_WINDOWS: Array<[RegExp, number]> = [
  [/^anthropic\.claude-(3|sonnet|haiku|opus)/, 200_000],
  [/^anthropic\.claude-(v2|instant)/, 100_000],
  [/^amazon\.nova-micro/, 128_000],
  [/^amazon\.nova-(lite|pro)/, 300_000],
  [/^amazon\.nova-premier/, 1_000_000],
  [/^amazon\.titan-text-premier/, 32_000],
  [/^amazon\.titan-text-express/, 8_000],
  [/^amazon\.titan-text-lite/, 4_000],
  [/^meta\.llama3-[123]-/, 128_000],
  [/^meta\.llama3-/, 8_000],
  [/^meta\.llama4-/, 1_000_000],
  [/^mistral\.mistral-large-2407/, 128_000],
  [/^mistral\.(mistral|mixtral)-/, 32_000],
  [/^cohere\.command-r/, 128_000],
  [/^ai21\.jamba/, 256_000],
];

/** When a model is in none of the cards above: small enough that callers never overfill it. */
export const UNKNOWN_CONTEXT_WINDOW = 8_000;

export function contextWindow(modelId: string): number {
  const base = baseModelId(modelId);
  return CONTEXT_WINDOWS.find(([re]) => re.test(base))?.[1] ?? UNKNOWN_CONTEXT_WINDOW;
}

/** Text-in, text-out models that Converse can chat with (not embeddings, images, or InvokeModel-only text models). */
export function isChatModel(model: ModelRecord): boolean {
  return (
    model.outputModalities.includes('TEXT') &&
    model.inputModalities.includes('TEXT') &&
    !model.outputModalities.includes('EMBEDDING') &&
    invokeTextFamily(model.id) === undefined
  );
}

/** "anthropic.claude-3-haiku-20240307-v1:0" → family "claude-3-haiku", version "20240307-v1:0". */
export function familyAndVersion(modelId: string): { family: string; version: string } {
  const base = baseModelId(modelId);
  const name = base.slice(base.indexOf('.') + 1);
  const m = /^(.*?)(?:-((?:\d{8}-)?v\d+(?::\d+)?))?$/.exec(name);
  const family = m?.[1] || name;
  return { family, version: m?.[2] ?? name };
}

/** Patterns from `bedrock.chatProvider.hiddenModels`: model ids, `*` matching any run of characters. */
export function isHidden(model: Pick<ModelRecord, 'id' | 'name'>, patterns: readonly string[]): boolean {
  return patterns.some((raw) => {
    const p = raw.trim();
    if (!p) return false;
    if (p.toLowerCase() === model.name.toLowerCase()) return true;
    const re = new RegExp(`^${p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
    return re.test(model.id);
  });
}

export function chatModelInfo(model: ModelRecord, invocation: ResolvedInvocation): BedrockChatModelInfo {
  const { family, version } = familyAndVersion(model.id);
  const spec = parameterSpec(model);
  const tools = toolSupport(model).tools;
  const via = invocation.via === 'model' ? '' : ` · via ${invocation.invocationId.split('.')[0]}. profile`;
  const legacy = model.lifecycle === 'LEGACY' ? ` · legacy${model.endOfLife ? ` until ${model.endOfLife.slice(0, 10)}` : ''}` : '';
  return {
    id: model.id,
    name: model.name,
    family,
    version,
    detail: `${model.provider}${via}${legacy}`,
    tooltip: `${model.name} by ${model.provider} on Amazon Bedrock, called as ${invocation.invocationId}.${tools ? '' : ' No tool calling.'}`,
    maxInputTokens: contextWindow(model.id),
    maxOutputTokens: spec.maxTokens.max,
    capabilities: { imageInput: model.inputModalities.includes('IMAGE'), toolCalling: tools },
    isUserSelectable: true,
    invocationId: invocation.invocationId,
  };
}

/** The picker's list: chat models not hidden, by provider then name. */
export function chatModelInfos(models: readonly ModelRecord[], resolve: (m: ModelRecord) => ResolvedInvocation, hidden: readonly string[]): BedrockChatModelInfo[] {
  return models
    .filter((m) => isChatModel(m) && !isHidden(m, hidden))
    .sort((a, b) => a.provider.localeCompare(b.provider) || a.name.localeCompare(b.name))
    .map((m) => chatModelInfo(m, resolve(m)));
}

import type * as vscode from 'vscode';
import type { ModelRecord, ResolvedInvocation } from '../bedrock/types';
import { baseModelId } from '../bedrock/families/modelId';
import { canConverse, modelRules } from '../bedrock/families/registry';

// What VS Code's model picker and `vscode.lm.selectChatModels` learn about each Bedrock model,
// from the live catalog. Plain data (no `vscode` at run time) so it is unit-tested in Node.

/** Our information object: VS Code's, plus what we need to call the model. */
export interface BedrockChatModelInfo extends vscode.LanguageModelChatInformation {
  /** Shown in VS Code's model picker (read by the workbench; not yet in the typed API). */
  readonly isUserSelectable: boolean;
  /** The id actually sent to Bedrock (a model id, or the inference profile it runs through). */
  readonly invocationId: string;
}

/**
 * VS Code needs a number for every model. When the registry gives no context window (a model it
 * does not know), this one is used: small enough that callers never overfill the model, and the
 * tooltip says it is not the model's own figure.
 */
export const UNKNOWN_CONTEXT_WINDOW = 8_000;

export function contextWindow(modelId: string): number {
  return modelRules({ id: modelId }).contextWindow ?? UNKNOWN_CONTEXT_WINDOW;
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
  const rules = modelRules(model);
  const tools = rules.tools.tools;
  const window = rules.contextWindow;
  const via = invocation.via === 'model' ? '' : ` · via ${invocation.invocationId.split('.')[0]}. profile`;
  const legacy = model.lifecycle === 'LEGACY' ? ` · legacy${model.endOfLife ? ` until ${model.endOfLife.slice(0, 10)}` : ''}` : '';
  return {
    id: model.id,
    name: model.name,
    family,
    version,
    detail: `${model.provider}${via}${legacy}`,
    tooltip: `${model.name} by ${model.provider} on Amazon Bedrock, called as ${invocation.invocationId}.${tools ? '' : ' No tool calling.'}${window === undefined ? ` Context window not known to this extension (${UNKNOWN_CONTEXT_WINDOW.toLocaleString('en-US')} tokens assumed).` : ''}`,
    maxInputTokens: window ?? UNKNOWN_CONTEXT_WINDOW,
    maxOutputTokens: rules.parameters.maxTokens.max,
    capabilities: { imageInput: model.inputModalities.includes('IMAGE'), toolCalling: tools },
    isUserSelectable: true,
    invocationId: invocation.invocationId,
  };
}

/** The picker's list: chat models not hidden, by provider then name. */
export function chatModelInfos(models: readonly ModelRecord[], resolve: (m: ModelRecord) => ResolvedInvocation, hidden: readonly string[]): BedrockChatModelInfo[] {
  return models
    .filter((m) => canConverse(m) && !isHidden(m, hidden))
    .sort((a, b) => a.provider.localeCompare(b.provider) || a.name.localeCompare(b.name))
    .map((m) => chatModelInfo(m, resolve(m)));
}

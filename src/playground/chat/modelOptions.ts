// The chat picker's models: text-output models of the live catalog, each with its parameter spec
// and the id that will really be invoked (a profile when the model needs one); and the model a new chat starts on.

import type { Catalog, ModelRecord, ParameterSpec, ResolvedInvocation } from '../../bedrock/types';
import type { ModelOption } from '../../protocol/chat';
import { canChat } from '../../bedrock/families/registry';

export interface ModelFacts {
  parameterSpec(model: ModelRecord): ParameterSpec;
  resolveInvocation(model: ModelRecord): ResolvedInvocation;
}


export function modelOptions(catalog: Catalog, facts: ModelFacts): ModelOption[] {
  const out: ModelOption[] = [];
  for (const m of catalog.models) {
    if (!canChat(m)) continue;
    const inv = facts.resolveInvocation(m);
    out.push({
      id: m.id,
      name: m.name,
      provider: m.provider,
      streaming: m.streaming,
      legacy: m.lifecycle === 'LEGACY',
      ...(m.endOfLife ? { endOfLife: m.endOfLife } : {}),
      imageInput: m.inputModalities.includes('IMAGE'),
      invokedId: inv.invocationId,
      via: inv.via,
      ...(inv.note ? { note: inv.note } : {}),
      callable: isCallable(m, inv),
      spec: facts.parameterSpec(m),
    });
  }
  return out.sort((a, b) => a.provider.localeCompare(b.provider) || a.name.localeCompare(b.name));
}

/** On demand by its id, or through an inference profile the catalog lists (not a guessed one). */
function isCallable(m: ModelRecord, inv: ResolvedInvocation): boolean {
  if (inv.via === 'profile') return m.profiles.some((p) => p.id === inv.invocationId);
  return inv.via === 'arn' || m.inferenceTypes.length === 0 || m.inferenceTypes.includes('ON_DEMAND');
}

/**
 * What a new chat starts on when neither the setting nor a last-used model says: small, fast,
 * current models most accounts can call, best first. Exact ids (anchored): the catalog also lists
 * context-length variants (`amazon.nova-lite-v1:0:300k`) that run only on provisioned throughput.
 */
export const PREFERRED_DEFAULT_MODELS: readonly RegExp[] = [
  /^anthropic\.claude-haiku-4-5-\d{8}-v1:0$/,
  /^amazon\.nova-2-lite-v1:0$/,
  /^amazon\.nova-lite-v1:0$/,
  /^amazon\.nova-micro-v1:0$/,
  /^anthropic\.claude-3-5-haiku-\d{8}-v1:0$/,
  /^anthropic\.claude-3-haiku-\d{8}-v1:0$/,
];

/** The first preferred model that is listed, active, streams and can be called; else the first active streaming model; else the first. */
export function defaultChatModel(models: readonly ModelOption[]): string {
  const usable = (m: ModelOption) => !m.legacy && m.streaming && m.callable !== false;
  for (const pattern of PREFERRED_DEFAULT_MODELS) {
    const found = models.find((m) => pattern.test(m.id) && usable(m));
    if (found) return found.id;
  }
  return (models.find(usable) ?? models.find((m) => !m.legacy && m.streaming) ?? models[0])?.id ?? '';
}

/** The model a new chat starts with: the setting, else the last one used, else {@link defaultChatModel}. */
export function initialModel(models: readonly ModelOption[], setting: string, lastUsed: string | undefined): string {
  const has = (id: string | undefined) => !!id && models.some((m) => m.id === id);
  if (has(setting)) return setting;
  if (has(lastUsed)) return lastUsed!;
  return defaultChatModel(models);
}

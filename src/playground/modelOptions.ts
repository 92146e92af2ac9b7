// The chat picker's models: text-output models of the live catalog, each with its parameter spec
// and the id that will really be invoked (a profile when the model needs one).

import type { Catalog, ModelRecord, ParameterSpec, ResolvedInvocation } from '../bedrock/types';
import type { ModelOption } from './chatProtocol';

export interface ModelFacts {
  parameterSpec(model: ModelRecord): ParameterSpec;
  resolveInvocation(model: ModelRecord): ResolvedInvocation;
}

/** Chat models: they write text (embedding models also list TEXT input, never TEXT output alone). */
export function isChatModel(m: ModelRecord): boolean {
  return m.outputModalities.includes('TEXT') && !m.outputModalities.includes('EMBEDDING');
}

export function modelOptions(catalog: Catalog, facts: ModelFacts): ModelOption[] {
  const out: ModelOption[] = [];
  for (const m of catalog.models) {
    if (!isChatModel(m)) continue;
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
      spec: facts.parameterSpec(m),
    });
  }
  return out.sort((a, b) => a.provider.localeCompare(b.provider) || a.name.localeCompare(b.name));
}

/** The model a new chat starts with: the setting, else the last one used, else the first active streaming model. */
export function initialModel(models: readonly ModelOption[], setting: string, lastUsed: string | undefined): string {
  const has = (id: string | undefined) => !!id && models.some((m) => m.id === id);
  if (has(setting)) return setting;
  if (has(lastUsed)) return lastUsed!;
  return (models.find((m) => !m.legacy && m.streaming) ?? models[0])?.id ?? '';
}

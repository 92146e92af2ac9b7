// What the model explorer shows, computed from the catalog: groups, filter, badges, tooltips.
// Plain Node (no `vscode`) so every rule here is unit-tested without an editor.
import type { Catalog, InferenceProfileRecord, Modality, ModelRecord } from '../bedrock/types';

export type GroupBy = 'provider' | 'modality';

export interface ModelFilter {
  /** Whitespace-separated words; every word must appear in the name, id or provider. */
  text: string;
  /** Output modalities to keep; empty keeps all. */
  modalities: Modality[];
}

export const NO_FILTER: ModelFilter = { text: '', modalities: [] };

export interface ModelGroup {
  key: string;
  label: string;
  models: ModelRecord[];
}

export interface CatalogView {
  groups: ModelGroup[];
  systemProfiles: InferenceProfileRecord[];
  applicationProfiles: InferenceProfileRecord[];
  /** Models before / after the filter. */
  totalModels: number;
  shownModels: number;
}

export const MODALITY_LABELS: Record<Modality, string> = {
  TEXT: 'Text',
  IMAGE: 'Image',
  EMBEDDING: 'Embedding',
  VIDEO: 'Video',
  SPEECH: 'Speech',
};
const MODALITY_ORDER: Modality[] = ['TEXT', 'IMAGE', 'EMBEDDING', 'VIDEO', 'SPEECH'];

export function isFiltered(filter: ModelFilter): boolean {
  return filter.text.trim() !== '' || filter.modalities.length > 0;
}

function words(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean);
}

export function modelMatches(model: ModelRecord, filter: ModelFilter): boolean {
  if (filter.modalities.length && !model.outputModalities.some((m) => filter.modalities.includes(m))) return false;
  const hay = `${model.name} ${model.id} ${model.provider}`.toLowerCase();
  return words(filter.text).every((w) => hay.includes(w));
}

function profileMatches(profile: InferenceProfileRecord, filter: ModelFilter, models: ModelRecord[]): boolean {
  const members = profileModels(profile, models);
  if (filter.modalities.length && !members.some((m) => m.outputModalities.some((o) => filter.modalities.includes(o)))) return false;
  const hay = `${profile.name} ${profile.id} ${members.map((m) => `${m.name} ${m.provider}`).join(' ')}`.toLowerCase();
  return words(filter.text).every((w) => hay.includes(w));
}

const byName = (a: ModelRecord, b: ModelRecord): number => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

/** Groups the (filtered) catalog by provider or by output modality; empty groups are left out. */
export function buildCatalogView(catalog: Catalog, groupBy: GroupBy, filter: ModelFilter = NO_FILTER): CatalogView {
  const shown = catalog.models.filter((m) => modelMatches(m, filter));
  const groups = new Map<string, ModelGroup>();
  const addTo = (key: string, label: string, model: ModelRecord): void => {
    const g = groups.get(key) ?? { key, label, models: [] };
    g.models.push(model);
    groups.set(key, g);
  };
  for (const model of shown) {
    if (groupBy === 'provider') {
      addTo(`provider:${model.provider}`, model.provider || 'Other', model);
    } else {
      // A model with several outputs appears under each of them.
      const outs = model.outputModalities.length ? model.outputModalities : (['TEXT'] as Modality[]);
      for (const m of outs) {
        if (!filter.modalities.length || filter.modalities.includes(m)) addTo(`modality:${m}`, MODALITY_LABELS[m] ?? m, model);
      }
    }
  }
  const sorted = [...groups.values()];
  if (groupBy === 'provider') sorted.sort((a, b) => a.label.localeCompare(b.label));
  else sorted.sort((a, b) => MODALITY_ORDER.indexOf(modalityOfKey(a.key)) - MODALITY_ORDER.indexOf(modalityOfKey(b.key)));
  for (const g of sorted) g.models.sort(byName);

  const profiles = catalog.profiles.filter((p) => profileMatches(p, filter, catalog.models)).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return {
    groups: sorted,
    systemProfiles: profiles.filter((p) => p.type !== 'APPLICATION'),
    applicationProfiles: profiles.filter((p) => p.type === 'APPLICATION'),
    totalModels: catalog.models.length,
    shownModels: shown.length,
  };
}

function modalityOfKey(key: string): Modality {
  return key.slice('modality:'.length) as Modality;
}

/** True when the model cannot be called on demand, only through an inference profile. */
export function needsProfile(model: ModelRecord): boolean {
  return model.inferenceTypes.includes('INFERENCE_PROFILE') && !model.inferenceTypes.includes('ON_DEMAND');
}

/** `2025-08-21` from an ISO date or timestamp; the input itself when it is not a date. */
export function shortDate(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(iso);
  return m?.[1] ?? iso;
}

/** Short badges shown after the model's id: streaming, LEGACY (with end of life), via profile. */
export function modelBadges(model: ModelRecord): string[] {
  const badges: string[] = [];
  if (model.lifecycle === 'LEGACY') badges.push(model.endOfLife ? `LEGACY until ${shortDate(model.endOfLife)}` : 'LEGACY');
  if (needsProfile(model)) badges.push('via profile');
  if (model.streaming) badges.push('streaming');
  return badges;
}

/** `TEXT, IMAGE → TEXT` */
export function modalitySummary(model: ModelRecord): string {
  const list = (ms: Modality[]): string => (ms.length ? ms.join(', ') : '—');
  return `${list(model.inputModalities)} → ${list(model.outputModalities)}`;
}

/**
 * The tree item's description: the id, then the badges; LEGACY goes first, before the id, because
 * at the default sidebar width the ellipsis would cut it off the end (seen at 1400×900).
 */
export function modelDescription(model: ModelRecord): string {
  const badges = modelBadges(model);
  const legacy = badges.filter((b) => b.startsWith('LEGACY'));
  return [...legacy, model.id, ...badges.filter((b) => !b.startsWith('LEGACY'))].join(' · ');
}

/** Escapes text for a MarkdownString (names come from the service). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

/** The tooltip, as markdown: what the model is and how it is called. */
export function modelTooltip(model: ModelRecord, invocationId?: string, invocationNote?: string): string {
  const lines = [
    `**${escapeMarkdown(model.name)}** — ${escapeMarkdown(model.provider)}`,
    '',
    `Model ID: \`${model.id}\``,
  ];
  if (invocationId && invocationId !== model.id) {
    lines.push(`Called as: \`${invocationId}\`${invocationNote ? ` (${escapeMarkdown(invocationNote)})` : ''}`);
  }
  lines.push(
    `Modalities: ${modalitySummary(model)}`,
    `Streaming: ${model.streaming ? 'yes' : 'no'}`,
    `Inference: ${model.inferenceTypes.map((t) => t.replace(/_/g, '-').toLowerCase()).join(', ') || '—'}`,
  );
  if (model.lifecycle === 'LEGACY') {
    lines.push(`Lifecycle: **LEGACY**${model.endOfLife ? `, end of life ${shortDate(model.endOfLife)}` : ''}`);
  }
  if (model.profiles.length) {
    lines.push(`Inference profiles: ${model.profiles.map((p) => `\`${p.id}\``).join(', ')}`);
  }
  return lines.join('  \n');
}

export function profileDescription(profile: InferenceProfileRecord): string {
  const n = profile.modelArns.length;
  return [profile.id, `${n} model${n === 1 ? '' : 's'}`, ...(profile.status && profile.status !== 'ACTIVE' ? [profile.status] : [])].join(' · ');
}

export function profileTooltip(profile: InferenceProfileRecord, models: ModelRecord[]): string {
  const lines = [
    `**${escapeMarkdown(profile.name)}** — ${profile.type === 'APPLICATION' ? 'application' : 'system-defined'} inference profile`,
    '',
    `ID: \`${profile.id}\``,
    `ARN: \`${profile.arn}\``,
  ];
  if (profile.description) lines.push(escapeMarkdown(profile.description));
  if (profile.status) lines.push(`Status: ${profile.status}`);
  if (models.length) lines.push(`Models: ${models.map((m) => escapeMarkdown(m.name)).join(', ')}`);
  return lines.join('  \n');
}

/** Models that a profile routes to, found by ARN (region-agnostic match on the model id part). */
export function profileModels(profile: InferenceProfileRecord, models: ModelRecord[]): ModelRecord[] {
  const idOf = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);
  const ids = new Set(profile.modelArns.map(idOf));
  return models.filter((m) => profile.modelArns.includes(m.arn) || ids.has(m.id));
}

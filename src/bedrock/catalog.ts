import type { BedrockClient, FoundationModelSummary, InferenceProfileSummary } from '@aws-sdk/client-bedrock';
import type { Catalog, InferenceProfileRecord, InferenceType, Lifecycle, Modality, ModelRecord, ProfileRef } from './types';
import { loadControlSdk } from './sdk';

// The catalog: ListFoundationModels and ListInferenceProfiles (every page, both profile types)
// fetched in parallel, merged into one record per model with the profiles that contain it.

const PAGE_SIZE = 1000;

/** The model id inside a foundation-model ARN (`arn:aws:bedrock:us-east-1::foundation-model/<id>`). */
export function modelIdFromArn(arn: string): string | undefined {
  const at = arn.indexOf(':foundation-model/');
  return at >= 0 ? arn.slice(at + ':foundation-model/'.length) : undefined;
}

function toProfileType(t: string | undefined): ProfileRef['type'] {
  return t === 'APPLICATION' ? 'APPLICATION' : 'SYSTEM_DEFINED';
}

export function toProfileRecord(p: InferenceProfileSummary): InferenceProfileRecord | undefined {
  if (!p.inferenceProfileId || !p.inferenceProfileArn) return undefined;
  return {
    id: p.inferenceProfileId,
    arn: p.inferenceProfileArn,
    name: p.inferenceProfileName ?? p.inferenceProfileId,
    type: toProfileType(p.type),
    ...(p.description ? { description: p.description } : {}),
    status: p.status ?? 'ACTIVE',
    modelArns: (p.models ?? []).map((m) => m.modelArn).filter((a): a is string => typeof a === 'string'),
  };
}

function isoDate(d: Date | string | undefined): string | undefined {
  if (d === undefined) return undefined;
  const date = d instanceof Date ? d : new Date(d);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function toModelRecord(m: FoundationModelSummary): ModelRecord | undefined {
  if (!m.modelId) return undefined;
  const endOfLife = isoDate(m.modelLifecycle?.endOfLifeTime);
  return {
    id: m.modelId,
    arn: m.modelArn ?? '',
    name: m.modelName ?? m.modelId,
    provider: m.providerName ?? m.modelId.split('.')[0] ?? '',
    inputModalities: (m.inputModalities ?? []) as Modality[],
    outputModalities: (m.outputModalities ?? []) as Modality[],
    // Absent means the catalog does not say: Converse (one response) works either way.
    streaming: m.responseStreamingSupported ?? false,
    lifecycle: (m.modelLifecycle?.status === 'LEGACY' ? 'LEGACY' : 'ACTIVE') as Lifecycle,
    ...(endOfLife ? { endOfLife } : {}),
    // INFERENCE_PROFILE is not in the SDK's enum but comes through as a string.
    inferenceTypes: (m.inferenceTypesSupported ?? []) as InferenceType[],
    profiles: [],
  };
}

/** Merges the two listings: every profile is attached to each model it contains. */
export function mergeCatalog(models: FoundationModelSummary[], profiles: InferenceProfileSummary[], fetchedAt = Date.now()): Catalog {
  const byId = new Map<string, ModelRecord>();
  for (const summary of models) {
    const record = toModelRecord(summary);
    // The same id can appear twice (one per customization variant): keep the first.
    if (record && !byId.has(record.id)) byId.set(record.id, record);
  }
  const profileRecords: InferenceProfileRecord[] = [];
  const seen = new Set<string>();
  for (const summary of profiles) {
    const profile = toProfileRecord(summary);
    if (!profile || seen.has(profile.arn)) continue;
    seen.add(profile.arn);
    profileRecords.push(profile);
    const ref: ProfileRef = { id: profile.id, arn: profile.arn, name: profile.name, type: profile.type };
    for (const arn of profile.modelArns) {
      const model = byId.get(modelIdFromArn(arn) ?? '');
      if (model && !model.profiles.some((p) => p.arn === ref.arn)) model.profiles.push(ref);
    }
  }
  const sorted = [...byId.values()].sort((a, b) => a.provider.localeCompare(b.provider) || a.name.localeCompare(b.name));
  return { models: sorted, profiles: profileRecords, fetchedAt };
}

/** Every page of ListInferenceProfiles of one type. */
export async function listInferenceProfiles(
  control: BedrockClient,
  type: 'SYSTEM_DEFINED' | 'APPLICATION',
  signal?: AbortSignal,
  pageSize = PAGE_SIZE,
): Promise<InferenceProfileSummary[]> {
  const { ListInferenceProfilesCommand } = await loadControlSdk();
  const out: InferenceProfileSummary[] = [];
  const tokens = new Set<string>();
  let nextToken: string | undefined;
  do {
    const page = await control.send(
      new ListInferenceProfilesCommand({ maxResults: pageSize, typeEquals: type, ...(nextToken ? { nextToken } : {}) }),
      { abortSignal: signal },
    );
    out.push(...(page.inferenceProfileSummaries ?? []));
    nextToken = page.nextToken || undefined;
    // A server that hands back a token it already gave would loop forever.
    if (nextToken && tokens.has(nextToken)) throw new Error(`ListInferenceProfiles returned the page token "${nextToken}" twice`);
    if (nextToken) tokens.add(nextToken);
  } while (nextToken);
  return out;
}

export async function listFoundationModels(control: BedrockClient, signal?: AbortSignal): Promise<FoundationModelSummary[]> {
  const { ListFoundationModelsCommand } = await loadControlSdk();
  const res = await control.send(new ListFoundationModelsCommand({}), { abortSignal: signal });
  return res.modelSummaries ?? [];
}

/**
 * Fetches and merges the whole catalog; the three listings run in parallel. An identity allowed
 * to list models but not inference profiles still gets its models (and a warning).
 */
export async function fetchCatalog(control: BedrockClient, signal?: AbortSignal, pageSize = PAGE_SIZE): Promise<Catalog> {
  const warnings: string[] = [];
  const profilesOrNothing = (type: 'SYSTEM_DEFINED' | 'APPLICATION') =>
    listInferenceProfiles(control, type, signal, pageSize).catch((err: unknown) => {
      if ((err as { name?: unknown }).name !== 'AccessDeniedException') throw err;
      const kind = type === 'SYSTEM_DEFINED' ? 'cross-region' : 'application';
      warnings.push(`Not allowed to list ${kind} inference profiles (bedrock:ListInferenceProfiles); models that need one are called through a guessed profile id.`);
      return [];
    });
  const [models, system, application] = await Promise.all([
    listFoundationModels(control, signal),
    profilesOrNothing('SYSTEM_DEFINED'),
    profilesOrNothing('APPLICATION'),
  ]);
  const catalog = mergeCatalog(models, [...system, ...application]);
  if (warnings.length > 0) catalog.warnings = warnings;
  return catalog;
}

/**
 * Finds a model by model id, model ARN, inference profile id or profile ARN (a profile
 * answers with the first model it contains).
 */
export function findInCatalog(catalog: Catalog, idOrArn: string): ModelRecord | undefined {
  const key = idOrArn.trim();
  const direct = catalog.models.find((m) => m.id === key || m.arn === key);
  if (direct) return direct;
  const fromArn = modelIdFromArn(key);
  if (fromArn) {
    const m = catalog.models.find((x) => x.id === fromArn);
    if (m) return m;
  }
  const profile = catalog.profiles.find((p) => p.id === key || p.arn === key);
  if (profile) {
    for (const arn of profile.modelArns) {
      const m = catalog.models.find((x) => x.id === modelIdFromArn(arn));
      if (m) return m;
    }
  }
  return undefined;
}

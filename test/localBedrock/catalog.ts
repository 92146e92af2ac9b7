// The control plane's view of the stand-in models: summaries, inference profiles, paging,
// and the runtime's resolution of a model id / profile id / ARN to a stand-in model.
import { MODELS, findModel, type Geo, type StandInModel } from './models';
import { BedrockError, validation } from './errors';

const GEO_REGIONS: Record<Geo, string[]> = {
  us: ['us-east-1', 'us-east-2', 'us-west-2'],
  eu: ['eu-central-1', 'eu-west-1', 'eu-west-3'],
  apac: ['ap-northeast-1', 'ap-southeast-1', 'ap-southeast-2'],
  global: ['us-east-1', 'eu-west-1', 'ap-northeast-1'],
};
const GEO_NAME: Record<Geo, string> = { us: 'US', eu: 'EU', apac: 'APAC', global: 'Global' };
const ACCOUNT = '111122223333';
const CREATED = '2024-08-01T00:00:00Z';
const CUSTOMIZATIONS: Record<string, string[]> = {
  'amazon.titan-text-express-v1': ['FINE_TUNING', 'CONTINUED_PRE_TRAINING'],
  'amazon.titan-image-generator-v2:0': ['FINE_TUNING'],
  'anthropic.claude-3-haiku-20240307-v1:0': ['FINE_TUNING'],
  'amazon.nova-micro-v1:0': ['FINE_TUNING', 'DISTILLATION'],
};

export const modelArn = (region: string, modelId: string): string => `arn:aws:bedrock:${region}::foundation-model/${modelId}`;

export function modelSummary(m: StandInModel, region: string): Record<string, unknown> {
  const legacy = m.lifecycle === 'LEGACY';
  return {
    modelArn: modelArn(region, m.modelId), modelId: m.modelId, modelName: m.modelName, providerName: m.providerName,
    inputModalities: m.inputModalities, outputModalities: m.outputModalities,
    responseStreamingSupported: m.responseStreamingSupported,
    customizationsSupported: CUSTOMIZATIONS[m.modelId] ?? [], inferenceTypesSupported: m.inferenceTypesSupported,
    modelLifecycle: legacy
      ? { status: 'LEGACY', startOfLifeTime: '2023-09-28T00:00:00Z', legacyTime: '2025-04-01T00:00:00Z', endOfLifeTime: '2026-12-31T00:00:00Z' }
      : { status: 'ACTIVE', startOfLifeTime: CREATED },
  };
}

// Coral's enum refusal; the enums are the bedrock control-plane service model's. Wording for these fields unconfirmed.
const enumCheck = (name: string, value: string | null, allowed: string[]): void => {
  if (value !== null && !allowed.includes(value)) {
    throw validation(`1 validation error detected: Value '${value}' at '${name}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`);
  }
};

/** ListFoundationModels with its four query filters. */
export function listFoundationModels(query: URLSearchParams, region: string): unknown {
  const provider = query.get('byProvider');
  const output = query.get('byOutputModality');
  const inference = query.get('byInferenceType');
  const customization = query.get('byCustomizationType');
  enumCheck('byOutputModality', output, ['TEXT', 'IMAGE', 'EMBEDDING']);
  enumCheck('byInferenceType', inference, ['ON_DEMAND', 'PROVISIONED']);
  enumCheck('byCustomizationType', customization, ['FINE_TUNING', 'CONTINUED_PRE_TRAINING', 'DISTILLATION']);
  const models = MODELS.filter((m) =>
    (provider === null || m.providerName.toLowerCase().replace(/\s+/g, '') === provider.toLowerCase().replace(/\s+/g, '')
      || m.modelId.startsWith(`${provider.toLowerCase()}.`))
    && (output === null || m.outputModalities.includes(output))
    && (inference === null || m.inferenceTypesSupported.includes(inference))
    && (customization === null || (CUSTOMIZATIONS[m.modelId] ?? []).includes(customization)));
  return { modelSummaries: models.map((m) => modelSummary(m, region)) };
}

export function getFoundationModel(id: string, region: string): unknown {
  const m = findModel(id) ?? findModel(/foundation-model\/(.+)$/.exec(id)?.[1] ?? '');
  // 404 with the runtime's text (the runtime's is quoted in aws-samples/amazon-bedrock-workshop#315); the 404 itself: source not found.
  if (!m) throw new BedrockError('ResourceNotFoundException', 'The provided model identifier is invalid.');
  return { modelDetails: modelSummary(m, region) };
}

interface Profile {
  id: string;
  name: string;
  arn: string;
  type: 'SYSTEM_DEFINED' | 'APPLICATION';
  description: string;
  model: StandInModel;
  modelArns: string[];
}

/** Application profiles: one wraps a single-region model, one copies a cross-region profile. */
const APPLICATION = [
  { id: 'a1b2c3d4e5f6', name: 'team-chat-haiku', modelId: 'anthropic.claude-3-haiku-20240307-v1:0', geo: undefined },
  { id: 'f6e5d4c3b2a1', name: 'docs-writer-sonnet', modelId: 'anthropic.claude-3-7-sonnet-20250219-v1:0', geo: 'us' as Geo },
];

export function allProfiles(region: string): Profile[] {
  const out: Profile[] = [];
  for (const m of MODELS) {
    for (const geo of m.geos) {
      const id = `${geo}.${m.modelId}`;
      out.push({
        id, name: `${GEO_NAME[geo]} ${m.providerName} ${m.modelName}`, type: 'SYSTEM_DEFINED', model: m,
        arn: `arn:aws:bedrock:${region}:${ACCOUNT}:inference-profile/${id}`,
        description: `Routes requests to ${m.providerName} ${m.modelName} in ${geo === 'global' ? 'commercial regions worldwide' : `${GEO_NAME[geo]} regions`}.`,
        modelArns: GEO_REGIONS[geo].map((r) => modelArn(r, m.modelId)),
      });
    }
  }
  for (const a of APPLICATION) {
    const m = findModel(a.modelId)!;
    out.push({
      id: a.id, name: a.name, type: 'APPLICATION', model: m, description: `Application profile for cost tracking (${m.modelName}).`,
      arn: `arn:aws:bedrock:${region}:${ACCOUNT}:application-inference-profile/${a.id}`,
      modelArns: (a.geo ? GEO_REGIONS[a.geo] : [region]).map((r) => modelArn(r, m.modelId)),
    });
  }
  return out;
}

function profileSummary(p: Profile): Record<string, unknown> {
  return {
    inferenceProfileName: p.name, inferenceProfileArn: p.arn, inferenceProfileId: p.id, description: p.description,
    models: p.modelArns.map((modelArn) => ({ modelArn })), status: 'ACTIVE', type: p.type, createdAt: CREATED, updatedAt: CREATED,
  };
}

export const DEFAULT_PAGE_SIZE = 10;

/** ListInferenceProfiles with real paging: `maxResults` (1–1000, default 10) and an opaque `nextToken`. */
export function listInferenceProfiles(query: URLSearchParams, region: string): unknown {
  const type = query.get('type');
  enumCheck('typeEquals', type, ['SYSTEM_DEFINED', 'APPLICATION']);
  const maxRaw = query.get('maxResults');
  const max = maxRaw === null ? DEFAULT_PAGE_SIZE : Number(maxRaw);
  // maxResults 1–1000 (bedrock service model, not re-checked); wording unconfirmed.
  if (!Number.isInteger(max) || max < 1 || max > 1000) {
    throw validation(`1 validation error detected: Value '${maxRaw}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 1000`);
  }
  let start = 0;
  const token = query.get('nextToken');
  if (token !== null) {
    const m = /^page:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
    if (!m) throw validation('The pagination token is invalid.'); // source not found
    start = Number(m[1]);
  }
  const items = allProfiles(region).filter((p) => type === null || p.type === type);
  const page = items.slice(start, start + max);
  const next = start + max < items.length ? Buffer.from(`page:${start + max}`).toString('base64') : undefined;
  return { inferenceProfileSummaries: page.map(profileSummary), ...(next ? { nextToken: next } : {}) };
}

export function getInferenceProfile(id: string, region: string): unknown {
  const p = allProfiles(region).find((x) => x.id === id || x.arn === id);
  if (!p) throw new BedrockError('ResourceNotFoundException', `Inference profile ${id} not found.`); // source not found
  return profileSummary(p);
}

export interface ResolvedTarget {
  model: StandInModel;
  via: 'model' | 'profile';
}

/**
 * What the runtime does with `{modelId}`: a model id or foundation-model ARN (ON_DEMAND only),
 * a system profile id or ARN, or an application profile ARN.
 */
export function resolveTarget(id: string, region: string): ResolvedTarget {
  const arnModel = /^arn:aws[\w-]*:bedrock:[\w-]*::foundation-model\/(.+)$/.exec(id)?.[1];
  const direct = findModel(arnModel ?? id);
  if (direct) {
    // terricain/aioboto3#352 and qiita.com/k5ki/items/7c4f4567043482bb4521 quote this text.
    if (!direct.inferenceTypesSupported.includes('ON_DEMAND')) {
      throw validation(`Invocation of model ID ${direct.modelId} with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model.`);
    }
    return { model: direct, via: 'model' };
  }
  const profileRef = /^arn:aws[\w-]*:bedrock:[\w-]*:\d{12}:(?:application-)?inference-profile\/(.+)$/.exec(id)?.[1] ?? id;
  const profile = allProfiles(region).find((p) => p.id === profileRef);
  if (profile && (profile.type === 'SYSTEM_DEFINED' || id.startsWith('arn:'))) return { model: profile.model, via: 'profile' };
  // aws-samples/amazon-bedrock-workshop#315, Kilo-Org/kilocode#586, earendil-works/pi#4993.
  throw validation('The provided model identifier is invalid.');
}

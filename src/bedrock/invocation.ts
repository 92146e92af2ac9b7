import type { ModelRecord, ResolvedInvocation } from './types';

// Chooses the id actually sent to Bedrock: the model id for on-demand models, the inference
// profile of the client's geography for profile-only models, and ids/ARNs the user picked as is.

/** Cross-region profile prefixes for a Region, most specific first (`global.` is tried last by the caller). */
export function geographyPrefixes(region: string): string[] {
  const r = region.toLowerCase();
  if (r.startsWith('us-gov-')) return ['us-gov.'];
  if (r.startsWith('us-')) return ['us.'];
  if (r.startsWith('eu-')) return ['eu.'];
  if (r === 'ap-northeast-1') return ['jp.', 'apac.'];
  if (r === 'ap-southeast-2' || r === 'ap-southeast-4') return ['au.', 'apac.'];
  if (r.startsWith('ap-')) return ['apac.'];
  if (r.startsWith('ca-')) return ['ca.', 'us.'];
  return [];
}

const PROFILE_PREFIX = /^(us|eu|apac|jp|au|ca|us-gov|global)\./;

export function isArn(id: string): boolean {
  return id.startsWith('arn:');
}

/** True for an id that names a cross-region inference profile (`us.anthropic…`). */
export function isProfileId(id: string): boolean {
  return PROFILE_PREFIX.test(id);
}

function describeProfile(id: string): string {
  const prefix = PROFILE_PREFIX.exec(id)?.[1];
  return prefix === 'global' ? 'the global cross-region inference profile' : `the ${prefix}. cross-region inference profile`;
}

/** An id or ARN the user chose (a profile, an application profile ARN): sent as given. */
export function resolveRequested(invocationId: string): ResolvedInvocation {
  const id = invocationId.trim();
  if (isArn(id)) {
    const kind = id.includes(':application-inference-profile/')
      ? 'application inference profile'
      : id.includes(':inference-profile/')
        ? 'inference profile'
        : 'ARN';
    return { invocationId: id, via: 'arn', note: `Called through the ${kind} ${id}` };
  }
  if (isProfileId(id)) return { invocationId: id, via: 'profile', note: `Called through ${describeProfile(id)} ${id}` };
  return { invocationId: id, via: 'model', note: `Called by model id ${id}` };
}

/**
 * The id to call `model` with from `region`. ON_DEMAND models go by their own id. Models that
 * only run through inference profiles use the profile that exists in the catalog, trying the
 * Region-specific geography, then the wider one, then `global.`, then any profile listed here.
 */
export function resolveInvocation(model: ModelRecord, region: string): ResolvedInvocation {
  const types = model.inferenceTypes;
  const profileOnly = types.includes('INFERENCE_PROFILE') && !types.includes('ON_DEMAND');
  if (!profileOnly) {
    if (types.length > 0 && !types.includes('ON_DEMAND')) {
      return { invocationId: model.id, via: 'model', note: `${model.id} lists no on-demand throughput here (${types.join(', ')}); called by model id` };
    }
    return { invocationId: model.id, via: 'model', note: `Called on demand by model id ${model.id}` };
  }
  const candidates = [...geographyPrefixes(region), 'global.'].map((p) => p + model.id);
  const listed = new Set(model.profiles.filter((p) => p.type === 'SYSTEM_DEFINED').map((p) => p.id));
  const chosen = candidates.find((id) => listed.has(id)) ?? model.profiles.find((p) => p.type === 'SYSTEM_DEFINED')?.id;
  if (chosen) {
    return {
      invocationId: chosen,
      via: 'profile',
      note: `${model.id} runs only through inference profiles: called through ${describeProfile(chosen)} ${chosen}`,
    };
  }
  // The catalog lists no profile for it (profiles not readable?): the geography's id is the best guess.
  const guess = candidates[0] ?? `global.${model.id}`;
  return {
    invocationId: guess,
    via: 'profile',
    note: `${model.id} runs only through inference profiles and none is listed in ${region}: trying ${guess}`,
  };
}

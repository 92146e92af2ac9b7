// Which AWS Region the clients use, resolved as the AWS CLI and SDKs do, and the check that a
// Region is a Region before it goes into a client or a URL. Plain Node: no `vscode`.

/** Where nothing names a Region (the CLI would refuse; the SDKs' examples and Bedrock's docs start here). */
export const DEFAULT_REGION = 'us-east-1';

/**
 * AWS Region names: `eu-west-1`, `us-gov-west-1`, `ap-southeast-4`, `cn-north-1`. Lower-case
 * letters, dash-separated words and a number: nothing that could change a host name or a URL.
 */
const REGION_PATTERN = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

export function isValidRegionName(value: string): boolean {
  return value.length <= 50 && REGION_PATTERN.test(value.trim());
}

/** Where the current Region came from, in the order it is looked for. */
export type RegionSource =
  | { kind: 'setting' }
  | { kind: 'env'; variable: 'AWS_REGION' | 'AWS_DEFAULT_REGION' }
  | { kind: 'profile'; profile: string }
  | { kind: 'default' };

export interface ResolvedRegion {
  region: string;
  source: RegionSource;
}

export interface RegionInputs {
  /** `bedrock.region` when the user set it (at any level); undefined or empty when not. */
  setting?: string;
  env: Readonly<Record<string, string | undefined>>;
  /** The profile whose `region` counts: `bedrock.profile`, else AWS_PROFILE, else `default`. */
  profile: string;
  /** The profile's `region` in the shared files, if it has one. */
  profileRegion: (profile: string) => string | undefined;
}

/**
 * The setting if the user set it; else AWS_REGION, AWS_DEFAULT_REGION (the AWS CLI's name), the
 * selected profile's `region`; else us-east-1. The first one present wins even when it is not a
 * valid Region name: it is then reported (checkRegion) rather than silently skipped.
 */
export function resolveRegion(inputs: RegionInputs): ResolvedRegion {
  const setting = inputs.setting?.trim();
  if (setting) return { region: setting, source: { kind: 'setting' } };
  for (const variable of ['AWS_REGION', 'AWS_DEFAULT_REGION'] as const) {
    const v = inputs.env[variable]?.trim();
    if (v) return { region: v, source: { kind: 'env', variable } };
  }
  const fromProfile = inputs.profileRegion(inputs.profile)?.trim();
  if (fromProfile) return { region: fromProfile, source: { kind: 'profile', profile: inputs.profile } };
  return { region: DEFAULT_REGION, source: { kind: 'default' } };
}

/** "from profile dev", "from AWS_REGION", "set in settings", "the default". */
export function describeRegionSource(source: RegionSource | undefined): string {
  switch (source?.kind) {
    case 'env': return `from ${source.variable}`;
    case 'profile': return `from profile ${source.profile}`;
    case 'default': return 'the default: no Region set anywhere';
    default: return 'set in settings';
  }
}

/** Where to fix it, in words: the setting, the variable or the profile's file. */
function whereToFix(source: RegionSource | undefined): string {
  switch (source?.kind) {
    case 'env': return `the ${source.variable} environment variable`;
    case 'profile': return `the region of profile "${source.profile}" in the shared AWS config file`;
    default: return 'the bedrock.region setting';
  }
}

/** The Region is not an AWS Region name: nothing is sent, no URL is built from it. */
export class InvalidRegionError extends Error {
  override readonly name = 'InvalidRegionError';
}

/** Throws InvalidRegionError unless `region` looks like an AWS Region name. */
export function checkRegion(region: string, source?: RegionSource): void {
  if (isValidRegionName(region)) return;
  throw new InvalidRegionError(`"${region.slice(0, 60)}" (${whereToFix(source)}) is not an AWS Region name; they look like "eu-west-1".`);
}

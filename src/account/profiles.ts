// Reads the named AWS profiles from the shared config and credentials files, as the AWS CLI and
// SDK do (honouring AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE). Plain Node: no `vscode`.
// Only names and the kind of each profile are returned: secrets are read by the parser but
// never leave this module.
import { loadProfileSections, sharedFilePaths, type ProfileSections, type SharedFiles } from '../bedrock/sharedFiles';

export { sharedFilePaths, type SharedFiles };

export type ProfileKind = 'sso' | 'keys' | 'assumeRole' | 'process' | 'webIdentity' | 'other';

export interface AwsProfile {
  name: string;
  kind: ProfileKind;
  /** The region configured for the profile, when there is one. */
  region?: string;
  /** For SSO profiles: the start URL (from the profile or its sso-session). */
  ssoStartUrl?: string;
  /** Which files define it. */
  sources: Array<'config' | 'credentials'>;
}

type Values = Record<string, string | undefined>;

function kindOf(values: Values, ssoStartUrl: string | undefined): ProfileKind {
  if (values.sso_session || values.sso_start_url || ssoStartUrl) return 'sso';
  if (values.role_arn && values.web_identity_token_file) return 'webIdentity';
  if (values.role_arn) return 'assumeRole';
  if (values.credential_process) return 'process';
  if (values.aws_access_key_id) return 'keys';
  return 'other';
}

/** Merges the two files' sections (as the SDK's parser gives them) into profiles, `default` first, then by name. */
export function profilesFromSections({ config, credentials }: ProfileSections): AwsProfile[] {
  const ssoSessions = new Map<string, Values>();
  const merged = new Map<string, { values: Values; sources: Set<'config' | 'credentials'> }>();

  const add = (name: string, values: Values, source: 'config' | 'credentials'): void => {
    const entry = merged.get(name) ?? { values: {}, sources: new Set() };
    // The credentials file wins for keys, as in the SDK; config fills the rest.
    entry.values = source === 'credentials' ? { ...entry.values, ...values } : { ...values, ...entry.values };
    entry.sources.add(source);
    merged.set(name, entry);
  };

  for (const [section, values] of Object.entries(config)) {
    if (section.startsWith('sso-session.')) { ssoSessions.set(section.slice('sso-session.'.length), values); continue; }
    // Other prefixed sections (services) are not profiles; the parser has already taken "profile " off the rest.
    if (section.startsWith('services.')) continue;
    add(section, values, 'config');
  }
  for (const [section, values] of Object.entries(credentials)) {
    // The credentials file names profiles bare; some people write "profile x" there too (the parser gives "profile.x").
    add(section.startsWith('profile.') ? section.slice('profile.'.length) : section, values, 'credentials');
  }

  const profiles: AwsProfile[] = [];
  for (const [name, { values, sources }] of merged) {
    const session = values.sso_session ? ssoSessions.get(values.sso_session) : undefined;
    const ssoStartUrl = values.sso_start_url || session?.sso_start_url || undefined;
    const profile: AwsProfile = { name, kind: kindOf(values, ssoStartUrl), sources: [...sources].sort() };
    if (values.region) profile.region = values.region;
    if (ssoStartUrl) profile.ssoStartUrl = ssoStartUrl;
    profiles.push(profile);
  }
  return profiles.sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
}

/** Lists the profiles of the user's shared files, read by the AWS SDK's own parser (missing files count as empty). */
export async function listProfiles(files: SharedFiles = sharedFilePaths()): Promise<AwsProfile[]> {
  return profilesFromSections(await loadProfileSections(files));
}

/** Words for the picker, e.g. "SSO" or "access keys". */
export function describeProfileKind(kind: ProfileKind): string {
  switch (kind) {
    case 'sso': return 'SSO';
    case 'keys': return 'access keys';
    case 'assumeRole': return 'assumed role';
    case 'process': return 'credential process';
    case 'webIdentity': return 'web identity';
    default: return 'settings only';
  }
}

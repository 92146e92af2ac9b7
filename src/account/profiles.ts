// Reads the named AWS profiles from the shared config and credentials files, as the AWS CLI and
// SDK do (honouring AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE). Plain Node: no `vscode`.
// Only names and the kind of each profile are returned: secrets are read by the parser but
// never leave this module.
import { readFile } from 'node:fs/promises';
import { parseAwsIni, sharedFilePaths, type SharedFiles } from '../bedrock/sharedFiles';

export { parseAwsIni, sharedFilePaths, type SharedFiles };

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

function kindOf(values: Record<string, string>, ssoStartUrl: string | undefined): ProfileKind {
  if (values.sso_session || values.sso_start_url || ssoStartUrl) return 'sso';
  if (values.role_arn && values.web_identity_token_file) return 'webIdentity';
  if (values.role_arn) return 'assumeRole';
  if (values.credential_process) return 'process';
  if (values.aws_access_key_id) return 'keys';
  return 'other';
}

/** Merges the two files' sections into profiles, `default` first, then by name. */
export function profilesFromIni(configText: string, credentialsText: string): AwsProfile[] {
  const config = parseAwsIni(configText);
  const credentials = parseAwsIni(credentialsText);
  const ssoSessions = new Map<string, Record<string, string>>();
  const merged = new Map<string, { values: Record<string, string>; sources: Set<'config' | 'credentials'> }>();

  const add = (name: string, values: Record<string, string>, source: 'config' | 'credentials'): void => {
    const entry = merged.get(name) ?? { values: {}, sources: new Set() };
    // The credentials file wins for keys, as in the SDK; config fills the rest.
    entry.values = source === 'credentials' ? { ...entry.values, ...values } : { ...values, ...entry.values };
    entry.sources.add(source);
    merged.set(name, entry);
  };

  for (const [section, values] of Object.entries(config)) {
    const sso = /^sso-session\s+(\S.*)$/.exec(section);
    if (sso?.[1]) { ssoSessions.set(sso[1].trim(), values); continue; }
    if (section === 'default') { add('default', values, 'config'); continue; }
    const prof = /^profile\s+(\S.*)$/.exec(section);
    if (prof?.[1]) add(prof[1].trim(), values, 'config');
    // Other sections (services, plugins) are not profiles.
  }
  for (const [section, values] of Object.entries(credentials)) {
    // The credentials file names profiles bare; some people write "profile x" there too.
    const name = /^profile\s+(\S.*)$/.exec(section)?.[1]?.trim() ?? section;
    add(name, values, 'credentials');
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

async function readIfExists(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw err;
  }
}

/** Lists the profiles of the user's shared files (missing files count as empty). */
export async function listProfiles(files: SharedFiles = sharedFilePaths()): Promise<AwsProfile[]> {
  const [configText, credentialsText] = await Promise.all([readIfExists(files.configFile), readIfExists(files.credentialsFile)]);
  return profilesFromIni(configText, credentialsText);
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

// The shared AWS config and credentials files: where they are (with the SDK's environment
// overrides) and how they parse. Plain Node: no `vscode`. Only non-secret values leave here.
// Profiles are read with the SDK's own parser (loadProfileSections). The one synchronous read, a
// profile's `region` for the settings reader (profileRegionSync), still uses `ini`: the SDK's
// parser is asynchronous only, and a Region value has no `;` or sub-properties to misread.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'ini';
import { loadSharedIniLoader } from './sdk';

export interface SharedFiles {
  configFile: string;
  credentialsFile: string;
}

/** The files the SDK reads, with the same environment overrides. */
export function sharedFilePaths(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): SharedFiles {
  const expand = (p: string): string => (p.startsWith('~/') || p === '~' ? join(home, p.slice(1)) : p);
  return {
    configFile: expand(env.AWS_CONFIG_FILE || join(home, '.aws', 'config')),
    credentialsFile: expand(env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials')),
  };
}

type Sections = Record<string, Record<string, string>>;

/**
 * Parses an AWS ini file into flat sections. The `ini` package nests section names at dots
 * (`[profile dev.admin]`), which profile names may contain, so dots in headers are escaped first.
 */
export function parseAwsIni(text: string): Sections {
  const escaped = text.replace(/^([ \t]*\[)([^\]\r\n]*)(\][ \t]*)$/gm, (_m, open: string, name: string, close: string) =>
    `${open}${name.trim().replace(/\./g, '\\.')}${close}`,
  );
  const parsed: unknown = parse(escaped);
  const out: Sections = {};
  if (!parsed || typeof parsed !== 'object') return out;
  for (const [section, values] of Object.entries(parsed as Record<string, unknown>)) {
    if (!values || typeof values !== 'object') continue; // a key outside any section
    const flat: Record<string, string> = {};
    for (const [k, v] of Object.entries(values as Record<string, unknown>)) {
      if (typeof v === 'string') flat[k.trim()] = v.trim();
      else if (typeof v === 'boolean') flat[k.trim()] = String(v);
    }
    out[section.trim()] = flat;
  }
  return out;
}

function readSyncIfExists(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return ''; // missing or unreadable: no Region from it, as the SDK
  }
}

/**
 * The `region` of a profile, as the SDK reads it: the config file's `[profile p]` (`[default]`),
 * else the credentials file's `[p]`. Synchronous: a few kilobytes, read when the settings change.
 */
export function profileRegionSync(profile: string, files: SharedFiles = sharedFilePaths()): string | undefined {
  const config = parseAwsIni(readSyncIfExists(files.configFile));
  const fromConfig = (profile === 'default' ? config.default?.region : undefined) ?? config[`profile ${profile}`]?.region;
  if (fromConfig) return fromConfig;
  const credentials = parseAwsIni(readSyncIfExists(files.credentialsFile));
  return credentials[profile]?.region || undefined;
}

/** Profiles and other sections as the SDK's own parser reads them (values kept whole, sub-properties as `parent.key`). */
export interface ProfileSections {
  /** The config file: `default`, profile names without "profile ", `sso-session.<name>`, `services.<name>`. */
  config: Record<string, Record<string, string | undefined>>;
  /** The credentials file: section names as written. */
  credentials: Record<string, Record<string, string | undefined>>;
}

/**
 * Reads both shared files with the AWS SDK's own parser (`loadSharedConfigFiles`), so a profile
 * reads here as it does when the SDK signs with it: `credential_process = helper --arg="a;b"`
 * stays whole. Missing files count as empty. Loaded on first use, with the SDK's bundle.
 */
export async function loadProfileSections(files: SharedFiles = sharedFilePaths()): Promise<ProfileSections> {
  const { loadSharedConfigFiles } = await loadSharedIniLoader();
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ filepath: files.credentialsFile, configFilepath: files.configFile, ignoreCache: true });
  return { config: configFile, credentials: credentialsFile };
}

// How the connection is named in the status bar and its tooltip. Plain Node: no `vscode`.
import type { ConnectionSettings } from '../bedrock/types';
import { regionName } from './regions';
import { describeRegionSource } from '../bedrock/region';
import { BEARER_TOKEN_ENV, credentialSource } from '../bedrock/clients';

/**
 * `Bedrock: <profile> · <region>`, or `Bedrock: local endpoint`; a Region that does not come from
 * the setting says where it does come from: `eu-central-1 (from profile dev)`.
 */
export function statusBarText(c: ConnectionSettings, env: NodeJS.ProcessEnv = process.env): string {
  if (c.demo) return 'Bedrock: Demo';
  if (c.local) return 'Bedrock: local endpoint';
  const who = credentialSource(c, env).kind === 'bearerToken' ? 'API key' : c.profile || 'default';
  return `Bedrock: ${who} · ${regionWithSource(c)}`;
}

/** Where the credentials come from, in words; never the credentials themselves. */
export function credentialsLine(c: ConnectionSettings, env: NodeJS.ProcessEnv = process.env): string {
  const source = credentialSource(c, env);
  switch (source.kind) {
    case 'local': return 'Stand-in credentials; no AWS account is used.';
    case 'bearerToken':
      return source.origin === 'secretStorage'
        ? `Credentials: API key from VS Code's secret storage${env[BEARER_TOKEN_ENV] ? ` (used instead of ${BEARER_TOKEN_ENV})` : ''}`
        : `Credentials: API key from ${BEARER_TOKEN_ENV}`;
    case 'profile': return `Profile: ${source.profile}`;
    default: return 'Profile: default credential chain';
  }
}

/** `eu-central-1 (from profile dev)`, `us-west-2 (from AWS_REGION)`; the setting's Region and the default bare. */
export function regionWithSource(c: Pick<ConnectionSettings, 'region' | 'regionSource'>): string {
  const k = c.regionSource?.kind;
  return k === 'env' || k === 'profile' ? `${c.region} (${describeRegionSource(c.regionSource)})` : c.region;
}

/** A plain-text tooltip; never contains credentials (the settings hold none). */
export function statusBarTooltip(c: ConnectionSettings, env: NodeJS.ProcessEnv = process.env): string {
  const lines: string[] = [];
  if (c.demo) {
    lines.push('Demo: stand-in models answering on this machine, not Amazon Bedrock.', 'No AWS account is used and nothing leaves this computer.');
  } else if (c.local) {
    lines.push(`Local Bedrock endpoint at ${c.endpoint ?? ''}`, credentialsLine(c, env));
  } else {
    lines.push(credentialsLine(c, env));
    const name = regionName(c.region);
    lines.push(`Region: ${c.region}${name ? ` — ${name}` : ''} (${describeRegionSource(c.regionSource)})`);
    if (c.endpoint) lines.push(`Endpoint: ${c.endpoint}`);
  }
  lines.push('', 'Click to switch region, profile or endpoint.');
  return lines.join('\n');
}

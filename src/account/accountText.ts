// How the connection is named in the status bar and its tooltip. Plain Node: no `vscode`.
import type { ConnectionSettings } from '../bedrock/types';
import { regionName } from './regions';

/** `Bedrock: <profile> · <region>`, or `Bedrock: local endpoint`. */
export function statusBarText(c: ConnectionSettings): string {
  if (c.local) return 'Bedrock: local endpoint';
  return `Bedrock: ${c.profile || 'default'} · ${c.region}`;
}

/** A plain-text tooltip; never contains credentials (the settings hold none). */
export function statusBarTooltip(c: ConnectionSettings): string {
  const lines: string[] = [];
  if (c.local) {
    lines.push(`Local Bedrock endpoint at ${c.endpoint ?? ''}`, 'Stand-in credentials; no AWS account is used.');
  } else {
    lines.push(`Profile: ${c.profile || 'default credential chain'}`);
    const name = regionName(c.region);
    lines.push(`Region: ${c.region}${name ? ` — ${name}` : ''}`);
    if (c.endpoint) lines.push(`Endpoint: ${c.endpoint}`);
  }
  lines.push('', 'Click to switch region, profile or endpoint.');
  return lines.join('\n');
}

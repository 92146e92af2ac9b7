// How the clients reach Bedrock on a company network: through a proxy (VS Code's http.proxy, else
// HTTPS_PROXY / HTTP_PROXY, minus NO_PROXY), trusting a private certificate authority
// (AWS_CA_BUNDLE, NODE_EXTRA_CA_CERTS) besides the public ones. Plain Node: no `vscode`; the host
// hands VS Code's own settings in as NetworkSettings.
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import type { NetworkSettings } from './types';

export type ProxySource = 'http.proxy' | 'HTTPS_PROXY' | 'HTTP_PROXY';

/** How one endpoint is reached. */
export interface Route {
  proxy?: { url: string; source: ProxySource };
  /** Extra PEM certificates to trust beside Node's own roots, and the variables they came from. */
  ca?: { pem: string[]; sources: string[] };
  /** False only when the user turned http.proxyStrictSSL off. */
  rejectUnauthorized: boolean;
}

/** A proxy or CA file setting that cannot be used: named, so the user knows what to fix. */
export class NetworkSettingError extends Error {
  override readonly name = 'NetworkSettingError';
}

function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  return (env[name] ?? env[name.toLowerCase()])?.trim() || undefined;
}

/** NO_PROXY semantics as curl has them: `*`, host names (a leading dot or not: the domain and below), optional `:port`. */
export function bypassesProxy(url: URL, patterns: readonly string[]): boolean {
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  for (const raw of patterns) {
    const p = raw.trim().toLowerCase();
    if (!p) continue;
    if (p === '*') return true;
    const m = /^(.*?)(?::(\d+))?$/.exec(p.replace(/^\[|\](?=:|$)/g, ''));
    const name = (m?.[1] ?? p).replace(/^\*?\./, '');
    if (m?.[2] && m[2] !== port) continue;
    if (host === name || host.endsWith(`.${name}`)) return true;
  }
  return false;
}

/** The proxy for `target`, or undefined for a direct connection. */
export function proxyFor(target: URL, net: NetworkSettings = {}, env: NodeJS.ProcessEnv = process.env): Route['proxy'] {
  const noProxy = [...(net.noProxy ?? []), ...(envValue(env, 'NO_PROXY') ?? '').split(',')];
  if (bypassesProxy(target, noProxy)) return undefined;
  const candidates: Array<[ProxySource, string | undefined]> = [
    ['http.proxy', net.proxy?.trim() || undefined],
    target.protocol === 'https:' ? ['HTTPS_PROXY', envValue(env, 'HTTPS_PROXY')] : ['HTTP_PROXY', envValue(env, 'HTTP_PROXY')],
  ];
  for (const [source, value] of candidates) {
    if (!value) continue;
    let url: URL;
    try {
      url = new URL(value.includes('://') ? value : `http://${value}`);
    } catch {
      throw new NetworkSettingError(`The proxy "${value.slice(0, 120)}" (${source}) is not a URL; it looks like http://proxy.example.com:8080.`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new NetworkSettingError(`The proxy "${value.slice(0, 120)}" (${source}) must be an http:// or https:// proxy.`);
    }
    return { url: url.href, source };
  }
  return undefined;
}

/** The private CA certificates named by AWS_CA_BUNDLE and NODE_EXTRA_CA_CERTS, read now (the files may change). */
export function extraCertificates(env: NodeJS.ProcessEnv = process.env): Route['ca'] {
  const pem: string[] = [];
  const sources: string[] = [];
  for (const variable of ['AWS_CA_BUNDLE', 'NODE_EXTRA_CA_CERTS']) {
    const file = env[variable]?.trim();
    if (!file) continue;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new NetworkSettingError(`The certificate file "${file}" named by ${variable} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}).`);
    }
    if (!text.includes('-----BEGIN CERTIFICATE-----')) throw new NetworkSettingError(`The file "${file}" named by ${variable} holds no PEM certificate.`);
    pem.push(text);
    sources.push(variable);
  }
  return pem.length ? { pem, sources } : undefined;
}

/** How to reach `endpoint` (the Region's own endpoint when undefined). */
export function routeFor(endpoint: string | undefined, region: string, net: NetworkSettings = {}, env: NodeJS.ProcessEnv = process.env): Route {
  const target = new URL(endpoint ?? `https://bedrock-runtime.${region}.amazonaws.com`);
  return { proxy: proxyFor(target, net, env), ca: extraCertificates(env), rejectUnauthorized: net.strictSSL !== false };
}

/** TLS options for the route: the private CAs beside Node's roots (`ca` replaces the roots, so both are given). */
export function tlsOptions(route: Route): { ca?: string[]; rejectUnauthorized?: boolean } {
  return {
    ...(route.ca ? { ca: [...rootCertificates, ...route.ca.pem] } : {}),
    ...(route.rejectUnauthorized ? {} : { rejectUnauthorized: false }),
  };
}

/** One line for the log: how Bedrock is reached, never a credential (a proxy's user:password is cut). */
export function describeRoute(route: Route, http2: boolean): string {
  const parts: string[] = [];
  if (route.proxy) {
    const u = new URL(route.proxy.url);
    parts.push(`through the proxy ${u.protocol}//${u.host} (from ${route.proxy.source}), HTTP/1.1: HTTP/2 is not tunnelled through proxies`);
  } else {
    parts.push(`direct, ${http2 ? 'HTTP/2' : 'HTTP/1.1'}`);
  }
  if (route.ca) parts.push(`trusting the certificates in ${route.ca.sources.join(' and ')} too`);
  if (!route.rejectUnauthorized) parts.push('NOT checking certificates (http.proxyStrictSSL is off)');
  return parts.join('; ');
}

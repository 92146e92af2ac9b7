import * as vscode from 'vscode';
import type { ConnectionSettings, NetworkSettings } from '../bedrock/types';
import { resolveRegion, type RegionSource } from '../bedrock/region';
import { profileRegionSync } from '../bedrock/sharedFiles';
import { demoEndpoint, onDemoChange } from './demoConnection';
import { allowedApiKeyHosts, storedApiKey } from './secretKeys';

/** Every setting the extension reads, declared once, typed, with the defaults of package.json. */
export interface BedrockConfig {
  /** The Region in use: the setting, else AWS_REGION, AWS_DEFAULT_REGION, the profile's region, us-east-1. */
  region: string;
  regionSource: RegionSource;
  profile: string;
  endpoint: string;
  maxAttempts: number;
  retryMode: 'standard' | 'adaptive';
  requestTimeoutSeconds: number;
  defaultChatModel: string;
  defaultImageModel: string;
  rewriteModel: string;
  imageOutputFolder: string;
  /** Offer the Bedrock chat models to VS Code's language model API (src/lm). */
  'chatProvider.enabled': boolean;
  /** Model ids (`*` wildcards) or names kept out of VS Code's model list. */
  'chatProvider.hiddenModels': string[];
  /** Saved chats not changed for this many days are deleted at activation; 0 keeps them all. */
  'chats.keepDays': number;
}

const SECTION = 'bedrock';

export function readConfig(): BedrockConfig {
  const c = vscode.workspace.getConfiguration(SECTION);
  const profile = text(userValue(c, 'profile'), '');
  const { region, source: regionSource } = resolveRegion({
    setting: userSetRegion(c),
    env: process.env,
    // The profile the SDK would use: ours, else AWS_PROFILE, else default.
    profile: profile || process.env.AWS_PROFILE?.trim() || 'default',
    profileRegion: (p) => profileRegionSync(p),
  });
  return {
    // settings.json is hand-edited: a value of the wrong type falls back to the default rather than
    // throwing (a number has no trim()) or clamping to an extreme (a "30" timeout is not 1 second).
    region,
    regionSource,
    profile,
    endpoint: text(userValue(c, 'endpoint'), ''),
    maxAttempts: clampInt(c.get<unknown>('maxAttempts'), 3, 1, 10),
    retryMode: c.get<unknown>('retryMode', 'standard') === 'adaptive' ? 'adaptive' : 'standard',
    requestTimeoutSeconds: clampInt(c.get<unknown>('requestTimeoutSeconds'), 120, 1, 3600),
    defaultChatModel: text(c.get<unknown>('defaultChatModel'), ''),
    defaultImageModel: text(c.get<unknown>('defaultImageModel'), ''),
    rewriteModel: text(c.get<unknown>('rewriteModel'), ''),
    imageOutputFolder: text(c.get<unknown>('imageOutputFolder'), 'images') || 'images',
    'chatProvider.enabled': c.get<boolean>('chatProvider.enabled', true) !== false,
    'chatProvider.hiddenModels': stringList(c.get<unknown>('chatProvider.hiddenModels', [])),
    'chats.keepDays': clampInt(c.get<unknown>('chats.keepDays'), 0, 0, 36500),
  };
}

/** True when the endpoint is on this machine's loopback: our local Bedrock endpoint. */
export function isLocalEndpoint(endpoint: string): boolean {
  try {
    const host = new URL(endpoint).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  } catch {
    return false;
  }
}

/**
 * The settings that decide where Bedrock traffic goes and with which credentials. They are
 * application-scoped (package.json), so VS Code drops a workspace's values; they are also read from the
 * user settings only here, so a cloned repository's .vscode/settings.json can never set them.
 */
export const CONNECTION_SETTINGS = ['endpoint', 'profile', 'region'] as const;

/** A connection setting's value in the user settings; never the workspace's. */
function userValue(c: vscode.WorkspaceConfiguration, key: (typeof CONNECTION_SETTINGS)[number]): unknown {
  return c.inspect<unknown>(key)?.globalValue;
}

/**
 * `bedrock.region` when the user set it (package.json declares no default, so an unset Region can
 * come from the environment or the profile); a value of the wrong type is unset.
 */
function userSetRegion(c: vscode.WorkspaceConfiguration): string | undefined {
  const v = userValue(c, 'region');
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

export function connectionSettings(config: BedrockConfig = readConfig()): ConnectionSettings {
  const demo = demoEndpoint();
  // The demo answers for every profile and Region: the user's own settings stay as they are, unused.
  if (demo) {
    return {
      region: config.region, regionSource: config.regionSource, endpoint: demo, local: true, demo: true,
      maxAttempts: config.maxAttempts, retryMode: config.retryMode, requestTimeoutMs: config.requestTimeoutSeconds * 1000,
    };
  }
  return {
    region: config.region,
    regionSource: config.regionSource,
    profile: config.profile || undefined,
    endpoint: config.endpoint || undefined,
    maxAttempts: config.maxAttempts,
    retryMode: config.retryMode,
    requestTimeoutMs: config.requestTimeoutSeconds * 1000,
    local: config.endpoint ? isLocalEndpoint(config.endpoint) : false,
    apiKey: storedApiKey(),
    apiKeyHosts: allowedApiKeyHosts(),
    network: networkSettings(),
  };
}

/** VS Code's own proxy settings, which every client honours (src/bedrock/network.ts adds the environment's). */
export function networkSettings(): NetworkSettings {
  const http = vscode.workspace.getConfiguration('http');
  const proxy = http.get<unknown>('proxy');
  const noProxy = stringList(http.get<unknown>('noProxy', []));
  return {
    ...(typeof proxy === 'string' && proxy.trim() ? { proxy: proxy.trim() } : {}),
    ...(http.get<unknown>('proxyStrictSSL', true) === false ? { strictSSL: false } : {}),
    ...(noProxy.length ? { noProxy } : {}),
  };
}

/** Fires when where requests go may have changed: a `bedrock.*` setting, or the demo started or stopped. */
export function onConnectionChange(listener: () => void): vscode.Disposable {
  return vscode.Disposable.from(onConfigChange(() => listener()), onDemoChange(listener));
}

/** Fires when any `bedrock.*` setting changes. */
export function onConfigChange(listener: (e: vscode.ConfigurationChangeEvent) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(SECTION)) listener(e);
  });
}

/** Fires when VS Code's proxy settings (`http.proxy`, `http.proxyStrictSSL`, `http.noProxy`) change. */
export function onNetworkChange(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (['http.proxy', 'http.proxyStrictSSL', 'http.noProxy'].some((k) => e.affectsConfiguration(k))) listener();
  });
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function text(v: unknown, fallback: string): string {
  return typeof v === 'string' ? v.trim() : fallback;
}

/** A number setting: out of range is clamped; not a number at all (a string, NaN) is the default. */
function clampInt(v: unknown, fallback: number, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) return fallback;
  return Math.min(max, Math.max(min, Math.round(v)));
}

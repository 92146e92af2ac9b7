import * as vscode from 'vscode';
import type { ConnectionSettings } from './bedrock/types';

/** Every setting the extension reads, declared once, typed, with the defaults of package.json. */
export interface BedrockConfig {
  region: string;
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
}

const SECTION = 'bedrock';

export function readConfig(): BedrockConfig {
  const c = vscode.workspace.getConfiguration(SECTION);
  return {
    region: c.get<string>('region', 'us-east-1').trim() || 'us-east-1',
    profile: c.get<string>('profile', '').trim(),
    endpoint: c.get<string>('endpoint', '').trim(),
    maxAttempts: clampInt(c.get<number>('maxAttempts', 3), 1, 10),
    retryMode: c.get<string>('retryMode', 'standard') === 'adaptive' ? 'adaptive' : 'standard',
    requestTimeoutSeconds: clampInt(c.get<number>('requestTimeoutSeconds', 120), 1, 3600),
    defaultChatModel: c.get<string>('defaultChatModel', '').trim(),
    defaultImageModel: c.get<string>('defaultImageModel', '').trim(),
    rewriteModel: c.get<string>('rewriteModel', '').trim(),
    imageOutputFolder: c.get<string>('imageOutputFolder', 'images').trim() || 'images',
    'chatProvider.enabled': c.get<boolean>('chatProvider.enabled', true) !== false,
    'chatProvider.hiddenModels': stringList(c.get<unknown>('chatProvider.hiddenModels', [])),
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

export function connectionSettings(config: BedrockConfig = readConfig()): ConnectionSettings {
  return {
    region: config.region,
    profile: config.profile || undefined,
    endpoint: config.endpoint || undefined,
    maxAttempts: config.maxAttempts,
    retryMode: config.retryMode,
    requestTimeoutMs: config.requestTimeoutSeconds * 1000,
    local: config.endpoint ? isLocalEndpoint(config.endpoint) : false,
  };
}

/** Fires when any `bedrock.*` setting changes. */
export function onConfigChange(listener: (e: vscode.ConfigurationChangeEvent) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(SECTION)) listener(e);
  });
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function clampInt(v: number, min: number, max: number): number {
  if (!Number.isFinite(v)) return min;
  return Math.min(max, Math.max(min, Math.round(v)));
}

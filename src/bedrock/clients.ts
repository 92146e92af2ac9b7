import type { BedrockClient } from '@aws-sdk/client-bedrock';
import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { ConnectionSettings } from './types';
import { createRetryStrategy } from './retryEvents';
import { loadControlSdk, loadCredentialProviders, loadRuntimeSdk } from './sdk';
import { checkApiKeyHost, checkEndpoint } from './layerErrors';
import { checkRegion } from './region';
import { handlersFor } from './httpHandlers';

// The client factory: one runtime + control-plane client pair per distinct connection.
// The SDK is imported on first use, never at module load, so extension activation stays cheap.

export const DEFAULT_MAX_ATTEMPTS = 3;
export const DEFAULT_TIMEOUT_MS = 120_000;

/** The credentials used against our local endpoint, which checks no signature (a fresh object: the SDK annotates it). */
export const localCredentials: AwsCredentialIdentityProvider = async () => ({ accessKeyId: 'local', secretAccessKey: 'local' });

/** The environment variable holding a Bedrock API key; the SDK sends it as `Authorization: Bearer`. */
export const BEARER_TOKEN_ENV = 'AWS_BEARER_TOKEN_BEDROCK';

/** Where a bearer token comes from: the key kept in VS Code's secret storage, or the environment. */
export type BearerTokenOrigin = 'secretStorage' | 'env';

export type CredentialSource =
  | { kind: 'local' }
  | { kind: 'bearerToken'; origin: BearerTokenOrigin }
  | { kind: 'profile'; profile: string }
  | { kind: 'defaultChain' };

/**
 * Where the credentials come from, in the order they win: the local endpoint's stand-in keys (no
 * key or profile is ever sent to it); the API key kept by the extension; AWS_BEARER_TOKEN_BEDROCK
 * (the SDK picks bearer auth for every Bedrock call as soon as it is set, whatever the profile);
 * the profile; the default chain.
 */
export function credentialSource(settings: ConnectionSettings, env: NodeJS.ProcessEnv = process.env): CredentialSource {
  if (settings.local) return { kind: 'local' };
  if (settings.apiKey) return { kind: 'bearerToken', origin: 'secretStorage' };
  if (env[BEARER_TOKEN_ENV]) return { kind: 'bearerToken', origin: 'env' };
  if (settings.profile) return { kind: 'profile', profile: settings.profile };
  return { kind: 'defaultChain' };
}

/**
 * The SDK options that decide how Bedrock calls are authorized: the stored key as the bearer
 * token; SigV4 only for the local endpoint (so an API key in the environment is not sent to it
 * either); otherwise the SDK's own choice (bearer when AWS_BEARER_TOKEN_BEDROCK is set).
 */
function authOptions(s: ConnectionSettings): { authSchemePreference?: string[]; token?: () => Promise<{ token: string }> } {
  if (s.local) return { authSchemePreference: ['sigv4'] };
  const key = s.apiKey;
  if (key) return { authSchemePreference: ['httpBearerAuth'], token: async () => ({ token: key.reveal() }) };
  return {};
}

/** The values that require new clients when they change. */
export function connectionKey(s: ConnectionSettings): string {
  return JSON.stringify([
    s.region,
    s.profile ?? '',
    s.endpoint ?? '',
    s.controlEndpoint ?? '',
    s.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    s.retryMode ?? 'standard',
    s.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    s.local === true,
    s.apiKey?.fingerprint ?? '',
    s.network ?? {},
    [...(s.apiKeyHosts ?? [])].sort(),
  ]);
}

/**
 * The control-plane endpoint. A `bedrock-runtime` VPC endpoint only serves inference, so the
 * catalog then goes to the Region's public control plane unless one is given.
 */
export function controlEndpointFor(s: ConnectionSettings): string | undefined {
  if (s.controlEndpoint) return s.controlEndpoint;
  if (!s.endpoint) return undefined;
  try {
    if (new URL(s.endpoint).hostname.includes('bedrock-runtime')) return undefined;
  } catch {
    // Not a URL: hand it to the SDK, which reports it.
  }
  return s.endpoint;
}

/** Credentials for the connection; undefined lets the SDK run its own default chain. */
export async function credentialsFor(s: ConnectionSettings): Promise<AwsCredentialIdentity | AwsCredentialIdentityProvider | undefined> {
  if (s.local) return localCredentials;
  const { fromIni, fromNodeProviderChain } = await loadCredentialProviders();
  // fromIni resolves static keys, SSO (sso_session or legacy), assume-role (source_profile /
  // credential_source), credential_process and web identity profiles. ignoreCache re-reads the
  // files on every resolution, so `aws sso login` or an edited file is picked up without a reload.
  if (s.profile) return fromIni({ profile: s.profile, ignoreCache: true });
  return fromNodeProviderChain({ ignoreCache: true });
}

export interface ClientPair {
  runtime: BedrockRuntimeClient;
  control: BedrockClient;
  settings: ConnectionSettings;
}

/** Builds a fresh client pair for the settings; `log` hears how Bedrock is reached (proxy, CAs, HTTP version). */
export async function createClients(s: ConnectionSettings, log?: (line: string) => void): Promise<ClientPair> {
  checkRegion(s.region, s.regionSource);
  if (s.endpoint) checkEndpoint(s.endpoint);
  const controlEndpoint = controlEndpointFor(s);
  if (credentialSource(s).kind === 'bearerToken') {
    for (const e of [s.endpoint, controlEndpoint]) if (e) checkApiKeyHost(e, s.apiKeyHosts ?? []);
  }
  const [{ BedrockRuntimeClient }, { BedrockClient }, credentials] = await Promise.all([
    loadRuntimeSdk(),
    loadControlSdk(),
    credentialsFor(s),
  ]);
  const maxAttempts = s.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const requestTimeout = s.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retryMode = s.retryMode ?? 'standard';
  // requestTimeout is, on HTTP/2, the inactivity limit of one stream: a long answer that keeps
  // streaming is never cut, while a stalled one is.
  const handlers = await handlersFor(s, { requestTimeout, connectionTimeout: Math.min(requestTimeout, 10_000) });
  log?.(`Bedrock is reached ${handlers.description}.`);
  const common = {
    region: s.region,
    maxAttempts,
    ...(credentials ? { credentials } : {}),
    ...authOptions(s),
  };
  const runtime = new BedrockRuntimeClient({
    ...common,
    retryStrategy: await createRetryStrategy(maxAttempts, retryMode),
    ...(s.endpoint ? { endpoint: s.endpoint } : {}),
    requestHandler: handlers.http2,
  });
  const control = new BedrockClient({
    ...common,
    retryStrategy: await createRetryStrategy(maxAttempts, retryMode),
    ...(controlEndpoint ? { endpoint: controlEndpoint } : {}),
    requestHandler: handlers.http1,
  });
  return { runtime, control, settings: { ...s } };
}

/**
 * Keeps one client pair for the current connection. A pair replaced by new settings is
 * destroyed once the calls still using it have finished, so a settings change never cuts a
 * running stream.
 */
export class ClientCache {
  constructor(private readonly log?: (line: string) => void) {}

  private current?: { key: string; pair: Promise<ClientPair>; users: number; retired: boolean };

  /** Runs `fn` with the clients of `settings`; the pair stays alive until `fn` settles. */
  async use<T>(settings: ConnectionSettings, fn: (pair: ClientPair) => Promise<T>): Promise<T> {
    const entry = this.acquire(settings);
    try {
      return await fn(await entry.pair);
    } finally {
      this.release(entry);
    }
  }

  /** For streams that outlive the call that opened them: pair with release(). */
  acquire(settings: ConnectionSettings): { key: string; pair: Promise<ClientPair>; users: number; retired: boolean } {
    const key = connectionKey(settings);
    if (!this.current || this.current.key !== key) {
      this.retire();
      const pair = createClients(settings, this.log);
      this.current = { key, pair, users: 0, retired: false };
      // A failed creation (bad SDK load) must not stick.
      pair.catch(() => {
        if (this.current?.pair === pair) this.current = undefined;
      });
    }
    this.current.users++;
    return this.current;
  }

  release(entry: { pair: Promise<ClientPair>; users: number; retired: boolean }): void {
    entry.users--;
    if (entry.retired && entry.users <= 0) destroyPair(entry.pair);
  }

  /** Drops the current pair (destroyed when its last user is done). */
  retire(): void {
    const old = this.current;
    this.current = undefined;
    if (!old) return;
    old.retired = true;
    if (old.users <= 0) destroyPair(old.pair);
  }
}

function destroyPair(pair: Promise<ClientPair>): void {
  pair.then(
    (p) => {
      p.runtime.destroy();
      p.control.destroy();
    },
    () => undefined,
  );
}

// Shared set-up for the local endpoint's own tests: a server per suite and the REAL SDK clients.
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { ConfiguredRetryStrategy } from '@smithy/util-retry';
import { startLocalBedrock, type LocalBedrock } from '../../localBedrock/server';

export const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface Harness {
  server: LocalBedrock;
  runtime: BedrockRuntimeClient;
  control: BedrockClient;
  /** JSON request to a /_local route over HTTP/1.1 (Node's fetch). */
  local(method: string, route: string, body?: unknown): Promise<unknown>;
  requests(): Promise<{ operation: string; modelId?: string; body: Record<string, unknown>; attempt: number; protocol: string; time: string }[]>;
}

/** Starts a server before the suite and stops it after; clears faults, replies and the log between tests. */
export function useLocalBedrock(opts: { region?: string; maxAttempts?: number; retryDelayMs?: number } = {}): Harness {
  const h = {} as Harness;
  before(async () => {
    h.server = await startLocalBedrock({ port: 0 });
    const maxAttempts = opts.maxAttempts ?? 3;
    // A short fixed backoff keeps retry tests quick; the SDK still decides what to retry.
    const retry = opts.retryDelayMs === undefined ? { maxAttempts } : { retryStrategy: new ConfiguredRetryStrategy(maxAttempts, opts.retryDelayMs) };
    const common = { region: opts.region ?? 'us-east-1', endpoint: h.server.endpoint, credentials, ...retry };
    h.runtime = new BedrockRuntimeClient(common);
    h.control = new BedrockClient(common);
    h.local = async (method, route, body) => {
      const res = await fetch(`${h.server.controlEndpoint}/_local/${route}`, {
        method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
      });
      return res.json() as Promise<unknown>;
    };
    h.requests = () => h.local('GET', 'requests') as ReturnType<Harness['requests']>;
  });
  beforeEach(async () => {
    await h.local('DELETE', 'faults');
    await h.local('DELETE', 'reply');
    await h.local('DELETE', 'requests');
    await h.local('POST', 'config', { tokensPerSecond: 0 });
  });
  after(async () => {
    h.runtime?.destroy();
    h.control?.destroy();
    await h.server?.close();
  });
  return h;
}

/** Runs `fn` and returns the error it throws (fails the test when it does not throw). */
export async function rejection(fn: () => Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number; attempts?: number } }> {
  try {
    await fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the call to fail');
}

export const user = (text: string) => [{ role: 'user' as const, content: [{ text }] }];

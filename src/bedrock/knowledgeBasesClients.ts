// Clients of the two Knowledge Bases services, built like clients.ts builds the Bedrock pair:
// same credentials, retries and timeouts. The agent control plane (ListKnowledgeBases) is
// HTTP/1.1 like `bedrock`; the agent runtime (Retrieve, RetrieveAndGenerateStream) is HTTP/2
// like `bedrock-runtime`, one session per request as the SDK's own default has it.
import type { BedrockAgentClient } from '@aws-sdk/client-bedrock-agent';
import type { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import { connectionKey, credentialsFor, DEFAULT_MAX_ATTEMPTS, DEFAULT_TIMEOUT_MS } from './clients';
import { createRetryStrategy } from './retryEvents';
import { loadAgentRuntimeSdk, loadAgentSdk } from './sdk';
import type { ConnectionSettings } from './types';
import { checkRegion } from './region';
import { checkEndpoint } from './layerErrors';
import { handlersFor } from './httpHandlers';

export interface KnowledgeBaseClients {
  agent: BedrockAgentClient;
  agentRuntime: BedrockAgentRuntimeClient;
}

/**
 * The endpoint override for the agent services. An AWS service endpoint (a `bedrock-runtime`
 * or `bedrock` VPC endpoint) serves no knowledge-base call, so those go to the Region's own
 * endpoints; the local endpoint and other gateways serve them.
 */
export function agentEndpointFor(s: ConnectionSettings): string | undefined {
  if (!s.endpoint) return undefined;
  if (s.local) return s.endpoint;
  try {
    const host = new URL(s.endpoint).hostname;
    if (/(^|\.)bedrock(-runtime|-fips)?\./.test(host) || host.includes('bedrock-runtime')) return undefined;
  } catch {
    // Not a URL: hand it to the SDK, which reports it.
  }
  return s.endpoint;
}

export async function createKnowledgeBaseClients(s: ConnectionSettings): Promise<KnowledgeBaseClients> {
  checkRegion(s.region, s.regionSource);
  if (s.endpoint) checkEndpoint(s.endpoint);
  const [{ BedrockAgentClient }, { BedrockAgentRuntimeClient }, credentials] = await Promise.all([loadAgentSdk(), loadAgentRuntimeSdk(), credentialsFor(s)]);
  const maxAttempts = s.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const requestTimeout = s.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retryMode = s.retryMode ?? 'standard';
  const endpoint = agentEndpointFor(s);
  const common = { region: s.region, maxAttempts, ...(credentials ? { credentials } : {}), ...(endpoint ? { endpoint } : {}) };
  // requestTimeout is, on HTTP/2, the inactivity limit of one stream, so a long streamed answer is never cut.
  const handlers = await handlersFor({ ...s, endpoint }, { requestTimeout, connectionTimeout: Math.min(requestTimeout, 10_000) }, { disableConcurrentStreams: true });
  const agent = new BedrockAgentClient({
    ...common,
    retryStrategy: await createRetryStrategy(maxAttempts, retryMode),
    requestHandler: handlers.http1,
  });
  const agentRuntime = new BedrockAgentRuntimeClient({
    ...common,
    retryStrategy: await createRetryStrategy(maxAttempts, retryMode),
    requestHandler: handlers.http2,
  });
  return { agent, agentRuntime };
}

/** One pair of knowledge-base clients for the current connection, replaced when it changes. */
export class KnowledgeBaseClientCache {
  private current?: { key: string; clients: Promise<KnowledgeBaseClients>; users: number; retired: boolean };

  async use<T>(settings: ConnectionSettings, fn: (c: KnowledgeBaseClients) => Promise<T>): Promise<T> {
    const lease = await this.acquire(settings);
    try {
      return await fn(lease.clients);
    } finally {
      lease.release();
    }
  }

  /** For streams that outlive the call that opened them: the clients stay alive until release(). */
  async acquire(settings: ConnectionSettings): Promise<{ clients: KnowledgeBaseClients; release(): void }> {
    const key = connectionKey(settings);
    if (!this.current || this.current.key !== key) {
      this.retire();
      const clients = createKnowledgeBaseClients(settings);
      const created = { key, clients, users: 0, retired: false };
      this.current = created;
      clients.catch(() => { if (this.current === created) this.current = undefined; });
    }
    const entry = this.current;
    entry.users++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      entry.users--;
      if (entry.retired && entry.users <= 0) destroy(entry.clients);
    };
    try {
      return { clients: await entry.clients, release };
    } catch (err) {
      release();
      throw err;
    }
  }

  retire(): void {
    const old = this.current;
    this.current = undefined;
    if (!old) return;
    old.retired = true;
    if (old.users <= 0) destroy(old.clients);
  }
}

function destroy(p: Promise<KnowledgeBaseClients>): void {
  p.then((c) => { c.agent.destroy(); c.agentRuntime.destroy(); }, () => undefined);
}

// A client for the local Bedrock endpoint's test-control routes (/_local/...), for any test tier:
// plain Node (unit, e2e) and the extension host (integration) alike — it only needs fetch.
import type { LoggedRequest } from '../localBedrock/requestLog';

export type { LoggedRequest };

export type FaultKind =
  | 'throttle'
  | 'accessDenied'
  | 'serverError'
  | 'serviceUnavailable'
  | 'expiredToken'
  | 'dropAfterEvents'
  | 'streamException'
  | 'delayFirstEvent'
  | 'validation';

export interface FaultRequest {
  /** Operation name (ConverseStream, InvokeModel, ListFoundationModels, ...) or "*" (default). */
  operation?: string;
  fault: FaultKind;
  /** Requests it applies to (default 1; -1 = until cleared). */
  times?: number;
  afterEvents?: number;
  delayMs?: number;
  exception?: string;
  message?: string;
  /** Only requests for this model id (as invoked). */
  modelId?: string;
  /** validation: strikes only requests whose body has this dot path (e.g. "inferenceConfig.temperature"). */
  whenField?: string;
}

export class LocalBedrockControl {
  constructor(readonly endpoint: string) {}

  /** Every request the endpoint received since the last clearRequests(), oldest first. */
  requests(): Promise<LoggedRequest[]> {
    return this.call<LoggedRequest[]>('GET', 'requests');
  }

  /** The requests of one operation (e.g. "ConverseStream"). */
  async requestsFor(operation: string): Promise<LoggedRequest[]> {
    return (await this.requests()).filter((r) => r.operation === operation);
  }

  async clearRequests(): Promise<void> {
    await this.call('DELETE', 'requests');
  }

  async injectFault(fault: FaultRequest): Promise<void> {
    await this.call('POST', 'faults', fault);
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', 'faults');
  }

  /** The next `times` text replies are exactly `text` (hostile-output tests). */
  async setReply(text: string, times = 1): Promise<void> {
    await this.call('POST', 'reply', { text, times });
  }

  async clearReplies(): Promise<void> {
    await this.call('DELETE', 'reply');
  }

  /** Streaming speed; 0 = as fast as possible. */
  async setTokensPerSecond(tokensPerSecond: number): Promise<void> {
    await this.call('POST', 'config', { tokensPerSecond });
  }

  /** Back to a clean slate between tests: no faults, no queued replies, empty log, full speed. */
  async reset(): Promise<void> {
    await Promise.all([this.clearFaults(), this.clearReplies(), this.clearRequests(), this.setTokensPerSecond(0)]);
  }

  /** Polls the request log until `predicate` holds (requests arrive asynchronously to the UI). */
  async waitForRequest(predicate: (r: LoggedRequest) => boolean, timeoutMs = 15_000): Promise<LoggedRequest> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = (await this.requests()).find(predicate);
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`No matching request reached the local endpoint within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  private async call<T = unknown>(method: string, route: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.endpoint}/_local/${route}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} /_local/${route} → ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

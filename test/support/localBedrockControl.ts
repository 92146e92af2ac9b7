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

  /**
   * Holds every stream before its next event (new streams before their first) until release():
   * a test knows the answer is still unfinished, however slow the machine. A held stream whose
   * client goes away ends there (its log entry says `ended: 'clientClosed'`).
   */
  async hold(): Promise<void> {
    await this.call('POST', 'hold');
  }

  async release(): Promise<void> {
    await this.call('DELETE', 'hold');
  }

  /** Back to a clean slate between tests: no faults, no queued replies, empty log, full speed, nothing held. */
  async reset(): Promise<void> {
    await Promise.all([this.clearFaults(), this.clearReplies(), this.clearRequests(), this.setTokensPerSecond(0), this.release()]);
  }

  /**
   * Waits until `pick` finds something in the request log, re-reading the log each time it
   * changes (a request arrives, a stream sends its first token, is held or ends): the endpoint
   * answers a long poll on each change, so nothing here waits on a timer.
   */
  async waitForLog<T>(pick: (log: LoggedRequest[]) => T | undefined | false, what = 'a matching request', timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await fetch(`${this.endpoint}/_local/requests`);
      if (!res.ok) throw new Error(`GET /_local/requests → ${res.status}: ${await res.text()}`);
      const version = Number(res.headers.get('x-local-log-version'));
      const log = (await res.json()) as LoggedRequest[];
      const hit = pick(log);
      if (hit !== undefined && hit !== false) return hit;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what} in the local endpoint's request log (${log.length} requests: ${log.map((r) => r.operation).join(', ')})`);
      await this.call('GET', `requests/changes?after=${version}&timeoutMs=${Math.min(left, 10_000)}`);
    }
  }

  /** The first logged request that matches `predicate`, waiting for it to arrive. */
  waitForRequest(predicate: (r: LoggedRequest) => boolean, timeoutMs = 30_000): Promise<LoggedRequest> {
    return this.waitForLog((log) => log.find(predicate), 'a matching request', timeoutMs);
  }

  /** Waits until a logged answer matching `predicate` has ended (see LoggedRequest.ended), and returns its entry. */
  waitForEnd(predicate: (r: LoggedRequest) => boolean, timeoutMs = 30_000): Promise<LoggedRequest> {
    return this.waitForLog((log) => log.find((r) => predicate(r) && r.ended !== undefined), 'the end of a matching answer', timeoutMs);
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

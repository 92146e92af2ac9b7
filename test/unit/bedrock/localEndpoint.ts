// Test helper: one local Bedrock endpoint per suite, its /_local control routes, and services
// pointed at it. Every test leaves the endpoint as it found it (no faults, no log, full speed).
import { startLocalBedrock, type LocalBedrock } from '../../localBedrock/server';
import { LocalBedrockControl } from '../../support/localBedrockControl';
import { BedrockService } from '../../../src/bedrock/service';
import type { ConnectionSettings, ChatEvent, ModelRecord } from '../../../src/bedrock/types';

export interface LoggedRequest {
  operation: string;
  modelId?: string;
  body: unknown;
  time: string;
  attempt: number;
}

export interface Fault {
  operation: string;
  fault: 'throttle' | 'accessDenied' | 'serverError' | 'serviceUnavailable' | 'expiredToken' | 'dropAfterEvents' | 'streamException' | 'delayFirstEvent' | 'validation';
  times?: number;
  afterEvents?: number;
  delayMs?: number;
  exception?: string;
  message?: string;
  modelId?: string;
  whenField?: string;
}

const RUNTIME_OPERATIONS = new Set(['Converse', 'ConverseStream', 'InvokeModel', 'InvokeModelWithResponseStream']);

export class LocalControl {
  /** The control client every tier shares: waits on the request log, holds streams. */
  readonly shared: LocalBedrockControl;
  constructor(readonly lb: LocalBedrock) {
    this.shared = new LocalBedrockControl(lb.controlEndpoint);
  }

  private async call(method: string, route: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.lb.controlEndpoint}/_local/${route}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    const json = (await res.json()) as unknown;
    if (!res.ok) throw new Error(`/_local/${route}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  }

  requests(): Promise<LoggedRequest[]> {
    return this.call('GET', 'requests') as Promise<LoggedRequest[]>;
  }
  /** The requests of one operation, in arrival order. */
  async requestsOf(operation: string): Promise<LoggedRequest[]> {
    return (await this.requests()).filter((r) => r.operation === operation);
  }
  /** Inference requests only (the catalog calls left out), in arrival order. */
  async runtimeRequests(): Promise<LoggedRequest[]> {
    return (await this.requests()).filter((r) => RUNTIME_OPERATIONS.has(r.operation));
  }
  async reset(): Promise<void> {
    await Promise.all([this.call('DELETE', 'requests'), this.call('DELETE', 'faults'), this.call('DELETE', 'reply'), this.call('POST', 'config', { tokensPerSecond: 0 }), this.call('DELETE', 'hold')]);
  }
  /** The first request of `operation` to reach the endpoint, waiting for it (on log changes, not a timer). */
  waitForRequest(operation: string, timeoutMs?: number): Promise<LoggedRequest> {
    return this.shared.waitForRequest((r) => r.operation === operation, timeoutMs);
  }
  /** Holds every stream before its next event until release(). */
  hold(): Promise<void> {
    return this.shared.hold();
  }
  release(): Promise<void> {
    return this.shared.release();
  }
  async fault(f: Fault): Promise<void> {
    await this.call('POST', 'faults', f);
  }
  async rate(tokensPerSecond: number): Promise<void> {
    await this.call('POST', 'config', { tokensPerSecond });
  }
  async reply(text: string, times = 1): Promise<void> {
    await this.call('POST', 'reply', { text, times });
  }
}

/** Starts one endpoint for the enclosing mocha suite and resets it after each test. */
export function useLocalBedrock(): { readonly lb: LocalBedrock; readonly control: LocalControl } {
  const box: { lb?: LocalBedrock; control?: LocalControl } = {};
  before(async () => {
    box.lb = await startLocalBedrock({ port: 0 });
    box.control = new LocalControl(box.lb);
  });
  afterEach(async () => {
    await box.control?.reset();
  });
  after(async () => {
    await box.lb?.close();
  });
  return {
    get lb() {
      if (!box.lb) throw new Error('local endpoint not started');
      return box.lb;
    },
    get control() {
      if (!box.control) throw new Error('local endpoint not started');
      return box.control;
    },
  };
}

export function localSettings(lb: LocalBedrock, extra: Partial<ConnectionSettings> = {}): ConnectionSettings {
  return { region: 'us-east-1', endpoint: lb.endpoint, local: true, maxAttempts: 3, retryMode: 'standard', requestTimeoutMs: 20_000, ...extra };
}

/** A service for one test; call dispose() after. */
export function localService(lb: LocalBedrock, extra: Partial<ConnectionSettings> = {}): BedrockService {
  const settings = localSettings(lb, extra);
  return new BedrockService(() => settings);
}

export async function model(service: BedrockService, id: string): Promise<ModelRecord> {
  const m = await service.findModel(id);
  if (!m) throw new Error(`${id} is not in the local catalog`);
  return m;
}

/** Drains a chat, returning every event (and the error, if it threw). */
export async function collect(events: AsyncIterable<ChatEvent>): Promise<{ events: ChatEvent[]; error?: unknown }> {
  const out: ChatEvent[] = [];
  try {
    for await (const ev of events) out.push(ev);
    return { events: out };
  } catch (error) {
    return { events: out, error };
  }
}

export function textOf(events: ChatEvent[]): string {
  return events.map((e) => (e.type === 'text' ? e.text : '')).join('');
}

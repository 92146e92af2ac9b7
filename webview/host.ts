// The webview side of the playground protocol: requests with ids and their replies, streams of
// chunks, events from the host routed through a map of handlers that each tab registers into. Each
// call takes a method descriptor of src/protocol, which types its params and its result. Every
// message from the host is checked by the envelope guard and then by the method's guard (an
// event's params guard, a request's result guard).

import {
  type HostToWebview, type ProtocolError, type WebviewToHost, describeMessage, isHostToWebview,
} from '../src/protocol/envelope';
import type { EventType, NotificationType, RequestType, StreamType } from '../src/protocol/methods';
import type { Guard } from '../src/protocol/validate';
import { vscodeApi } from './vscodeApi';

export interface StreamHandlers {
  onChunk(delta: string, channel: 'text' | 'reasoning'): void;
  /** Called once: without error when the stream finished, with it when it failed or was cancelled. */
  onEnd(error?: ProtocolError): void;
}

export interface StreamHandle {
  readonly id: number;
  cancel(): void;
}

interface Pending { resolve(v: unknown): void; reject(e: Error): void; guard: Guard<unknown> }

export class RequestError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
    this.name = 'RequestError';
  }
}

export class HostConnection {
  // Ids continue across reloads of the document so a stream started before a reload cannot collide.
  private nextId = Date.now() % 1_000_000_000 * 1000 + 1;
  private readonly pending = new Map<number, Pending>();
  private readonly streams = new Map<number, StreamHandlers>();
  private readonly handlers = new Map<string, { guard: Guard<unknown>; handle: (p: unknown) => void }>();

  constructor(private readonly post: (m: WebviewToHost) => void = (m) => vscodeApi().postMessage(m)) {}

  /** Starts listening; says `ready` so the host sends what it held. */
  start(target: Window = window): void {
    target.addEventListener('message', (e: MessageEvent) => this.receive(e.data));
    this.post({ type: 'ready' });
  }

  /** Registers the handler of a host event (one per method). */
  on<P>(type: EventType<P>, handle: (params: P) => void): () => void {
    const { method } = type;
    if (this.handlers.has(method)) throw new Error(`Handler for ${method} already registered`);
    // The guard has accepted the params before `handle` is called.
    const entry = { guard: type.params, handle: (p: unknown) => handle(p as P) };
    this.handlers.set(method, entry);
    return () => { if (this.handlers.get(method) === entry) this.handlers.delete(method); };
  }

  /** Asks the host; resolves with the result once the request's result guard accepts it. */
  request<P, R>(type: RequestType<P, R>, params: NoInfer<P>): Promise<R> {
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      this.pending.set(id, { resolve: (v) => resolve(v as R), reject, guard: type.result });
      this.post({ type: 'request', id, method: type.method, params });
    });
  }

  stream<P>(type: StreamType<P>, params: NoInfer<P>, handlers: StreamHandlers): StreamHandle {
    const id = this.nextId++;
    this.streams.set(id, handlers);
    this.post({ type: 'request', id, method: type.method, params });
    return { id, cancel: () => this.cancel(id) };
  }

  /** Follows a stream started by an earlier document of this webview (the host said which id fills a turn). */
  attachStream(id: number, handlers: StreamHandlers): StreamHandle {
    this.streams.set(id, handlers);
    return { id, cancel: () => this.cancel(id) };
  }

  detachStream(id: number): void {
    this.streams.delete(id);
  }

  notify<P>(type: NotificationType<P>, params: NoInfer<P>): void {
    this.post({ type: 'notify', method: type.method, params });
  }

  cancel(id: number): void {
    this.post({ type: 'cancel', id });
  }

  /** Entry point for each message from the host. Never throws. */
  receive(raw: unknown): void {
    if (!isHostToWebview(raw)) {
      console.warn(`Playground: dropped a malformed message from the host ${describeMessage(raw)}`);
      return;
    }
    try {
      this.dispatch(raw);
    } catch (err) {
      console.error(`Playground: handling ${describeMessage(raw)} failed`, err);
    }
  }

  private dispatch(m: HostToWebview): void {
    switch (m.type) {
      case 'notify': {
        const h = this.handlers.get(m.method);
        if (!h) return console.warn(`Playground: no handler for ${m.method}`);
        if (!h.guard(m.params)) return console.warn(`Playground: dropped ${m.method} with malformed params`);
        h.handle(m.params);
        return;
      }
      case 'response': {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (m.error) p.reject(new RequestError(m.error.message, m.error.code));
        else if (!p.guard(m.result)) p.reject(new RequestError('The host sent a malformed reply', 'malformed'));
        else p.resolve(m.result);
        return;
      }
      case 'chunk':
        this.streams.get(m.id)?.onChunk(m.delta, m.channel ?? 'text');
        return;
      case 'end': {
        const s = this.streams.get(m.id);
        this.streams.delete(m.id);
        s?.onEnd(m.error);
        return;
      }
    }
  }
}

// The host side of the playground protocol: a map of handlers per method that any feature of the
// panel (chat, images...) registers into, each for a method descriptor of src/protocol (which
// types its params and its result). Every inbound message is validated by the envelope guard and
// then by the method's own guard; anything else is logged and dropped. Pure (no `vscode`): the
// panel gives it a `post` function and a logger, so it is unit-tested in Node.

import {
  type HostToWebview, type ProtocolError, describeMessage, isWebviewToHost, type RequestMessage,
} from '../protocol/envelope';
import type { NotificationType, RequestType, Returns, StreamType } from '../protocol/methods';
import type { Guard } from '../protocol/validate';

export interface RouterLogger {
  warn(message: string): void;
  error(message: string | Error, ...args: unknown[]): void;
}

export interface Disposable { dispose(): void }

export interface RequestContext {
  /** The request id chosen by the webview. */
  id: number;
  /** Aborted when the webview cancels this request or the panel closes. */
  signal: AbortSignal;
}

export interface StreamContext extends RequestContext {
  /** Posts new text of this stream (only text not sent before). */
  chunk(delta: string, channel?: 'text' | 'reasoning'): void;
}

/** Thrown by a handler to end a request or stream with a user-readable error. */
export class ProtocolFailure extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
    this.name = 'ProtocolFailure';
  }
}

type Entry =
  | { kind: 'request'; guard: Guard<unknown>; handle: (p: unknown, c: RequestContext) => unknown }
  | { kind: 'stream'; guard: Guard<unknown>; handle: (p: unknown, c: StreamContext) => Promise<void> }
  | { kind: 'notify'; guard: Guard<unknown>; handle: (p: unknown) => void | Promise<void> };

/** The abort reason of requests still running when the panel goes away (closed, or the window reloads). */
export const PANEL_CLOSED = 'The panel was closed.';

/** How many requests may be in flight at once; more are refused (a runaway webview cannot exhaust the host). */
const MAX_IN_FLIGHT = 256;

export class HostRouter {
  private readonly handlers = new Map<string, Entry>();
  private readonly inFlight = new Map<number, AbortController>();
  private readonly readyListeners = new Set<() => void>();
  private disposed = false;

  constructor(private readonly post: (message: HostToWebview) => void, private readonly logger: RouterLogger) {}

  /** A request answered by one response (the handler's return value, or its error). */
  onRequest<P, R>(type: RequestType<P, R>, handle: (params: P, ctx: RequestContext) => Returns<R>): Disposable {
    // The guard has accepted the params before `handle` is called.
    return this.add(type.method, { kind: 'request', guard: type.params, handle: (p, c) => handle(p as P, c) });
  }

  /** A request answered by chunks then one end (done when the handler resolves, error when it throws). */
  onStream<P>(type: StreamType<P>, handle: (params: P, ctx: StreamContext) => Promise<void>): Disposable {
    return this.add(type.method, { kind: 'stream', guard: type.params, handle: (p, c) => handle(p as P, c) });
  }

  /** A notification from the webview (no reply). */
  onNotify<P>(type: NotificationType<P>, handle: (params: P) => void | Promise<void>): Disposable {
    return this.add(type.method, { kind: 'notify', guard: type.params, handle: (p) => handle(p as P) });
  }

  /** Runs each time the webview (re)loads and says `ready`. */
  onReady(listener: () => void): Disposable {
    this.readyListeners.add(listener);
    return { dispose: () => this.readyListeners.delete(listener) };
  }

  /** Entry point for every message the webview posts. Never throws. */
  handle(raw: unknown): void {
    if (this.disposed) return;
    try {
      this.dispatch(raw);
    } catch (err) {
      this.logger.error(`Playground: handling ${describeMessage(raw)} failed`, err);
    }
  }

  /** Aborts every request in flight (panel closed). */
  dispose(): void {
    this.disposed = true;
    for (const c of this.inFlight.values()) c.abort(PANEL_CLOSED);
    this.inFlight.clear();
    this.handlers.clear();
    this.readyListeners.clear();
  }

  get requestsInFlight(): number {
    return this.inFlight.size;
  }

  private add(method: string, entry: Entry): Disposable {
    if (this.handlers.has(method)) throw new Error(`Playground method ${method} is already registered`);
    this.handlers.set(method, entry);
    return { dispose: () => { if (this.handlers.get(method) === entry) this.handlers.delete(method); } };
  }

  private dispatch(raw: unknown): void {
    if (!isWebviewToHost(raw)) {
      this.logger.warn(`Playground: dropped a malformed message ${describeMessage(raw)}`);
      return;
    }
    switch (raw.type) {
      case 'ready':
        for (const l of [...this.readyListeners]) {
          try { l(); } catch (err) { this.logger.error('Playground: ready listener failed', err); }
        }
        return;
      case 'cancel':
        this.inFlight.get(raw.id)?.abort();
        return;
      case 'notify': {
        const entry = this.handlers.get(raw.method);
        if (entry?.kind !== 'notify' || !entry.guard(raw.params)) {
          this.logger.warn(`Playground: dropped notification ${describeMessage(raw)} (unknown method or bad params)`);
          return;
        }
        Promise.resolve()
          .then(() => entry.handle(raw.params))
          .catch((err: unknown) => this.logger.error(`Playground: ${raw.method} failed`, err));
        return;
      }
      case 'request':
        this.startRequest(raw);
        return;
    }
  }

  private startRequest(msg: RequestMessage): void {
    const { id, method } = msg;
    const entry = this.handlers.get(method);
    const fail = (error: ProtocolError) => this.post({ type: 'response', id, error });
    if (!entry || entry.kind === 'notify') {
      this.logger.warn(`Playground: dropped request for unknown method ${describeMessage(msg)}`);
      return fail({ message: `Unknown method ${method}`, code: 'unknownMethod' });
    }
    if (!entry.guard(msg.params)) {
      this.logger.warn(`Playground: dropped ${method} with malformed params`);
      return entry.kind === 'stream' ? this.post({ type: 'end', id, error: { message: 'Malformed request', code: 'malformed' } }) : fail({ message: 'Malformed request', code: 'malformed' });
    }
    if (this.inFlight.has(id) || this.inFlight.size >= MAX_IN_FLIGHT) {
      this.logger.warn(`Playground: refused ${method} #${id} (duplicate id or too many requests in flight)`);
      return entry.kind === 'stream' ? this.post({ type: 'end', id, error: { message: 'Busy', code: 'busy' } }) : fail({ message: 'Busy', code: 'busy' });
    }
    if (entry.kind === 'stream') {
      this.runStream(method, id, (ctx) => entry.handle(msg.params, ctx));
      return;
    }
    const controller = new AbortController();
    this.inFlight.set(id, controller);
    const finish = () => { if (this.inFlight.get(id) === controller) this.inFlight.delete(id); };
    Promise.resolve()
      .then(() => entry.handle(msg.params, { id, signal: controller.signal }))
      .then(
        (result) => { if (!this.disposed) this.post({ type: 'response', id, result }); },
        (err: unknown) => { if (!this.disposed) fail(this.toError(method, err)); },
      )
      .finally(finish);
  }

  /**
   * A stream the host starts itself (a prompt sent from a command): same chunks, end and cancel as a
   * webview's stream, under an id from a range the webview never uses. Returns the id.
   */
  startHostStream<P>(type: StreamType<P>, handle: (ctx: StreamContext) => Promise<void>): number {
    const id = this.nextHostId++;
    this.runStream(type.method, id, handle);
    return id;
  }

  private nextHostId = 2 ** 52;

  private runStream(method: string, id: number, handle: (ctx: StreamContext) => Promise<void>): void {
    const controller = new AbortController();
    this.inFlight.set(id, controller);
    const finish = () => { if (this.inFlight.get(id) === controller) this.inFlight.delete(id); };
    const chunk = (delta: string, channel?: 'text' | 'reasoning') => {
      if (!this.disposed && delta) this.post(channel && channel !== 'text' ? { type: 'chunk', id, delta, channel } : { type: 'chunk', id, delta });
    };
    Promise.resolve()
      .then(() => handle({ id, signal: controller.signal, chunk }))
      .then(
        () => { if (!this.disposed) this.post({ type: 'end', id, done: true }); },
        (err: unknown) => { if (!this.disposed) this.post({ type: 'end', id, error: this.toError(method, err) }); },
      )
      .finally(finish);
  }

  private toError(method: string, err: unknown): ProtocolError {
    if (err instanceof ProtocolFailure) return err.code ? { message: err.message, code: err.code } : { message: err.message };
    this.logger.error(`Playground: ${method} failed`, err);
    return { message: err instanceof Error ? err.message : String(err) };
  }
}

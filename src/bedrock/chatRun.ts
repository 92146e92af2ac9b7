import type { ChatEvent } from './types';
import { abortError } from './layerErrors';

// The async iterator behind chat(): a hand-written state machine rather than an async generator,
// so each streamed event costs one SDK pull and one event object, with no extra awaits or queues
// on the hot path. Before the stream opens it hands out the request event and any retry events
// the SDK announces while it backs off.

export class StreamInterruptedError extends Error {
  override readonly name = 'StreamInterruptedError';
}

/** The HTTP/2 handler ends a stream that stalls past requestTimeout without an error: we name it. */
export class StreamTimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/** Maps one SDK stream item to at most one event; extra events go through run.later(). */
export type StreamMapper<T> = (item: T, run: ChatRun) => ChatEvent | undefined;

export type Opened =
  | { kind: 'events'; events: ChatEvent[]; serverLatencyMs?: number }
  | { kind: 'stream'; source: AsyncIterator<unknown>; map: StreamMapper<unknown> };

export interface Prepared {
  /** The {type:'request'} event: the exact request, adjustments, chosen id. */
  request: ChatEvent;
  /** Sends the request; `onRetry` receives retry events while the SDK retries. */
  open(signal: AbortSignal, onRetry: (ev: ChatEvent) => void): Promise<Opened>;
  /** Called once when the run ends, however it ends (releases the clients). */
  dispose?(): void;
  /**
   * When open() fails with a refusal that names what to change: the corrected request, sent once
   * (its own `correct` is never called, so a run corrects at most once). Undefined: the error stands.
   */
  correct?(error: unknown): Prepared | undefined;
}

type State = 'idle' | 'opening' | 'streaming' | 'done';

export class ChatRun implements AsyncIterableIterator<ChatEvent> {
  /** Reported by the stream's metadata; ends up in the metrics event. */
  serverLatencyMs: number | undefined;
  private state: State = 'idle';
  private readonly queue: ChatEvent[] = [];
  private readonly controller = new AbortController();
  private source: AsyncIterator<unknown> | undefined;
  private map: StreamMapper<unknown> | undefined;
  private wake: (() => void) | undefined;
  private failure: { error: unknown } | undefined;
  private prepared: Prepared | undefined;
  private startedAt = 0;
  private lastItemAt = 0;
  private firstTokenAt: number | undefined;
  private stopSeen = false;
  private readonly onAbort = () => this.controller.abort(this.signal?.reason);

  constructor(
    private readonly prepare: () => Prepared,
    private readonly signal: AbortSignal | undefined,
    /** The inactivity limit the HTTP/2 handler enforces, to tell a stall from a cut. */
    private readonly inactivityTimeoutMs?: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Queues an event to be handed out before the next pull from the stream. */
  later(ev: ChatEvent): void {
    this.queue.push(ev);
  }

  next(): Promise<IteratorResult<ChatEvent>> {
    if (this.queue.length > 0) return Promise.resolve(this.yieldEvent(this.queue.shift()!));
    if (this.failure) {
      const { error } = this.failure;
      this.failure = undefined;
      return Promise.reject(error);
    }
    switch (this.state) {
      case 'streaming':
        return this.pull();
      case 'opening':
        return this.waitForOpen();
      case 'idle':
        return this.start();
      default:
        return Promise.resolve({ value: undefined, done: true });
    }
  }

  /** The consumer stopped early (break / return): end the HTTP/2 stream too. */
  return(): Promise<IteratorResult<ChatEvent>> {
    this.finish(true);
    this.source?.return?.().catch(() => undefined);
    return Promise.resolve({ value: undefined, done: true });
  }

  private start(): Promise<IteratorResult<ChatEvent>> {
    if (this.signal?.aborted) return this.fail(abortError(this.signal));
    this.startedAt = this.now();
    // The SDK may hold the response back until the first event arrives: count quiet from the start.
    this.lastItemAt = this.startedAt;
    let prepared: Prepared;
    try {
      prepared = this.prepare();
      this.prepared = prepared;
    } catch (err) {
      return this.fail(err);
    }
    this.signal?.addEventListener('abort', this.onAbort, { once: true });
    this.state = 'opening';
    this.openOnce(prepared).then(
      (opened) => {
        if (this.state !== 'opening') {
          if (opened.kind === 'stream') opened.source.return?.().catch(() => undefined);
          return;
        }
        if (opened.kind === 'events') {
          this.serverLatencyMs = opened.serverLatencyMs;
          for (const ev of opened.events) this.queue.push(this.track(ev));
          this.queue.push(this.metrics());
          this.state = 'done';
          this.detach();
          this.disposePrepared();
        } else {
          this.source = opened.source;
          this.map = opened.map;
          this.state = 'streaming';
        }
        this.wakeUp();
      },
      (err: unknown) => {
        this.failure = { error: this.controller.signal.aborted ? abortError(this.signal) : err };
        this.finish(false);
        this.wakeUp();
      },
    );
    return Promise.resolve({ value: prepared.request, done: false });
  }

  /** Opens the request; a refusal the request can be corrected for is answered by one corrected request. */
  private openOnce(prepared: Prepared): Promise<Opened> {
    const signal = this.controller.signal;
    const onRetry = (ev: ChatEvent) => this.announce(ev);
    return prepared.open(signal, onRetry).catch((err: unknown) => {
      const next = signal.aborted || this.state !== 'opening' ? undefined : prepared.correct?.(err);
      if (!next) throw err;
      // The same clients serve the corrected request: it takes over the one release.
      this.prepared = { ...next, ...(prepared.dispose ? { dispose: prepared.dispose } : {}) };
      this.announce(next.request);
      return next.open(signal, onRetry);
    });
  }

  private announce(ev: ChatEvent): void {
    if (this.state !== 'opening') return;
    this.queue.push(ev);
    this.wakeUp();
  }

  private wakeUp(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  private waitForOpen(): Promise<IteratorResult<ChatEvent>> {
    return new Promise<void>((resolve) => {
      this.wake = resolve;
    }).then(() => this.next());
  }

  private pull(): Promise<IteratorResult<ChatEvent>> {
    return this.source!.next().then(this.onItem, this.onError);
  }

  private readonly onItem = (r: IteratorResult<unknown>): IteratorResult<ChatEvent> | Promise<IteratorResult<ChatEvent>> => {
    if (this.controller.signal.aborted) return this.fail(abortError(this.signal));
    if (r.done) {
      if (!this.stopSeen) return this.fail(this.endedEarly());
      this.finish(false);
      return { value: this.metrics(), done: false };
    }
    this.lastItemAt = this.now();
    const ev = this.map!(r.value, this);
    if (ev !== undefined) return this.yieldEvent(ev);
    // An item that carries nothing for the caller (block start/stop): pull the next one.
    return this.queue.length > 0 ? this.yieldEvent(this.queue.shift()!) : this.pull();
  };

  private endedEarly(): Error {
    const quiet = this.now() - this.lastItemAt;
    if (this.inactivityTimeoutMs !== undefined && quiet >= this.inactivityTimeoutMs * 0.9) {
      return new StreamTimeoutError(`The model sent nothing for ${(quiet / 1000).toFixed(1)} s, as long as the request timeout allows; the stream was closed.`);
    }
    return new StreamInterruptedError('The response stream ended before the model finished its answer.');
  }

  private readonly onError = (err: unknown): Promise<IteratorResult<ChatEvent>> =>
    this.fail(this.controller.signal.aborted ? abortError(this.signal) : cutOff(err));

  private yieldEvent(ev: ChatEvent): IteratorResult<ChatEvent> {
    return { value: this.track(ev), done: false };
  }

  private track(ev: ChatEvent): ChatEvent {
    if (this.firstTokenAt === undefined && (ev.type === 'text' || ev.type === 'reasoning')) this.firstTokenAt = this.now();
    else if (ev.type === 'stop') this.stopSeen = true;
    return ev;
  }

  private metrics(): ChatEvent {
    const end = this.now();
    return {
      type: 'metrics',
      timeToFirstTokenMs: this.firstTokenAt === undefined ? undefined : Math.round(this.firstTokenAt - this.startedAt),
      totalLatencyMs: Math.round(end - this.startedAt),
      ...(this.serverLatencyMs !== undefined ? { serverLatencyMs: this.serverLatencyMs } : {}),
    };
  }

  private fail(err: unknown): Promise<never> {
    this.finish(true);
    return Promise.reject(err);
  }

  /** `endStream`: the stream may still be open (failure, early return), so abort it. */
  private finish(endStream: boolean): void {
    if (this.state === 'done') return;
    this.state = 'done';
    this.detach();
    if (endStream && !this.controller.signal.aborted) this.controller.abort();
    this.disposePrepared();
  }

  private disposePrepared(): void {
    const p = this.prepared;
    this.prepared = undefined;
    p?.dispose?.();
  }

  private detach(): void {
    this.signal?.removeEventListener('abort', this.onAbort);
  }
}

/**
 * A transport failure once the response stream was open (an HTTP/2 stream reset, a dropped
 * socket) means the endpoint was reached and the answer was cut off: not "cannot reach the
 * endpoint". Modelled in-stream exceptions (they carry `$fault`) pass through unchanged.
 */
function cutOff(err: unknown): unknown {
  if (!(err instanceof Error) || '$fault' in err) return err;
  const code = (err as { code?: unknown }).code;
  const transport = (typeof code === 'string' && /^(ERR_HTTP2_|ECONNRESET$|EPIPE$|ECONNABORTED$|UND_ERR_SOCKET$)/.test(code))
    || /stream closed with error code|abnormally aborted|socket hang up|aborted/i.test(err.message);
  if (!transport || err.name === 'AbortError') return err;
  const cut = new StreamInterruptedError(`The connection closed before the model finished its answer (${err.message}).`);
  (cut as Error & { cause?: unknown }).cause = err;
  return cut;
}

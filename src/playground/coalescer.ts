// Coalesces stream deltas into about one message per animation frame. The first delta after a
// quiet spell goes out at once (no added latency when tokens arrive slower than frames); deltas
// arriving faster are joined and sent when the frame interval has passed, so a fast stream costs
// ~60 postMessage calls a second whatever its token rate. Only new text is ever sent.

export interface CoalescerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: CoalescerClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

// 17 ms rather than 16: at most ~59 messages a second, under a 60 Hz display's frame rate.
export const FRAME_MS = 17;

export class DeltaCoalescer {
  private pending: string[] = [];
  private timer: unknown;
  private last = -Infinity;

  constructor(
    private readonly emit: (text: string) => void,
    private readonly intervalMs = FRAME_MS,
    private readonly clock: CoalescerClock = realClock,
  ) {}

  push(text: string): void {
    if (!text) return;
    this.pending.push(text);
    if (this.timer === undefined) this.schedule();
  }

  private schedule(): void {
    const wait = this.last + this.intervalMs - this.clock.now();
    if (wait <= 0) this.flush();
    // Node measures a timer from the event loop's cached time, which may be a little behind
    // now(): a timer can fire early, so it checks the interval again (else ~64 messages a second).
    else this.timer = this.clock.setTimeout(() => { this.timer = undefined; this.schedule(); }, wait);
  }

  /** Sends what is pending now (end of stream, or before a status change that must follow the text). */
  flush(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (!this.pending.length) return;
    const text = this.pending.length === 1 ? this.pending[0]! : this.pending.join('');
    this.pending = [];
    this.last = this.clock.now();
    this.emit(text);
  }

  /** Drops what is pending (the receiver will get the full text another way). */
  discard(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
  }

  get hasPending(): boolean {
    return this.pending.length > 0;
  }
}

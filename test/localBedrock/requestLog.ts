// Every request the endpoint received, for tests to assert on what the SDK actually sent.

export interface LoggedRequest {
  operation: string;
  /** Decoded model id / profile id / ARN, when the operation has one. */
  modelId?: string;
  /** Parsed JSON body (images replaced by a "<N bytes>" note), or the query for GETs. */
  body: unknown;
  /** ISO time it arrived. */
  time: string;
  /**
   * When it arrived, in epoch ms with a fraction (performance.timeOrigin + performance.now()): the
   * common clock of a benchmark that times answers from the endpoint to the screen.
   */
  receivedAt: number;
  /** The SDK's attempt number from `amz-sdk-request: attempt=N; max=M` (1 when absent). */
  attempt: number;
  protocol: string;
  /**
   * Streams: when the first event carrying text (or reasoning) was written, in epoch ms with a
   * fraction (performance.timeOrigin + performance.now()), so a benchmark on the same machine can
   * time the first token from the endpoint to the screen.
   */
  firstTokenSentAt?: number;
  /**
   * How the answer ended, once it has. Streams always say: `completed` (every event sent),
   * `clientClosed` (the client went away first, e.g. a cancelled request), `dropped` / `exception`
   * (a stream fault). Other answers say so only when the client went away before the answer was
   * sent (`clientClosed`) or a fault dropped it (`dropped`).
   */
  ended?: 'completed' | 'clientClosed' | 'dropped' | 'exception';
  /** The HTTP status the endpoint answered with (for CloudWatch's metrics of what it served). */
  status?: number;
  /** From arrival to the last byte of the answer, ms (CloudWatch's InvocationLatency). */
  latencyMs?: number;
  /** Tokens of an answer, as its usage said (CloudWatch's InputTokenCount / OutputTokenCount). */
  usage?: { inputTokens: number; outputTokens: number };
  /** Images an image model returned (CloudWatch's OutputImageCount). */
  images?: number;
  /** True while the answer waits on a hold (POST /_local/hold): a stream before its next event, another response before it is sent. */
  held?: boolean;
}

const BASE64_FIELDS = new Set(['bytes', 'image', 'inputImage', 'base64', 'images', 'conditionImage', 'maskImage']);

/** Replaces image payloads by their length so the log stays small and readable. */
export function elideImages(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return BASE64_FIELDS.has(key) && value.length > 64 ? `<${value.length} chars>` : value;
  if (Array.isArray(value)) return value.map((v) => elideImages(v, key));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = elideImages(v, k);
    return out;
  }
  return value;
}

export function parseAttempt(header: string | undefined): number {
  const m = /attempt=(\d+)/.exec(header ?? '');
  return m ? Number(m[1]) : 1;
}

/**
 * The log, and a version that moves on each change a test may wait for (a request logged, a stream's
 * first token, hold or end, the log cleared), so tests wait for a change instead of polling on a timer.
 */
export class RequestLog {
  private entries: LoggedRequest[] = [];
  private changes = 0;
  private readonly waiters = new Set<() => void>();

  add(e: LoggedRequest): void {
    this.entries.push(e);
    if (this.entries.length > 5000) this.entries.shift();
    this.changed();
  }
  list(): LoggedRequest[] { return this.entries; }
  clear(): void {
    this.entries = [];
    this.changed();
  }

  get version(): number { return this.changes; }

  /** An entry was updated in place (first token, held, stream end). */
  changed(): void {
    this.changes++;
    for (const wake of [...this.waiters]) wake();
  }

  /**
   * Resolves with the version once it is past `after`, at once if it already is; after `timeoutMs`
   * with the version unchanged; or when `gone` fires (the client went away).
   */
  nextChange(after: number, timeoutMs: number, gone?: (l: () => void) => void): Promise<number> {
    if (this.changes > after) return Promise.resolve(this.changes);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(this.changes);
      };
      const timer = setTimeout(wake, timeoutMs);
      this.waiters.add(wake);
      gone?.(wake);
    });
  }
}

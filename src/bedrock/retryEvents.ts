import { AsyncLocalStorage } from 'node:async_hooks';
import type { RetryErrorInfo, RetryStrategyV2, StandardRetryBackoffStrategy, StandardRetryToken } from '@smithy/types';
import { loadRetrySdk } from './sdk';

// Makes the SDK's retries visible to whoever started the call, while they happen.
// The SDK decides and sleeps inside its retry strategy, which knows nothing of the call that
// triggered it; the call's listener therefore travels in an AsyncLocalStorage that the
// strategy (shared by every call of a client) reads when it decides to retry.

export interface RetryNotice {
  /** The attempt about to be made (2 for the first retry). */
  attempt: number;
  maxAttempts: number;
  /** How long the SDK waits before that attempt. */
  delayMs: number;
  /** The error that caused the retry. */
  error: unknown;
}

export type RetryListener = (notice: RetryNotice) => void;

interface CallScope {
  listener: RetryListener;
  /** The failure being considered, set just before the SDK computes its backoff. */
  pending?: RetryErrorInfo;
}

const scope = new AsyncLocalStorage<CallScope>();

/** Runs `fn` (which sends one command) so that every retry of it is reported to `listener`. */
export function withRetryListener<T>(listener: RetryListener, fn: () => Promise<T>): Promise<T> {
  return scope.run({ listener }, fn);
}

/** The SDK's exponential backoff with full jitter (same formula), announcing each delay it picks. */
class AnnouncingBackoff implements StandardRetryBackoffStrategy {
  private base = 100;
  constructor(private readonly maxAttempts: number, private readonly maxDelayMs: number) {}
  setDelayBase(delayBase: number): void {
    this.base = delayBase;
  }
  computeNextBackoffDelay(retryCount: number): number {
    const delay = Math.floor(Math.random() * Math.min(this.base * 2 ** retryCount, this.maxDelayMs));
    const call = scope.getStore();
    if (call?.pending) {
      const info = call.pending;
      call.pending = undefined;
      let announced = delay;
      // The strategy stretches the delay to honour Retry-After the same way.
      if (info.retryAfterHint instanceof Date) {
        announced = Math.max(delay, Math.min(info.retryAfterHint.getTime() - Date.now(), delay + 5_000));
      }
      call.listener({ attempt: retryCount + 2, maxAttempts: this.maxAttempts, delayMs: Math.max(0, announced), error: info.error });
    }
    return delay;
  }
}

/** Wraps a strategy so the backoff knows which failure it is answering. */
class AnnouncingStrategy implements RetryStrategyV2 {
  constructor(private readonly inner: RetryStrategyV2) {}
  acquireInitialRetryToken(scopeName: string) {
    return this.inner.acquireInitialRetryToken(scopeName);
  }
  refreshRetryTokenForRetry(token: StandardRetryToken, errorInfo: RetryErrorInfo) {
    const call = scope.getStore();
    if (call) call.pending = errorInfo;
    return this.inner.refreshRetryTokenForRetry(token, errorInfo);
  }
  recordSuccess(token: StandardRetryToken): void {
    this.inner.recordSuccess(token);
  }
}

/** Builds the SDK's own standard or adaptive strategy, with announced retries. */
export async function createRetryStrategy(maxAttempts: number, mode: 'standard' | 'adaptive'): Promise<RetryStrategyV2> {
  const { StandardRetryStrategy, AdaptiveRetryStrategy, Retry, MAXIMUM_RETRY_DELAY } = await loadRetrySdk();
  const backoff = new AnnouncingBackoff(maxAttempts, MAXIMUM_RETRY_DELAY);
  const options = { maxAttempts, baseDelay: Retry.delay(), backoff };
  const inner = mode === 'adaptive' ? new AdaptiveRetryStrategy(maxAttempts, options) : new StandardRetryStrategy(options);
  return new AnnouncingStrategy(inner);
}

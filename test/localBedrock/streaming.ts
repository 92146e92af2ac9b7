// Writes an event stream frame by frame: pacing by tokens per second, and the stream faults
// (delay before the first event, a dropped connection, an in-stream exception after K events).
// A non-streaming answer takes as long as the same answer streams (generationWait): a model
// generates its tokens at the same rate whether the client streams them or waits for all of them.
import { randomUUID } from 'node:crypto';
import { exceptionFrame } from './eventStream';
import type { Fault } from './faults';
import type { LoggedRequest } from './requestLog';
import type { EndpointState } from './state';
import type { Exchange } from './transport';

/** One event to send; `tokens` is how many output tokens it carries (for pacing). */
export interface PlannedEvent { frame: () => Uint8Array; tokens: number }

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * The model's clock at the endpoint's rate (tokens per second, read at each step so a rate set
 * mid-answer applies to the next tokens): `generated(n)` returns once n more tokens would have been
 * generated. It keeps a schedule rather than sleeping n / rate each time, so timer lateness (a timer
 * fires a millisecond or more late, far more on a busy machine) does not add up over a long answer.
 */
export class TokenClock {
  private due = performance.now();
  constructor(private readonly state: EndpointState) {}

  /** Time spent not generating (a hold, a delay fault) does not count: the schedule starts again from now. */
  restart(): void { this.due = performance.now(); }

  async generated(tokens: number): Promise<void> {
    const rate = this.state.tokensPerSecond;
    if (rate <= 0) {
      this.restart();
      return;
    }
    if (tokens <= 0) return;
    this.due += (tokens / rate) * 1000;
    const wait = this.due - performance.now();
    if (wait > 0) await sleep(wait);
  }
}

export async function sendEventStream(ex: Exchange, events: PlannedEvent[], fault: Fault | undefined, state: EndpointState, headers: Record<string, string> = {}, logged?: LoggedRequest): Promise<void> {
  const ended = (how: NonNullable<LoggedRequest['ended']>) => endAnswer(state, logged, how);
  ex.respond(200, { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': randomUUID(), ...headers });
  if (fault?.fault === 'delayFirstEvent') await sleep(fault.delayMs);
  const clock = new TokenClock(state);
  for (let i = 0; i <= events.length; i++) {
    if (state.held) {
      await holdStream(ex, state, logged);
      clock.restart();
    }
    if (ex.closed) return ended('clientClosed');
    if (fault && i === Math.min(fault.afterEvents, events.length)) {
      if (fault.fault === 'dropAfterEvents') { ex.abort(); return ended('dropped'); }
      if (fault.fault === 'streamException') {
        await ex.write(exceptionFrame(fault.exception, fault.message ?? 'The model encountered an error while streaming the response.'));
        ex.end();
        return ended('exception');
      }
    }
    const ev = events[i];
    if (!ev) break;
    if (logged && ev.tokens > 0 && logged.firstTokenSentAt === undefined) {
      logged.firstTokenSentAt = performance.timeOrigin + performance.now();
      state.log.changed();
    }
    await ex.write(ev.frame());
    await clock.generated(ev.tokens);
  }
  ex.end();
  ended('completed');
}

/** Waits while answers are held (POST /_local/hold), or until the client goes away; the log says so. */
async function holdStream(ex: Exchange, state: EndpointState, logged: LoggedRequest | undefined): Promise<void> {
  if (logged) {
    logged.held = true;
    state.log.changed();
  }
  await Promise.race([state.whenReleased(), new Promise<void>((resolve) => { if (ex.closed) resolve(); else ex.onClose(resolve); })]);
  if (logged) {
    delete logged.held;
    state.log.changed();
  }
}

/**
 * Non-streaming responses honour delayFirstEvent (as a slow response) and dropAfterEvents (as a
 * reset), and wait while responses are held (POST /_local/hold).
 */
export async function beforeSingleResponse({ ex, fault, state, logged }: { ex: Exchange; fault: Fault | undefined; state: EndpointState; logged?: LoggedRequest }): Promise<boolean> {
  if (fault?.fault === 'delayFirstEvent') await sleep(fault.delayMs);
  if (state.held) await holdStream(ex, state, logged);
  if (fault?.fault === 'dropAfterEvents') {
    ex.abort();
    endAnswer(state, logged, 'dropped');
    return false;
  }
  if (ex.closed) {
    endAnswer(state, logged, 'clientClosed');
    return false;
  }
  return true;
}

/**
 * A non-streaming text answer of `outputTokens` is sent when its last token would have been
 * generated at the endpoint's rate, i.e. when the same answer, streamed, would have ended (call it
 * after beforeSingleResponse). False when the client went away meanwhile (the log says so).
 * Source: none found. AWS documents no timing for InvokeModel; this is inferred from a model
 * generating its tokens one after another whichever API returns them.
 */
export async function generationWait({ ex, state, logged }: { ex: Exchange; state: EndpointState; logged?: LoggedRequest }, outputTokens: number): Promise<boolean> {
  await new TokenClock(state).generated(outputTokens);
  if (!ex.closed) return true;
  endAnswer(state, logged, 'clientClosed');
  return false;
}

function endAnswer(state: EndpointState, logged: LoggedRequest | undefined, how: NonNullable<LoggedRequest['ended']>): void {
  if (!logged) return;
  logged.ended = how;
  state.log.changed();
}

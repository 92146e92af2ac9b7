// Writes an event stream frame by frame: pacing by tokens per second, and the stream faults
// (delay before the first event, a dropped connection, an in-stream exception after K events).
import { randomUUID } from 'node:crypto';
import { exceptionFrame } from './eventStream';
import type { Fault } from './faults';
import type { LoggedRequest } from './requestLog';
import type { EndpointState } from './state';
import type { Exchange } from './transport';

/** One event to send; `tokens` is how many output tokens it carries (for pacing). */
export interface PlannedEvent { frame: () => Uint8Array; tokens: number }

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function sendEventStream(ex: Exchange, events: PlannedEvent[], fault: Fault | undefined, state: EndpointState, headers: Record<string, string> = {}, logged?: LoggedRequest): Promise<void> {
  const ended = (how: NonNullable<LoggedRequest['ended']>) => endAnswer(state, logged, how);
  ex.respond(200, { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': randomUUID(), ...headers });
  if (fault?.fault === 'delayFirstEvent') await sleep(fault.delayMs);
  for (let i = 0; i <= events.length; i++) {
    if (state.held) await holdStream(ex, state, logged);
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
    const rate = state.tokensPerSecond;
    if (rate > 0 && ev.tokens > 0) await sleep((ev.tokens / rate) * 1000);
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

function endAnswer(state: EndpointState, logged: LoggedRequest | undefined, how: NonNullable<LoggedRequest['ended']>): void {
  if (!logged) return;
  logged.ended = how;
  state.log.changed();
}

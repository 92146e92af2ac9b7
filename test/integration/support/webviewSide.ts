// Plays a playground webview in integration tests: posts requests into a pane's real HostRouter
// and collects what the host posts back, so a tab's host side can be driven as its page drives it.
// Requests and events go by their descriptors (src/protocol), and what comes back must pass the
// same guards the webview applies.
import type { HostToWebview } from '../../../src/protocol/envelope';
import type { EventType, Notify, RequestType, StreamType } from '../../../src/protocol/methods';
import { HostRouter } from '../../../src/playground/router';
import { Recorded } from '../../support/changes';

export class WebviewSide {
  /** Everything the host posted, in order; each push re-checks the conditions until() waits on. */
  readonly received = new Recorded<HostToWebview>();
  readonly router = new HostRouter((m) => this.received.push(m), { warn: () => undefined, error: () => undefined });
  protected nextId = 1;

  /** A pane's `notify`: the event as the webview would receive it (through JSON), refused when its guard would drop it. */
  readonly notify: Notify = (e, params) => {
    const copy = JSON.parse(JSON.stringify(params ?? null)) as unknown;
    if (!e.params(copy)) throw new Error(`the webview would drop ${e.method}: ${JSON.stringify(copy).slice(0, 300)}`);
    this.received.push({ type: 'notify', method: e.method, params: copy });
  };

  notifications<P>(e: EventType<P>): P[] {
    return this.received.flatMap((m) => (m.type === 'notify' && m.method === e.method ? [m.params as P] : []));
  }

  /** Resolves with the first value `what` gives other than undefined or false, re-checked on each message the host posts. */
  until<T>(what: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
    return this.received.changes.until(what, 'the host', timeoutMs);
  }

  /** Sends a request; resolves with its result once the request's result guard accepts it (as the webview does). */
  async request<P, R>(type: RequestType<P, R>, params: NoInfer<P>): Promise<R> {
    const id = this.nextId++;
    this.router.handle({ type: 'request', id, method: type.method, params });
    const res = await this.until(() => this.received.find((m) => m.type === 'response' && m.id === id));
    if (res.type !== 'response') throw new Error('not a response');
    if (res.error) throw new Error(res.error.message);
    const result = JSON.parse(JSON.stringify(res.result ?? null)) as unknown;
    if (!type.result(result)) throw new Error(`the webview would refuse the result of ${type.method}: ${JSON.stringify(result).slice(0, 300)}`);
    return res.result as R;
  }

  /** Starts a stream; resolves with its end (error or done) and the text chunks it carried. */
  stream<P>(type: StreamType<P>, params: NoInfer<P>): { id: number; ended: Promise<{ error?: { message: string; code?: string }; text: string }> } {
    const id = this.nextId++;
    this.router.handle({ type: 'request', id, method: type.method, params });
    const ended = this.until(() => this.received.find((m) => m.type === 'end' && m.id === id)).then((end) => ({
      ...(end.type === 'end' && end.error ? { error: end.error } : {}),
      text: this.received.map((m) => (m.type === 'chunk' && m.id === id && !m.channel ? m.delta : '')).join(''),
    }));
    return { id, ended };
  }
}

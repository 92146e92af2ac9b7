// Plays a playground webview in integration tests: posts requests into a pane's real HostRouter
// and collects what the host posts back, so a tab's host side can be driven as its page drives it.
import type { HostToWebview } from '../../../src/protocol/envelope';
import { HostRouter } from '../../../src/playground/router';
import { Recorded } from '../../support/changes';

export class WebviewSide {
  /** Everything the host posted, in order; each push re-checks the conditions until() waits on. */
  readonly received = new Recorded<HostToWebview>();
  readonly router = new HostRouter((m) => this.received.push(m), { warn: () => undefined, error: () => undefined });
  protected nextId = 1;

  notifications<T>(method: string): T[] {
    return this.received.flatMap((m) => (m.type === 'notify' && m.method === method ? [m.params as T] : []));
  }

  /** Resolves with the first value `what` gives other than undefined or false, re-checked on each message the host posts. */
  until<T>(what: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
    return this.received.changes.until(what, 'the host', timeoutMs);
  }

  async request<T>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    this.router.handle({ type: 'request', id, method, params });
    const res = await this.until(() => this.received.find((m) => m.type === 'response' && m.id === id));
    if (res.type === 'response' && res.error) throw new Error(res.error.message);
    return (res as { result: T }).result;
  }
}

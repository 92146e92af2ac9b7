// Plays a playground webview in integration tests: posts requests into a pane's real HostRouter
// and collects what the host posts back, so a tab's host side can be driven as its page drives it.
import type { HostToWebview } from '../../../src/protocol/envelope';
import { HostRouter } from '../../../src/playground/router';

export class WebviewSide {
  readonly received: HostToWebview[] = [];
  readonly router = new HostRouter((m) => this.received.push(m), { warn: () => undefined, error: () => undefined });
  protected nextId = 1;

  notifications<T>(method: string): T[] {
    return this.received.flatMap((m) => (m.type === 'notify' && m.method === method ? [m.params as T] : []));
  }

  /** Polls `what` until it gives something other than undefined or false. */
  async until<T>(what: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = what();
      if (v !== undefined && v !== false) return v;
      if (Date.now() > end) throw new Error('timed out waiting for the host');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async request<T>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    this.router.handle({ type: 'request', id, method, params });
    const res = await this.until(() => this.received.find((m) => m.type === 'response' && m.id === id));
    if (res.type === 'response' && res.error) throw new Error(res.error.message);
    return (res as { result: T }).result;
  }
}

// The account's guardrails as the page knows them: asked of the host once (it caches them per
// connection) and shared by the Chat tab's picker and every Compare column's.

import type { GuardrailChoice, GuardrailsView } from '../../src/protocol/guardrails';
import { GuardrailRequests } from '../../src/protocol/guardrails';
import type { HostConnection } from '../host';

export class GuardrailSource {
  private current: Promise<GuardrailsView> | undefined;
  private connection: string | undefined;
  private readonly listeners = new Set<(v: GuardrailsView) => void>();

  constructor(private readonly host: HostConnection) {}

  /** Calls `listener` with the list now (once loaded) and after every reload. */
  subscribe(listener: (v: GuardrailsView) => void): void {
    this.listeners.add(listener);
    void this.load(false).then(listener);
  }

  /** Asks again (the host lists again only when `refresh` or the connection changed). */
  reload(refresh: boolean): void {
    this.current = undefined;
    void this.load(refresh).then((v) => { for (const l of this.listeners) l(v); });
  }

  /**
   * The model list came for a connection (Region, local, demo): a different one than before means
   * other guardrails, so the list is asked for again (the host lists again for a new connection).
   */
  connectionSeen(key: string): void {
    if (this.connection !== undefined && this.connection !== key) this.reload(false);
    this.connection = key;
  }

  test(guardrail: GuardrailChoice | undefined): void {
    void this.host.request(GuardrailRequests.test, guardrail ? { guardrail } : {}).catch(() => undefined);
  }

  private load(refresh: boolean): Promise<GuardrailsView> {
    this.current ??= this.host.request(GuardrailRequests.list, { refresh }).catch((err: unknown): GuardrailsView => ({
      guardrails: [],
      error: { kind: 'unknown', message: err instanceof Error ? err.message : String(err), detail: '', retryable: true },
    }));
    return this.current;
  }
}

let page: GuardrailSource | undefined;

/** The page's one source (every tab talks to the same host). */
export function pageGuardrails(host: HostConnection): GuardrailSource {
  page ??= new GuardrailSource(host);
  return page;
}

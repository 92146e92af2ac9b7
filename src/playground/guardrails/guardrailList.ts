// The account's guardrails for the pickers: one ListGuardrails round per connection, shared by
// every panel and the Test Guardrail command, fetched again on refresh or when the connection
// (profile, Region, endpoint) changes.

import { bedrock } from '../../core/services';
import type { GuardrailInfo } from '../../bedrock/guardrails';
import type { GuardrailsView } from '../../protocol/guardrails';

let cached: { key: string; promise: Promise<GuardrailInfo[]> } | undefined;

function connectionKey(): string {
  const c = bedrock().connection;
  return JSON.stringify([c.region, c.profile ?? '', c.endpoint ?? '', c.controlEndpoint ?? '', c.demo === true]);
}

/** The guardrails (all versions); throws what ListGuardrails threw. */
export function guardrailList(refresh = false): Promise<GuardrailInfo[]> {
  const key = connectionKey();
  if (refresh || !cached || cached.key !== key) {
    const promise = bedrock().listGuardrails();
    const entry = { key, promise };
    cached = entry;
    // A failure is not kept: the next call asks again.
    promise.catch(() => { if (cached === entry) cached = undefined; });
  }
  return cached.promise;
}

/** The list as the webview's picker shows it; a failure becomes the view's error (with its fix). */
export async function guardrailsView(refresh: boolean): Promise<GuardrailsView> {
  try {
    const list = await guardrailList(refresh);
    return { guardrails: list.map((g) => ({ id: g.id, name: g.name, status: g.status, versions: g.versions.map((v) => v.version) })) };
  } catch (err) {
    return { guardrails: [], error: bedrock().describeError(err) };
  }
}

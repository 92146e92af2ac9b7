// Which models can rewrite text, best first. Plain Node: no `vscode`.
import type { Catalog, ModelRecord } from '../bedrock/types';
import { canChat } from '../bedrock/families/registry';

/** Small, fast models that rewrite well: the automatic choice when no model is configured. */
const PREFERRED = [/anthropic\.claude-haiku-4/, /anthropic\.claude-3-5-haiku/, /anthropic\.claude-3-haiku/, /amazon\.nova-lite/, /amazon\.nova-micro/, /amazon\.nova-pro/];

/** Text-in, text-out models that can rewrite, best first: streaming and active ahead of the rest, then the preferred ones. */
export function rewriteCandidates(catalog: Catalog): ModelRecord[] {
  const preference = (m: ModelRecord): number => {
    const i = PREFERRED.findIndex((re) => re.test(m.id));
    return i < 0 ? 0 : (PREFERRED.length - i) / (PREFERRED.length + 1);
  };
  const score = (m: ModelRecord): number => (m.streaming ? 4 : 0) + (m.lifecycle === 'ACTIVE' ? 2 : 0) + preference(m);
  return catalog.models
    .filter((m) => canChat(m))
    .sort((a, b) => score(b) - score(a) || a.provider.localeCompare(b.provider) || a.name.localeCompare(b.name));
}

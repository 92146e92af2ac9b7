// The cost of one answer from its token usage and the Price List rows of its Region. No
// `vscode`: unit-tested in Node. A price that is not in the Price List is "unknown", never a guess.
//
// Cross-Region inference: "There's no additional charge for using cross-region inference and the
// price is calculated basis the region you made the request in (source region)" (Amazon Bedrock
// pricing page, https://aws.amazon.com/bedrock/pricing/). So a geographic profile (`us.`, `eu.`,
// `apac.`…) is priced with the source Region's on-demand rows; a `global.` profile with that
// Region's "Cross-region global" rows where the Price List has them (newer models list a lower
// global rate), else with the same on-demand rows.

import { type PriceComponent, type PriceRow, modelKey } from './priceList';

export interface UsageCounts {
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
}

/** What the answer cost, or why it has no cost. Amounts in US dollars. */
export interface AnswerCost {
  status: 'priced' | 'unknown' | 'unavailable';
  /** The sum of the parts (when priced). */
  total?: number;
  input?: number;
  output?: number;
  cacheRead?: number;
  cacheWrite?: number;
  /** Where the prices came from, in words ("us-east-1 on-demand prices (AWS Price List)"). */
  basis?: string;
  /** Why there is no cost: "price unknown: …" or the reason the Price List could not be read. */
  reason?: string;
  /** The prices are the local endpoint's stand-in prices, not AWS's. */
  standIn?: boolean;
}

/** Price List rows of one Region, looked up by model key. */
export class PriceBook {
  private readonly byKey = new Map<string, PriceRow[]>();

  constructor(readonly regionCode: string, rows: readonly PriceRow[], readonly fetchedAt: number) {
    for (const r of rows) {
      if (r.regionCode !== regionCode) continue;
      const list = this.byKey.get(r.key) ?? [];
      list.push(r);
      this.byKey.set(r.key, list);
    }
  }

  get size(): number {
    return this.byKey.size;
  }

  /**
   * The rows of a catalog model: by its name, then without the provider in front, then without a
   * trailing "Instruct" (the catalog says "Llama 3.3 70B Instruct" where public Price List readers
   * quote `model` "Llama 3.3 70B"; inferred from those readers, not documented).
   */
  rowsFor(modelName: string, provider?: string): PriceRow[] {
    const keys = [modelKey(modelName), modelKey(modelName, provider)];
    keys.push(...keys.map((k) => k.replace(/instruct$/, '')));
    for (const k of keys) {
      const rows = k ? this.byKey.get(k) : undefined;
      if (rows) return rows;
    }
    return [];
  }
}

/** The profile's geography prefix when the invoked id is a system cross-Region profile (`us.`, `global.`…). */
export function profileScope(invokedId: string | undefined): 'global' | 'geo' | undefined {
  const id = invokedId?.split('/').pop() ?? '';
  if (/^global\./.test(id)) return 'global';
  if (/^(us|eu|apac|us-gov|jp|au|ca)\./.test(id)) return 'geo';
  return undefined;
}

const COMPONENTS: ReadonlyArray<[PriceComponent, keyof UsageCounts, string]> = [
  ['input', 'inputTokens', 'input'],
  ['output', 'outputTokens', 'output'],
  ['cacheRead', 'cacheReadInputTokens', 'cache read'],
  ['cacheWrite', 'cacheWriteInputTokens', 'cache write'],
];

/**
 * Prices the usage of one answer. Each kind of token is priced by its own row (Converse reports
 * cache read and cache write tokens apart from `inputTokens`); a kind with tokens but no row makes
 * the whole cost "price unknown", since a partial sum would read as the answer's cost.
 */
export function costOf(usage: UsageCounts, book: PriceBook, model: { name: string; provider?: string }, invokedId?: string): AnswerCost {
  const rows = book.rowsFor(model.name, model.provider);
  if (!rows.length) return { status: 'unknown', reason: `price unknown: the AWS Price List has no on-demand price for ${model.name} in ${book.regionCode}.` };
  const scope = profileScope(invokedId);
  const pick = (c: PriceComponent): PriceRow | undefined =>
    (scope === 'global' ? rows.find((r) => r.component === c && r.scope === 'global') : undefined) ?? rows.find((r) => r.component === c && r.scope === 'regional');
  const cost: AnswerCost = { status: 'priced', total: 0 };
  let usedGlobal = false;
  for (const [component, field, label] of COMPONENTS) {
    const tokens = usage[field] ?? 0;
    // Input and output are always shown (an answer with no output still has a price for it); cache parts only when used.
    if (!tokens && (component === 'cacheRead' || component === 'cacheWrite')) continue;
    const row = pick(component);
    if (!row) return { status: 'unknown', reason: `price unknown: the AWS Price List has no ${label} token price for ${model.name} in ${book.regionCode}.` };
    const amount = tokens * row.usdPerToken;
    cost[component] = amount;
    cost.total! += amount;
    if (row.scope === 'global') usedGlobal = true;
    if (row.standIn) cost.standIn = true;
  }
  const how = usedGlobal ? 'cross-Region (global) prices' : scope ? 'on-demand prices (cross-Region profiles cost the source Region\'s price)' : 'on-demand prices';
  cost.basis = `${book.regionCode} ${how}, ${cost.standIn ? 'stand-in prices of the local endpoint' : 'AWS Price List'}`;
  return cost;
}

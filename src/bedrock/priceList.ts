// Reads the AWS Price List documents of Bedrock (the JSON strings GetProducts returns in
// `PriceList`) into per-model token prices. No `vscode`, no SDK: plain data in, plain data out.
//
// What carries Bedrock's on-demand prices (sources, 2026-11):
// - Service code `AmazonBedrock`: Amazon's own models and many others (Nova, Titan, Llama,
//   Mistral, DeepSeek, older Claude). The model is the `model` attribute ("Nova Pro",
//   "Claude 3 Haiku"), the Region `regionCode`, the use `feature` ("On-demand Inference";
//   batch, provisioned and customization rows carry other values) and the kind of token
//   `inferenceType` ("Input tokens", "Output tokens", "Prompt cache read input tokens",
//   "Prompt cache write input tokens", "Cross-region global input tokens"/"... output tokens").
//   Prices are per "1K tokens" in `terms.OnDemand.*.priceDimensions.*.pricePerUnit.USD`.
// - Service code `AmazonBedrockFoundationModels`: third-party models sold through AWS
//   Marketplace (current Claude, Cohere, Jamba…). The model is `servicename`
//   ("Claude Sonnet 4.5 (Amazon Bedrock Edition)"), there is no `inferenceType`, and the kind
//   of token is only in `usagetype`: an older form `USE1-MP:USE1_InputTokenCount[_Global]-Units`
//   (also OutputTokenCount, CacheReadInputTokenCount, CacheWriteInputTokenCount) and a newer one
//   `USE1-MP:USE1_cache_read_tokens[_global]_standard-Units`.
// Sources: aws-samples/sample-bedrock-migration-and-modernization-tools
// (bedrock-model-profiler/collectors/pricing-collector/README.md and smart_extractor.py: the
// three service codes, `model` vs `servicename`); public code that reads these documents
// in production (pricing-sync code quoting live `usagetype` values verified 2026-09, and
// model-profile data listing the `inferenceType` values above with their prices).
// Not confirmed from any source: the unit of `AmazonBedrockFoundationModels` rows (read here
// from the dimension's `unit` or, failing that, its `description`: "per 1K"/"per million"),
// and the `inferenceType` of global cache rows in `AmazonBedrock` (inferred from the pattern
// of the global input/output rows). A row whose unit cannot be read is left out, never guessed.

export type PriceComponent = 'input' | 'output' | 'cacheRead' | 'cacheWrite';
/** `global` rows price a `global.` cross-Region profile; `regional` rows everything else. */
export type PriceScope = 'regional' | 'global';

export const BEDROCK_SERVICE_CODES = ['AmazonBedrock', 'AmazonBedrockFoundationModels'] as const;

/** One price of one kind of token of one model in one Region, in US dollars per token. */
export interface PriceRow {
  model: string;
  key: string;
  regionCode: string;
  component: PriceComponent;
  scope: PriceScope;
  usdPerToken: number;
  /** The document said it is a stand-in price (the local endpoint's), not AWS's. */
  standIn?: boolean;
}

export interface ParsedPriceList {
  rows: PriceRow[];
  /** Documents that were not on-demand token prices, or could not be read. */
  skipped: number;
}

/**
 * A model name reduced to what the Price List and the catalog share: lower case letters and
 * digits, no "(Amazon Bedrock Edition)", no provider in front. The catalog's `modelName` and the
 * Price List's `model` are both display names ("Nova Pro", "Claude 3 Haiku"); the Price List
 * carries no model id. Matching by name is inferred from the sources above, not documented.
 */
export function modelKey(name: string, provider?: string): string {
  let s = name.replace(/\(amazon bedrock edition\)|amazon bedrock edition/gi, ' ').trim().toLowerCase();
  const p = provider?.trim().toLowerCase();
  if (p && s.startsWith(`${p} `)) s = s.slice(p.length + 1);
  return s.replace(/[^a-z0-9]/g, '');
}

const INFERENCE_TYPE = /^(cross-region global )?(prompt cache (read|write) )?(input|output) tokens$/i;
const FM_OLD = /MP:[A-Za-z0-9]+_(CacheWrite1hInputTokenCount|CacheWriteInputTokenCount|CacheReadInputTokenCount|InputTokenCount|OutputTokenCount)(_Global)?(_Batch)?-Units$/;
const FM_NEW = /MP:[A-Za-z0-9]+_(input|output|cache_read|cache_write)_tokens(_1h)?(_global)?(?:_(standard|flex|priority|batch))?-Units$/;

type Kind = { component: PriceComponent; scope: PriceScope };

function kindFromInferenceType(t: string): Kind | undefined {
  const m = INFERENCE_TYPE.exec(t.trim());
  if (!m) return undefined; // batch, flex, priority, latency-optimized, images…: not an on-demand token price
  const scope: PriceScope = m[1] ? 'global' : 'regional';
  if (m[3]) return m[4]!.toLowerCase() === 'input' ? { component: m[3].toLowerCase() === 'read' ? 'cacheRead' : 'cacheWrite', scope } : undefined;
  return { component: m[4]!.toLowerCase() === 'input' ? 'input' : 'output', scope };
}

function kindFromUsageType(u: string): Kind | undefined {
  const old = FM_OLD.exec(u);
  if (old) {
    // The 1-hour cache write is a different price from the default (5-minute) write, which is what Converse's usage counts.
    if (old[3] || old[1] === 'CacheWrite1hInputTokenCount') return undefined;
    const component = ({ InputTokenCount: 'input', OutputTokenCount: 'output', CacheReadInputTokenCount: 'cacheRead', CacheWriteInputTokenCount: 'cacheWrite' } as const)[old[1] as 'InputTokenCount'];
    return { component, scope: old[2] ? 'global' : 'regional' };
  }
  const m = FM_NEW.exec(u);
  if (!m || m[2] || (m[4] && m[4] !== 'standard')) return undefined;
  const component = ({ input: 'input', output: 'output', cache_read: 'cacheRead', cache_write: 'cacheWrite' } as const)[m[1] as 'input'];
  return { component, scope: m[3] ? 'global' : 'regional' };
}

/** Tokens per priced unit, from the unit ("1K tokens", "1M tokens") or the description; undefined when it says neither. */
export function tokensPerUnit(unit: string, description = ''): number | undefined {
  for (const text of [unit, description]) {
    const t = text.toLowerCase();
    if (/\b1m\b|million|1,000,000/.test(t)) return 1_000_000;
    if (/\b1k\b|thousand|1,000\b|1000 /.test(t)) return 1_000;
  }
  return undefined;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** One Price List document (a JSON string, or the parsed object) into a row, or undefined when it is no on-demand token price. */
export function parsePriceListItem(doc: unknown): PriceRow | undefined {
  // The SDK hands each item over as a string (or a string-like LazyJsonString); an object with a product is taken as it is.
  let parsed: unknown = doc;
  if (!obj(doc)?.product) {
    try {
      parsed = JSON.parse(String(doc));
    } catch {
      return undefined;
    }
  }
  const product = obj(obj(parsed)?.product);
  const attrs = obj(product?.attributes);
  if (!attrs) return undefined;
  const serviceCode = str(attrs.servicecode);
  const regionCode = str(attrs.regionCode);
  if (!regionCode) return undefined;
  let kind: Kind | undefined;
  let model: string;
  if (serviceCode === 'AmazonBedrockFoundationModels') {
    model = str(attrs.servicename);
    kind = kindFromUsageType(str(attrs.usagetype));
  } else {
    if (str(attrs.feature) && str(attrs.feature) !== 'On-demand Inference') return undefined;
    model = str(attrs.model);
    kind = kindFromInferenceType(str(attrs.inferenceType));
  }
  if (!kind || !model) return undefined;
  const price = firstUsdPrice(obj(obj(obj(parsed)?.terms)?.OnDemand));
  if (!price) return undefined;
  const perUnit = tokensPerUnit(price.unit, price.description);
  if (!perUnit) return undefined;
  const row: PriceRow = { model, key: modelKey(model), regionCode, component: kind.component, scope: kind.scope, usdPerToken: price.usd / perUnit };
  if (/stand-in/i.test(str(attrs.priceNote)) || /stand-in/i.test(price.description)) row.standIn = true;
  return row;
}

function firstUsdPrice(onDemand: Obj | undefined): { usd: number; unit: string; description: string } | undefined {
  for (const term of Object.values(onDemand ?? {})) {
    for (const dim of Object.values(obj(obj(term)?.priceDimensions) ?? {})) {
      const d = obj(dim);
      const usd = Number(str(obj(d?.pricePerUnit)?.USD));
      // A price of 0 is a real price (some cache writes cost nothing); NaN or a missing USD price is not one.
      if (d && str(obj(d.pricePerUnit)?.USD) !== '' && Number.isFinite(usd) && usd >= 0) return { usd, unit: str(d.unit), description: str(d.description) };
    }
  }
  return undefined;
}

export function parsePriceList(docs: readonly unknown[]): ParsedPriceList {
  const rows: PriceRow[] = [];
  let skipped = 0;
  for (const d of docs) {
    const row = parsePriceListItem(d);
    if (row) rows.push(row);
    else skipped++;
  }
  return { rows, skipped };
}

// The AWS Price List operations (service AWSPriceListService, awsJson1_1: `POST /` with
// `X-Amz-Target: AWSPriceListService.GetProducts` and a JSON body, as the SDK's serializer in
// @aws-sdk/client-pricing sends it), with a few STAND-IN prices of Bedrock models. They are not
// AWS's prices: every product says so in its `priceNote` attribute and its price description.
//
// Document shape (`product.attributes`, `terms.OnDemand.<sku>.<sku>.<rate>.priceDimensions`):
// the Price List's `aws_v1` format as public Bedrock pricing code reads it
// (aws-samples/sample-bedrock-migration-and-modernization-tools, pricing-collector; other public
// readers quote attributes `servicecode`, `regionCode`, `location`, `model`, `feature`,
// `inferenceType`, `usagetype`, `servicename` and units "1K tokens"). `AmazonBedrock` rows carry
// `inferenceType`; `AmazonBedrockFoundationModels` rows (Marketplace models) carry `servicename`
// and the kind of token in `usagetype` only. The unit of those rows is not confirmed by a source:
// the stand-in writes "1M tokens"-style descriptions for them ("per million").
// GetProducts limits: MaxResults 1–100 (Price List API reference, GetProducts request parameters).
import { randomUUID } from 'node:crypto';
import type { Exchange } from './transport';

export const PRICE_LIST_TARGET_PREFIX = 'AWSPriceListService.';

const STAND_IN_NOTE = 'Stand-in price of the local Bedrock endpoint, not an AWS price';

type Kind = 'input' | 'output' | 'cacheRead' | 'cacheWrite';
interface StandInPrice { model: string; kind: Kind; usd: string; global?: boolean }

/** AmazonBedrock: USD per 1K tokens. Mistral, Llama and the others have no row here (their cost reads "price unknown"). */
const BEDROCK_PRICES: StandInPrice[] = [
  { model: 'Nova Micro', kind: 'input', usd: '0.0001' }, { model: 'Nova Micro', kind: 'output', usd: '0.0004' },
  { model: 'Nova Micro', kind: 'cacheRead', usd: '0.000025' }, { model: 'Nova Micro', kind: 'cacheWrite', usd: '0' },
  { model: 'Nova Lite', kind: 'input', usd: '0.0002' }, { model: 'Nova Lite', kind: 'output', usd: '0.0008' },
  { model: 'Nova Lite', kind: 'cacheRead', usd: '0.00005' }, { model: 'Nova Lite', kind: 'cacheWrite', usd: '0' },
  { model: 'Nova Pro', kind: 'input', usd: '0.001' }, { model: 'Nova Pro', kind: 'output', usd: '0.004' },
  { model: 'Nova Pro', kind: 'cacheRead', usd: '0.00025' }, { model: 'Nova Pro', kind: 'cacheWrite', usd: '0' },
  { model: 'Claude 3 Haiku', kind: 'input', usd: '0.0003' }, { model: 'Claude 3 Haiku', kind: 'output', usd: '0.0015' },
  // With cache rows, for prompt caching: a cache read costs a tenth of input, a write a quarter more.
  { model: 'Claude 3.7 Sonnet', kind: 'input', usd: '0.003' }, { model: 'Claude 3.7 Sonnet', kind: 'output', usd: '0.015' },
  { model: 'Claude 3.7 Sonnet', kind: 'cacheRead', usd: '0.0003' }, { model: 'Claude 3.7 Sonnet', kind: 'cacheWrite', usd: '0.00375' },
];
/** AmazonBedrockFoundationModels: USD per million tokens; a regional and a (lower) global rate, as newer Claude models list. */
const MARKETPLACE_PRICES: StandInPrice[] = [
  { model: 'Claude Sonnet 4.5', kind: 'input', usd: '3.5' }, { model: 'Claude Sonnet 4.5', kind: 'output', usd: '17.5' },
  { model: 'Claude Sonnet 4.5', kind: 'cacheRead', usd: '0.35' }, { model: 'Claude Sonnet 4.5', kind: 'cacheWrite', usd: '4.4' },
  { model: 'Claude Sonnet 4.5', kind: 'input', usd: '3.2', global: true }, { model: 'Claude Sonnet 4.5', kind: 'output', usd: '16', global: true },
  { model: 'Claude Sonnet 4.5', kind: 'cacheRead', usd: '0.32', global: true }, { model: 'Claude Sonnet 4.5', kind: 'cacheWrite', usd: '4', global: true },
];

/** Usage type prefixes of a few Regions (the Price List's own, e.g. USE1); others get a made-up but stable one. */
const REGION_PREFIX: Record<string, string> = { 'us-east-1': 'USE1', 'us-east-2': 'USE2', 'us-west-2': 'USW2', 'eu-central-1': 'EUC1', 'eu-west-1': 'EU', 'ap-south-1': 'APS3', 'ap-northeast-1': 'APN1' };

const INFERENCE_TYPE: Record<Kind, string> = {
  input: 'Input tokens', output: 'Output tokens', cacheRead: 'Prompt cache read input tokens', cacheWrite: 'Prompt cache write input tokens',
};
const MP_USAGE: Record<Kind, string> = { input: 'InputTokenCount', output: 'OutputTokenCount', cacheRead: 'CacheReadInputTokenCount', cacheWrite: 'CacheWriteInputTokenCount' };

interface Product { sku: string; attributes: Record<string, string>; usd: string; unit: string; description: string }

function products(serviceCode: string, region: string): Product[] {
  const prefix = REGION_PREFIX[region] ?? region.replace(/[^a-z0-9]/gi, '').toUpperCase().slice(0, 6);
  const location = `Stand-in location (${region})`;
  if (serviceCode === 'AmazonBedrock') {
    return BEDROCK_PRICES.map((p) => {
      const name = p.model.replace(/\s+/g, '');
      const usagetype = `${prefix}-${name}-${p.kind === 'cacheRead' ? 'cache-read-input' : p.kind === 'cacheWrite' ? 'cache-write-input' : p.kind}-token-count`;
      return {
        sku: sku(serviceCode, region, usagetype),
        attributes: {
          servicecode: 'AmazonBedrock', servicename: 'Amazon Bedrock', productFamily: 'Amazon Bedrock', regionCode: region, location, locationType: 'AWS Region',
          model: p.model, feature: 'On-demand Inference', inferenceType: INFERENCE_TYPE[p.kind], usagetype, operation: 'Usage', priceNote: STAND_IN_NOTE,
        },
        usd: p.usd, unit: '1K tokens', description: `Stand-in: $${p.usd} per 1K ${INFERENCE_TYPE[p.kind].toLowerCase()} for ${p.model} (not an AWS price)`,
      };
    });
  }
  if (serviceCode === 'AmazonBedrockFoundationModels') {
    return MARKETPLACE_PRICES.map((p) => {
      const usagetype = `${prefix}-MP:${prefix}_${MP_USAGE[p.kind]}${p.global ? '_Global' : ''}-Units`;
      return {
        sku: sku(serviceCode, region, `${p.model}/${usagetype}`),
        attributes: {
          servicecode: 'AmazonBedrockFoundationModels', servicename: `${p.model} (Amazon Bedrock Edition)`, regionCode: region, location, locationType: 'AWS Region',
          usagetype, operation: 'Usage', priceNote: STAND_IN_NOTE,
        },
        usd: p.usd, unit: 'Units', description: `Stand-in: $${p.usd} per million ${MP_USAGE[p.kind]}${p.global ? ' (global)' : ''} for ${p.model} (not an AWS price)`,
      };
    });
  }
  return [];
}

function sku(...parts: string[]): string {
  let h = 0;
  for (const ch of parts.join('|')) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `STANDIN${h.toString(16).toUpperCase().padStart(8, '0')}`;
}

/** One product as the Price List's aws_v1 document (GetProducts returns each as a JSON string). */
function document(p: Product): string {
  const term = `${p.sku}.JRTCKXETXF`;
  return JSON.stringify({
    product: { productFamily: p.attributes.productFamily ?? 'Amazon Bedrock', attributes: p.attributes, sku: p.sku },
    serviceCode: p.attributes.servicecode,
    terms: {
      OnDemand: {
        [term]: {
          priceDimensions: {
            [`${term}.6YS6EN2CT7`]: { unit: p.unit, endRange: 'Inf', description: p.description, appliesTo: [], rateCode: `${term}.6YS6EN2CT7`, beginRange: '0', pricePerUnit: { USD: p.usd } },
          },
          sku: p.sku, effectiveDate: '2026-11-01T00:00:00Z', offerTermCode: 'JRTCKXETXF', termAttributes: {},
        },
      },
    },
    version: 'standin',
    publicationDate: '2026-11-01T00:00:00Z',
  });
}

export class PriceListError extends Error {
  constructor(readonly type: 'InvalidParameterException' | 'NotFoundException' | 'ExpiredNextTokenException' | 'InvalidNextTokenException', message: string) {
    super(message);
  }
}

interface Filter { Type: string; Field: string; Value: string }

function parseFilters(v: unknown): Filter[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new PriceListError('InvalidParameterException', 'Filters must be a list.');
  return v.map((f) => {
    const o = f as Partial<Filter>;
    if (typeof o.Field !== 'string' || typeof o.Value !== 'string' || typeof o.Type !== 'string') throw new PriceListError('InvalidParameterException', 'Each filter needs Type, Field and Value.');
    if (!['TERM_MATCH', 'EQUALS', 'CONTAINS', 'ANY_OF', 'NONE_OF'].includes(o.Type)) throw new PriceListError('InvalidParameterException', `Invalid filter type ${o.Type}.`);
    return o as Filter;
  });
}

function matches(p: Product, f: Filter): boolean {
  const v = f.Field === 'ServiceCode' ? p.attributes.servicecode : p.attributes[f.Field];
  if (v === undefined) return false;
  switch (f.Type) {
    case 'CONTAINS': return v.toLowerCase().includes(f.Value.toLowerCase());
    case 'ANY_OF': return f.Value.split(',').map((s) => s.trim()).includes(v);
    case 'NONE_OF': return !f.Value.split(',').map((s) => s.trim()).includes(v);
    default: return v === f.Value;
  }
}

const REGIONS_SERVED = ['us-east-1', 'us-east-2', 'us-west-2', 'eu-central-1', 'eu-west-1', 'eu-west-3', 'ap-south-1', 'ap-northeast-1', 'ap-southeast-2'];

/** GetProducts: the stand-in products of the service that match every filter, 100 at most per page. */
export function getProducts(body: Record<string, unknown>): unknown {
  const serviceCode = body.ServiceCode;
  if (typeof serviceCode !== 'string' || !serviceCode) throw new PriceListError('InvalidParameterException', 'ServiceCode is required.');
  const max = body.MaxResults ?? 100;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 100) throw new PriceListError('InvalidParameterException', 'MaxResults must be between 1 and 100.');
  if (body.FormatVersion !== undefined && body.FormatVersion !== 'aws_v1') throw new PriceListError('InvalidParameterException', 'FormatVersion must be aws_v1.');
  const filters = parseFilters(body.Filters);
  const regionFilter = filters.find((f) => f.Field === 'regionCode' && f.Type === 'TERM_MATCH')?.Value;
  const regions = regionFilter ? [regionFilter] : REGIONS_SERVED;
  const all = regions.flatMap((r) => products(serviceCode, r)).filter((p) => filters.every((f) => matches(p, f)));
  let start = 0;
  if (body.NextToken !== undefined) {
    start = typeof body.NextToken === 'string' && /^standin:\d+$/.test(body.NextToken) ? Number(body.NextToken.slice(8)) : NaN;
    if (!Number.isInteger(start) || start > all.length) throw new PriceListError('InvalidNextTokenException', 'The pagination token is invalid. Try again without a pagination token.');
  }
  const page = all.slice(start, start + max);
  return {
    FormatVersion: 'aws_v1',
    PriceList: page.map(document),
    ...(start + max < all.length ? { NextToken: `standin:${start + max}` } : {}),
  };
}

/** DescribeServices: the two Bedrock service codes and their attribute names. */
export function describeServices(body: Record<string, unknown>): unknown {
  const services = [
    { ServiceCode: 'AmazonBedrock', AttributeNames: ['feature', 'inferenceType', 'location', 'locationType', 'model', 'operation', 'priceNote', 'productFamily', 'regionCode', 'servicecode', 'servicename', 'usagetype'] },
    { ServiceCode: 'AmazonBedrockFoundationModels', AttributeNames: ['location', 'locationType', 'operation', 'priceNote', 'regionCode', 'servicecode', 'servicename', 'usagetype'] },
  ];
  const code = body.ServiceCode;
  return { FormatVersion: 'aws_v1', Services: typeof code === 'string' && code ? services.filter((s) => s.ServiceCode === code) : services };
}

/** Sends a Price List error as awsJson1_1 does: `__type` in the body and `x-amzn-errortype`. */
export function sendPriceListError(ex: Exchange, err: PriceListError): void {
  const status = err.type === 'NotFoundException' ? 404 : 400;
  ex.respond(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID(), 'x-amzn-errortype': err.type });
  ex.end(JSON.stringify({ __type: `com.amazonaws.pricing#${err.type}`, Message: err.message }));
}

export function sendPriceListJson(ex: Exchange, body: unknown): void {
  ex.respond(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() });
  ex.end(JSON.stringify(body));
}

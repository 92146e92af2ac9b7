// The AWS Price List client (`@aws-sdk/client-pricing`), built like clients.ts builds the Bedrock
// pair (same credentials, retries, proxy and timeouts), and the GetProducts calls that read
// Bedrock's prices for one Region. The client is loaded on the first price needed.
import type { PricingClient } from '@aws-sdk/client-pricing';
import { credentialsFor, DEFAULT_MAX_ATTEMPTS, DEFAULT_TIMEOUT_MS } from './clients';
import { handlersFor } from './httpHandlers';
import { BEDROCK_SERVICE_CODES, parsePriceList, type PriceRow } from './priceList';
import { createRetryStrategy } from './retryEvents';
import { loadPricingSdk } from './sdk';
import type { ConnectionSettings } from './types';

/**
 * The Region of the Price List endpoint. "AWS Price List service API provides the following two
 * endpoints: https://api.pricing.us-east-1.amazonaws.com, https://api.pricing.ap-south-1.amazonaws.com"
 * (AWS SDK API reference of the Pricing service, e.g. docs.rs aws_sdk_pricing). A third endpoint in
 * eu-central-1 is mentioned elsewhere, but no source was found for it, so it is not used.
 */
export function pricingRegionFor(bedrockRegion: string): string {
  return bedrockRegion === 'ap-south-1' ? 'ap-south-1' : 'us-east-1';
}

/**
 * The endpoint override for the Price List: the local endpoint (and the demo) serve it; an AWS
 * endpoint of Bedrock (a VPC endpoint) does not, so prices then come from AWS's own endpoint.
 */
export function pricingEndpointFor(s: ConnectionSettings): string | undefined {
  if (!s.endpoint) return undefined;
  if (s.local) return s.endpoint;
  try {
    if (new URL(s.endpoint).hostname.endsWith('.amazonaws.com')) return undefined;
  } catch {
    // Not a URL: hand it to the SDK, which reports it.
  }
  return s.endpoint;
}

export async function createPricingClient(s: ConnectionSettings): Promise<PricingClient> {
  const endpoint = pricingEndpointFor(s);
  const [{ PricingClient }, credentials] = await Promise.all([loadPricingSdk(), credentialsFor(s)]);
  const maxAttempts = s.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const requestTimeout = Math.min(s.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS, 30_000);
  const handlers = await handlersFor({ ...s, endpoint }, { requestTimeout, connectionTimeout: Math.min(requestTimeout, 10_000) });
  return new PricingClient({
    region: pricingRegionFor(s.region),
    maxAttempts,
    retryStrategy: await createRetryStrategy(maxAttempts, s.retryMode ?? 'standard'),
    ...(credentials ? { credentials } : {}),
    ...(endpoint ? { endpoint } : {}),
    // The Price List speaks awsJson1_1 over HTTP/1.1 (it has no event streams).
    requestHandler: handlers.http1,
  });
}

/** At most this many pages of 100 products per service code: a Region of Bedrock has a few hundred. */
const MAX_PAGES = 40;

/**
 * Every on-demand token price of Bedrock in one Region: GetProducts on both service codes,
 * filtered by `regionCode` (an attribute of every Bedrock product; see priceList.ts), all pages.
 */
export async function fetchBedrockPrices(client: PricingClient, region: string, signal?: AbortSignal): Promise<PriceRow[]> {
  const { GetProductsCommand } = await loadPricingSdk();
  const rows: PriceRow[] = [];
  for (const serviceCode of BEDROCK_SERVICE_CODES) {
    let nextToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const out = await client.send(new GetProductsCommand({
        ServiceCode: serviceCode,
        FormatVersion: 'aws_v1',
        Filters: [{ Type: 'TERM_MATCH', Field: 'regionCode', Value: region }],
        MaxResults: 100,
        ...(nextToken ? { NextToken: nextToken } : {}),
      }), { abortSignal: signal });
      rows.push(...parsePriceList((out.PriceList ?? []) as readonly unknown[]).rows);
      nextToken = out.NextToken;
      if (!nextToken) break;
    }
  }
  return rows;
}

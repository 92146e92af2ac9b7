// Which Price List operation a request is: awsJson1_1 sends every operation as `POST /` with
// `X-Amz-Target: AWSPriceListService.<Operation>` (the serviceTarget of @aws-sdk/client-pricing).
import { BedrockError } from './errors';
import { describeServices, getProducts, PRICE_LIST_TARGET_PREFIX, PriceListError, sendPriceListError, sendPriceListJson } from './priceList';
import type { Exchange } from './transport';

const OPERATIONS: Record<string, (body: Record<string, unknown>) => unknown> = {
  GetProducts: getProducts,
  DescribeServices: describeServices,
};

export function priceListRoute(ex: Exchange, segments: string[]): { operation: string; run(): Promise<void> } | undefined {
  const target = ex.headers['x-amz-target'] ?? '';
  if (ex.method !== 'POST' || segments.length !== 0 || !target.startsWith(PRICE_LIST_TARGET_PREFIX)) return undefined;
  const operation = target.slice(PRICE_LIST_TARGET_PREFIX.length);
  return {
    operation,
    run: async () => {
      const handler = OPERATIONS[operation];
      if (!handler) throw new BedrockError('UnknownOperationException', `The stand-in has no Price List operation ${operation}.`);
      try {
        let body: unknown;
        try {
          body = JSON.parse(ex.body.toString('utf8') || '{}');
        } catch {
          throw new PriceListError('InvalidParameterException', 'The request body is not JSON.');
        }
        if (!body || typeof body !== 'object' || Array.isArray(body)) throw new PriceListError('InvalidParameterException', 'The request body must be a JSON object.');
        sendPriceListJson(ex, handler(body as Record<string, unknown>));
      } catch (err) {
        if (err instanceof PriceListError) sendPriceListError(ex, err);
        else throw err;
      }
    },
  };
}

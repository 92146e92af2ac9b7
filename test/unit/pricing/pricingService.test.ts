// The Price List through the real SDK client (@aws-sdk/client-pricing, awsJson1_1 over HTTP) against
// the local endpoint's stand-in, the day cache, and failures that leave the chat alone.
import * as assert from 'node:assert/strict';
import { DescribeServicesCommand, GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { memoryPriceStore } from '../../../src/bedrock/service';
import { createPricingClient, fetchBedrockPrices, pricingEndpointFor, pricingRegionFor } from '../../../src/bedrock/pricingClient';
import { PRICE_RETRY_MS, PRICE_TTL_MS, PriceService, type PriceStore } from '../../../src/bedrock/pricingService';
import { parsePriceList } from '../../../src/bedrock/priceList';
import { describeError } from '../../../src/bedrock/errors';
import type { ConnectionSettings } from '../../../src/bedrock/types';
import { collect, localService, localSettings, model, useLocalBedrock } from '../bedrock/localEndpoint';

describe('pricing: the Price List client, the stand-in and the day cache', () => {
  const local = useLocalBedrock();

  it('the stand-in answers GetProducts and DescribeServices in the real wire shape, read by the real SDK client', async () => {
    const client = new PricingClient({ region: 'us-east-1', endpoint: local.lb.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    try {
      const services = await client.send(new DescribeServicesCommand({}));
      assert.deepEqual(services.Services?.map((s) => s.ServiceCode), ['AmazonBedrock', 'AmazonBedrockFoundationModels']);
      const first = await client.send(new GetProductsCommand({ ServiceCode: 'AmazonBedrock', Filters: [{ Type: 'TERM_MATCH', Field: 'regionCode', Value: 'eu-central-1' }], MaxResults: 5 }));
      assert.equal(first.PriceList?.length, 5);
      assert.ok(first.NextToken, 'more than one page');
      const doc = JSON.parse(String(first.PriceList![0])) as { product: { attributes: Record<string, string> } };
      assert.equal(doc.product.attributes.regionCode, 'eu-central-1');
      assert.match(doc.product.attributes.priceNote!, /Stand-in price of the local Bedrock endpoint, not an AWS price/);
      const logged = await local.control.requestsOf('GetProducts');
      assert.equal(logged.length, 1);
      await assert.rejects(client.send(new GetProductsCommand({ ServiceCode: 'AmazonBedrock', MaxResults: 500 })), (e: Error) => e.name === 'InvalidParameterException');
    } finally {
      client.destroy();
    }
  });

  it('reads every stand-in price of a Region, all pages of both service codes, marked as stand-in', async () => {
    const s = localSettings(local.lb, { region: 'us-west-2' });
    const client = await createPricingClient(s);
    try {
      const rows = await fetchBedrockPrices(client, 'us-west-2');
      assert.ok(rows.length >= 20, `${rows.length} rows`);
      assert.ok(rows.every((r) => r.regionCode === 'us-west-2' && r.standIn));
      assert.ok(rows.some((r) => r.key === 'claudesonnet45' && r.scope === 'global'));
      assert.ok(rows.some((r) => r.key === 'novamicro' && r.component === 'cacheRead'));
    } finally {
      client.destroy();
    }
    assert.equal(parsePriceList([]).rows.length, 0);
  });

  it('the Pricing client goes to the endpoint override of the local endpoint, and to AWS for an AWS VPC endpoint of Bedrock', () => {
    assert.equal(pricingEndpointFor(localSettings(local.lb)), local.lb.endpoint);
    assert.equal(pricingEndpointFor({ region: 'us-east-1', endpoint: 'https://vpce-1.bedrock-runtime.us-east-1.vpce.amazonaws.com' }), undefined);
    assert.equal(pricingEndpointFor({ region: 'us-east-1' }), undefined);
    assert.equal(pricingRegionFor('eu-west-1'), 'us-east-1');
    assert.equal(pricingRegionFor('ap-south-1'), 'ap-south-1');
  });

  it('a chat through the local endpoint gets a cost from the stand-in prices; a model without a price reads "price unknown"', async () => {
    const service = localService(local.lb);
    try {
      const nova = await model(service, 'amazon.nova-micro-v1:0');
      const { events } = await collect(service.chat({ model: nova, messages: [{ role: 'user', text: 'hello' }], settings: {} }));
      const usage = events.find((e) => e.type === 'usage');
      assert.ok(usage && usage.type === 'usage');
      const cost = await service.priceAnswer(nova, usage);
      assert.equal(cost.status, 'priced');
      assert.ok(cost.standIn);
      const expected = usage.inputTokens * 0.0001 / 1000 + usage.outputTokens * 0.0004 / 1000;
      assert.ok(Math.abs(cost.total! - expected) < 1e-12, `${cost.total} vs ${expected}`);
      const mistral = await model(service, 'mistral.mistral-7b-instruct-v0:2');
      const unknown = await service.priceAnswer(mistral, { inputTokens: 5, outputTokens: 5 });
      assert.equal(unknown.status, 'unknown');
      assert.match(unknown.reason!, /^price unknown/);
      // One Price List read serves both answers (two service codes, one page each).
      assert.equal((await local.control.requestsOf('GetProducts')).length, 2);
    } finally {
      service.dispose();
    }
  });

  it('prices an answer through a cross-Region profile as Bedrock does: a geographic profile at the Region\'s price, a global one at the global price', async () => {
    const service = localService(local.lb);
    try {
      const sonnet = await model(service, 'anthropic.claude-sonnet-4-5-20250929-v1:0');
      const run = async (invocationId?: string) => {
        const { events, error } = await collect(service.chat({ model: sonnet, ...(invocationId ? { invocationId } : {}), messages: [{ role: 'user', text: 'hello' }], settings: {} }));
        assert.equal(error, undefined);
        const request = events.find((e) => e.type === 'request');
        const usage = events.find((e) => e.type === 'usage');
        assert.ok(request?.type === 'request' && usage?.type === 'usage');
        return { invoked: request.invocation.invocationId, usage, cost: await service.priceAnswer(sonnet, usage, request.invocation.invocationId) };
      };
      // A profile-only model is called through the geography's profile: priced at us-east-1's regional rate.
      const geo = await run();
      assert.match(geo.invoked, /^us\./);
      const regional = (geo.usage.inputTokens * 3.5 + geo.usage.outputTokens * 17.5) / 1e6;
      assert.ok(Math.abs(geo.cost.total! - regional) < 1e-12, `${geo.cost.total} vs ${regional}`);
      assert.match(geo.cost.basis!, /source Region/);
      const global = await run('global.anthropic.claude-sonnet-4-5-20250929-v1:0');
      const globalRate = (global.usage.inputTokens * 3.2 + global.usage.outputTokens * 16) / 1e6;
      assert.ok(Math.abs(global.cost.total! - globalRate) < 1e-12, `${global.cost.total} vs ${globalRate}`);
      assert.match(global.cost.basis!, /global/);
    } finally {
      service.dispose();
    }
  });

  it('no permission for pricing:GetProducts: the cost is unavailable with the fix, and the answer is untouched', async () => {
    await local.control.fault({ operation: 'GetProducts', fault: 'accessDenied', times: -1, message: 'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: pricing:GetProducts' });
    const service = localService(local.lb, { maxAttempts: 1 });
    try {
      const nova = await model(service, 'amazon.nova-lite-v1:0');
      const cost = await service.priceAnswer(nova, { inputTokens: 10, outputTokens: 10 });
      assert.equal(cost.status, 'unavailable');
      assert.match(cost.reason!, /pricing:GetProducts/);
      assert.match(cost.reason!, /IAM policy/);
      const { events, error } = await collect(service.chat({ model: nova, messages: [{ role: 'user', text: 'hi' }], settings: {} }));
      assert.equal(error, undefined);
      assert.ok(events.some((e) => e.type === 'text'));
    } finally {
      service.dispose();
    }
    const info = describeError(Object.assign(new Error('Access denied'), { name: 'AccessDeniedException' }), { region: 'eu-west-1', pricing: true });
    assert.equal(info.kind, 'accessDenied');
    assert.match(info.message, /Add "pricing:GetProducts" to its IAM policy/);
    assert.equal(info.action?.label, 'Open IAM policies');
  });

  it('keeps the prices for a day in the store (a reload reads them back), fetches again after, and waits a minute after a failure', async () => {
    let now = 1_000_000;
    let fetches = 0;
    let fail = false;
    const s: ConnectionSettings = { region: 'us-east-1' };
    const backing = memoryPriceStore();
    const rows = [{ model: 'Nova Pro', key: 'novapro', regionCode: 'us-east-1', component: 'input' as const, scope: 'regional' as const, usdPerToken: 1e-6 },
      { model: 'Nova Pro', key: 'novapro', regionCode: 'us-east-1', component: 'output' as const, scope: 'regional' as const, usdPerToken: 4e-6 }];
    const make = (store: PriceStore) => new PriceService({
      store, now: () => now,
      fetch: async () => { fetches++; if (fail) throw Object.assign(new Error('getaddrinfo ENOTFOUND api.pricing.us-east-1.amazonaws.com'), { name: 'Error', code: 'ENOTFOUND' }); return rows; },
      describeError: (err, cs) => describeError(err, { region: cs.region, pricing: true }),
    });
    const first = make(backing);
    const usage = { inputTokens: 1000, outputTokens: 1000 };
    assert.equal((await first.costFor(s, { name: 'Nova Pro' }, usage)).status, 'priced');
    assert.equal((await first.costFor(s, { name: 'Nova Pro' }, usage)).status, 'priced');
    assert.equal(fetches, 1);
    // A new service on the same store (a window reload) uses the kept prices.
    const reloaded = make(backing);
    now += PRICE_TTL_MS - 1;
    assert.equal((await reloaded.costFor(s, { name: 'Nova Pro' }, usage)).status, 'priced');
    assert.equal(fetches, 1);
    // A day later: fetched again; that fetch fails (no network) → unavailable with the reason, chat goes on.
    now += 2;
    fail = true;
    const failed = await reloaded.costFor(s, { name: 'Nova Pro' }, usage);
    assert.equal(failed.status, 'unavailable');
    assert.match(failed.reason!, /^Cost unavailable: /);
    assert.equal(fetches, 2);
    await reloaded.costFor(s, { name: 'Nova Pro' }, usage);
    assert.equal(fetches, 2, 'not asked again within a minute of a failure');
    now += PRICE_RETRY_MS;
    fail = false;
    assert.equal((await reloaded.costFor(s, { name: 'Nova Pro' }, usage)).status, 'priced');
    assert.equal(fetches, 3);
  });
});

// The stand-in's Price List operations through the real @aws-sdk/client-pricing: filters, pages,
// the aws_v1 document shape, stand-in marks, and errors as awsJson1_1 sends them.
import * as assert from 'node:assert/strict';
import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { useLocalBedrock } from '../bedrock/localEndpoint';

interface Doc {
  product: { sku: string; attributes: Record<string, string> };
  terms: { OnDemand: Record<string, { priceDimensions: Record<string, { unit: string; description: string; pricePerUnit: { USD: string } }> }> };
}

describe('local endpoint: the AWS Price List (GetProducts)', () => {
  const local = useLocalBedrock();
  let client: PricingClient;
  before(() => {
    client = new PricingClient({ region: 'us-east-1', endpoint: local.lb.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  });
  after(() => client.destroy());

  const all = async (input: ConstructorParameters<typeof GetProductsCommand>[0]): Promise<Doc[]> => {
    const docs: Doc[] = [];
    let NextToken: string | undefined;
    do {
      const out = await client.send(new GetProductsCommand({ ...input, ...(NextToken ? { NextToken } : {}) }));
      docs.push(...((out.PriceList ?? []) as readonly unknown[]).map((d) => JSON.parse(String(d)) as Doc));
      NextToken = out.NextToken;
    } while (NextToken);
    return docs;
  };

  it('filters by any attribute and pages with NextToken; every price is marked stand-in', async () => {
    const nova = await all({ ServiceCode: 'AmazonBedrock', MaxResults: 3, Filters: [
      { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-west-2' }, { Type: 'TERM_MATCH', Field: 'model', Value: 'Nova Pro' },
    ] });
    assert.deepEqual(nova.map((d) => d.product.attributes.inferenceType).sort(),
      ['Input tokens', 'Output tokens', 'Prompt cache read input tokens', 'Prompt cache write input tokens']);
    for (const d of nova) {
      assert.equal(d.product.attributes.regionCode, 'us-west-2');
      assert.equal(d.product.attributes.feature, 'On-demand Inference');
      const dim = Object.values(Object.values(d.terms.OnDemand)[0]!.priceDimensions)[0]!;
      assert.equal(dim.unit, '1K tokens');
      assert.match(dim.description, /^Stand-in: .*not an AWS price/);
    }
    assert.equal(new Set(nova.map((d) => d.product.sku)).size, 4, 'one sku per product');
    const marketplace = await all({ ServiceCode: 'AmazonBedrockFoundationModels', Filters: [{ Type: 'CONTAINS', Field: 'usagetype', Value: '_global' }, { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-1' }] });
    assert.equal(marketplace.length, 4);
    assert.ok(marketplace.every((d) => d.product.attributes.servicename === 'Claude Sonnet 4.5 (Amazon Bedrock Edition)' && /^USE1-MP:USE1_\w+_Global-Units$/.test(d.product.attributes.usagetype!)));
    assert.deepEqual(await all({ ServiceCode: 'AmazonEC2' }), []);
  });

  it('refuses what GetProducts refuses, with awsJson1_1 error shapes the SDK reads', async () => {
    await assert.rejects(client.send(new GetProductsCommand({ ServiceCode: 'AmazonBedrock', MaxResults: 0 })), (e: Error) => e.name === 'InvalidParameterException');
    await assert.rejects(client.send(new GetProductsCommand({ ServiceCode: 'AmazonBedrock', NextToken: 'nonsense' })), (e: Error) => e.name === 'InvalidNextTokenException');
    await assert.rejects(client.send(new GetProductsCommand({ ServiceCode: 'AmazonBedrock', FormatVersion: 'aws_v2' })), (e: Error) => e.name === 'InvalidParameterException');
    await local.control.fault({ operation: 'GetProducts', fault: 'throttle' });
    await assert.rejects(client.send(new GetProductsCommand({ ServiceCode: 'AmazonBedrock' })), (e: Error) => e.name === 'ThrottlingException');
  });
});

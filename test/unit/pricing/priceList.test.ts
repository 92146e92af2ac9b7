// The Price List parser on documents shaped like GetProducts' real ones: the aws_v1 product /
// terms.OnDemand layout, the attributes Bedrock's products carry (`model`, `feature`,
// `inferenceType`, `regionCode` in AmazonBedrock; `servicename` and the kind of token in
// `usagetype` in AmazonBedrockFoundationModels), as public code that reads Bedrock's prices
// quotes them (see src/bedrock/priceList.ts for the sources). The prices here are made up.
import * as assert from 'node:assert/strict';
import { modelKey, parsePriceList, parsePriceListItem, tokensPerUnit } from '../../../src/bedrock/priceList';

function doc(attributes: Record<string, string>, usd: string, unit = '1K tokens', description = ''): string {
  const sku = 'ABCDEFGH12345678';
  return JSON.stringify({
    product: { productFamily: 'Amazon Bedrock', attributes, sku },
    serviceCode: attributes.servicecode,
    terms: { OnDemand: { [`${sku}.JRTCKXETXF`]: {
      priceDimensions: { [`${sku}.JRTCKXETXF.6YS6EN2CT7`]: { unit, endRange: 'Inf', description, appliesTo: [], rateCode: `${sku}.JRTCKXETXF.6YS6EN2CT7`, beginRange: '0', pricePerUnit: { USD: usd } } },
      sku, effectiveDate: '2026-10-01T00:00:00Z', offerTermCode: 'JRTCKXETXF', termAttributes: {},
    } } },
    version: '20261001000000', publicationDate: '2026-10-01T00:00:00Z',
  });
}

const bedrock = (model: string, inferenceType: string, usd: string, extra: Record<string, string> = {}) => doc({
  servicecode: 'AmazonBedrock', regionCode: 'us-east-1', location: 'US East (N. Virginia)', model, feature: 'On-demand Inference', inferenceType,
  usagetype: `USE1-${model.replace(/\s/g, '')}-input-tokens`, ...extra,
}, usd);

const marketplace = (servicename: string, usagetype: string, usd: string) => doc({
  servicecode: 'AmazonBedrockFoundationModels', regionCode: 'us-east-1', location: 'US East (N. Virginia)', servicename, usagetype,
}, usd, 'Units', `$${usd} per million tokens`);

describe('pricing: the Price List parser', () => {
  it('reads AmazonBedrock rows: input, output, cache read and cache write per token, from per-1K prices', () => {
    const { rows, skipped } = parsePriceList([
      bedrock('Nova Pro', 'Input tokens', '0.0008'),
      bedrock('Nova Pro', 'Output tokens', '0.0032'),
      bedrock('Nova Pro', 'Prompt cache read input tokens', '0.0002'),
      bedrock('Nova Pro', 'Prompt cache write input tokens', '0'),
    ]);
    assert.equal(skipped, 0);
    assert.deepEqual(rows.map((r) => [r.key, r.component, r.scope, r.usdPerToken]), [
      ['novapro', 'input', 'regional', 0.0008 / 1000],
      ['novapro', 'output', 'regional', 0.0032 / 1000],
      ['novapro', 'cacheRead', 'regional', 0.0002 / 1000],
      ['novapro', 'cacheWrite', 'regional', 0],
    ]);
  });

  it('reads the global cross-Region rows of AmazonBedrock as the global scope', () => {
    const row = parsePriceListItem(bedrock('Claude Sonnet 4.6', 'Cross-region global input tokens', '0.003'));
    assert.equal(row?.scope, 'global');
    assert.equal(row?.component, 'input');
  });

  it('leaves out batch, provisioned, customization, flex and priority rows', () => {
    const { rows, skipped } = parsePriceList([
      bedrock('Nova Pro', 'Batch input tokens', '0.0004'),
      bedrock('Nova Pro', 'Input tokens', '0.001', { feature: 'Model Customization' }),
      bedrock('Nova Pro', 'Input tokens', '0.001', { feature: 'Provisioned Throughput' }),
      bedrock('Nova Lite', 'Input tokens flex', '0.00003'),
      bedrock('Nova Lite', 'Input tokens priority', '0.0001'),
    ]);
    assert.deepEqual(rows, []);
    assert.equal(skipped, 5);
  });

  it('reads AmazonBedrockFoundationModels rows in both usagetype forms, per million tokens, with the global scope', () => {
    const { rows } = parsePriceList([
      marketplace('Claude Sonnet 4.5 (Amazon Bedrock Edition)', 'USE1-MP:USE1_InputTokenCount-Units', '3.3'),
      marketplace('Claude Sonnet 4.5 (Amazon Bedrock Edition)', 'USE1-MP:USE1_OutputTokenCount_Global-Units', '15'),
      marketplace('Claude Sonnet 4.5 (Amazon Bedrock Edition)', 'USE1-MP:USE1_CacheReadInputTokenCount-Units', '0.33'),
      marketplace('Claude Opus 5 (Amazon Bedrock Edition)', 'USE1-MP:USE1_cache_write_tokens_global_standard-Units', '6.25'),
      marketplace('Claude Opus 5 (Amazon Bedrock Edition)', 'USE1-MP:USE1_input_tokens_standard-Units', '5'),
    ]);
    assert.deepEqual(rows.map((r) => [r.key, r.component, r.scope]), [
      ['claudesonnet45', 'input', 'regional'],
      ['claudesonnet45', 'output', 'global'],
      ['claudesonnet45', 'cacheRead', 'regional'],
      ['claudeopus5', 'cacheWrite', 'global'],
      ['claudeopus5', 'input', 'regional'],
    ]);
    assert.ok(Math.abs(rows[0]!.usdPerToken - 3.3e-6) < 1e-15);
  });

  it('leaves out the 1-hour cache write, batch and flex Marketplace rows (Converse usage counts the default cache write)', () => {
    const { rows } = parsePriceList([
      marketplace('Claude Opus 5 (Amazon Bedrock Edition)', 'USE1-MP:USE1_CacheWrite1hInputTokenCount-Units', '10'),
      marketplace('Claude Opus 5 (Amazon Bedrock Edition)', 'USE1-MP:USE1_cache_write_tokens_1h_global_standard-Units', '10'),
      marketplace('Claude Opus 5 (Amazon Bedrock Edition)', 'USE1-MP:USE1_InputTokenCount_Batch-Units', '2.5'),
      marketplace('Claude Opus 5 (Amazon Bedrock Edition)', 'USE1-MP:USE1_input_tokens_flex-Units', '2.5'),
    ]);
    assert.deepEqual(rows, []);
  });

  it('never guesses a unit: a row whose unit and description name no token count is left out', () => {
    assert.equal(parsePriceListItem(doc({ servicecode: 'AmazonBedrock', regionCode: 'us-east-1', model: 'Nova Pro', feature: 'On-demand Inference', inferenceType: 'Input tokens' }, '0.5', 'Units', 'per request')), undefined);
    assert.equal(tokensPerUnit('1K tokens'), 1000);
    assert.equal(tokensPerUnit('1M tokens'), 1_000_000);
    assert.equal(tokensPerUnit('Units', '$3.00 per million input tokens'), 1_000_000);
    assert.equal(tokensPerUnit('Units', 'per image'), undefined);
  });

  it('skips what is not a price document, and takes a string-like item as the SDK may hand it over', () => {
    assert.equal(parsePriceListItem('not json'), undefined);
    assert.equal(parsePriceListItem('{}'), undefined);
    assert.equal(parsePriceListItem(bedrock('Nova Pro', 'Input tokens', 'n/a')), undefined);
    const lazy = new String(bedrock('Nova Lite', 'Input tokens', '0.00006'));
    assert.equal(parsePriceListItem(lazy)?.key, 'novalite');
  });

  it('matches model names by letters and digits, without "(Amazon Bedrock Edition)" or a leading provider', () => {
    assert.equal(modelKey('Claude 3.5 Sonnet v2'), 'claude35sonnetv2');
    assert.equal(modelKey('Claude Sonnet 4.5 (Amazon Bedrock Edition)'), 'claudesonnet45');
    assert.equal(modelKey('Meta Llama 3 8B', 'Meta'), 'llama38b');
  });
});

// The cost of an answer: each kind of token by its own price, cross-Region profiles priced as
// Bedrock prices them, and "price unknown" wherever the Price List has no price.
import * as assert from 'node:assert/strict';
import { costOf, PriceBook, profileScope } from '../../../src/bedrock/cost';
import type { PriceRow } from '../../../src/bedrock/priceList';
import { cheapest, conversationCost, conversationCostLabel, costDetail, costLabel, formatUsd } from '../../../src/protocol/cost';
import type { TurnView } from '../../../src/protocol/chat';

const row = (model: string, component: PriceRow['component'], usdPer1k: number, scope: PriceRow['scope'] = 'regional', regionCode = 'us-east-1'): PriceRow =>
  ({ model, key: model.toLowerCase().replace(/[^a-z0-9]/g, ''), regionCode, component, scope, usdPerToken: usdPer1k / 1000 });

const book = new PriceBook('us-east-1', [
  row('Nova Pro', 'input', 0.8), row('Nova Pro', 'output', 3.2), row('Nova Pro', 'cacheRead', 0.2), row('Nova Pro', 'cacheWrite', 0),
  row('Nova Pro', 'input', 99, 'regional', 'eu-west-1'),
  row('Claude Sonnet 4.5', 'input', 3.3), row('Claude Sonnet 4.5', 'output', 16.5),
  row('Claude Sonnet 4.5', 'input', 3, 'global'), row('Claude Sonnet 4.5', 'output', 15, 'global'),
  row('Claude 3 Haiku', 'input', 0.25), row('Claude 3 Haiku', 'output', 1.25),
  row('Llama 3.3 70B', 'input', 0.72), row('Llama 3.3 70B', 'output', 0.72),
], 0);

const close = (a: number | undefined, b: number) => assert.ok(a !== undefined && Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);

describe('pricing: the cost of an answer', () => {
  it('prices input, output, cache read and cache write tokens separately, in the Region asked', () => {
    const c = costOf({ inputTokens: 1000, outputTokens: 500, cacheReadInputTokens: 4000, cacheWriteInputTokens: 2000 }, book, { name: 'Nova Pro', provider: 'Amazon' });
    assert.equal(c.status, 'priced');
    close(c.input, 0.8);
    close(c.output, 1.6);
    close(c.cacheRead, 0.8);
    close(c.cacheWrite, 0);
    close(c.total, 3.2);
    assert.match(c.basis!, /us-east-1 on-demand prices, AWS Price List/);
  });

  it('prices a geographic cross-Region profile at the source Region\'s on-demand price, a global profile at the global price', () => {
    const usage = { inputTokens: 1000, outputTokens: 1000 };
    const model = { name: 'Claude Sonnet 4.5', provider: 'Anthropic' };
    close(costOf(usage, book, model).total, 3.3 + 16.5);
    const geo = costOf(usage, book, model, 'us.anthropic.claude-sonnet-4-5-20250929-v1:0');
    close(geo.total, 3.3 + 16.5);
    assert.match(geo.basis!, /source Region/);
    const global = costOf(usage, book, model, 'global.anthropic.claude-sonnet-4-5-20250929-v1:0');
    close(global.total, 3 + 15);
    assert.match(global.basis!, /global/);
    // A global profile of a model with no global rows: the source Region's price (Bedrock pricing page).
    close(costOf(usage, book, { name: 'Claude 3 Haiku' }, 'global.anthropic.claude-3-haiku-20240307-v1:0').total, 0.25 + 1.25);
    assert.equal(profileScope('arn:aws:bedrock:us-east-1:123:inference-profile/eu.amazon.nova-pro-v1:0'), 'geo');
    assert.equal(profileScope('amazon.nova-pro-v1:0'), undefined);
  });

  it('finds a catalog name with a trailing "Instruct" under the Price List\'s shorter name', () => {
    close(costOf({ inputTokens: 1000, outputTokens: 1000 }, book, { name: 'Llama 3.3 70B Instruct', provider: 'Meta' }).total, 1.44);
  });

  it('says "price unknown" for a model the Price List does not price, and never invents one', () => {
    const c = costOf({ inputTokens: 10, outputTokens: 10 }, book, { name: 'Mistral 7B Instruct' });
    assert.equal(c.status, 'unknown');
    assert.equal(c.total, undefined);
    assert.match(c.reason!, /^price unknown: .*Mistral 7B Instruct.*us-east-1/);
  });

  it('says "price unknown" when cache tokens were used and their price is missing (a partial sum would mislead)', () => {
    const c = costOf({ inputTokens: 10, outputTokens: 10, cacheReadInputTokens: 100 }, book, { name: 'Claude 3 Haiku' });
    assert.equal(c.status, 'unknown');
    assert.match(c.reason!, /cache read/);
    // No cache tokens: the missing cache prices do not matter.
    assert.equal(costOf({ inputTokens: 10, outputTokens: 10, cacheReadInputTokens: 0 }, book, { name: 'Claude 3 Haiku' }).status, 'priced');
  });

  it('words a cost, sums a conversation and marks the cheapest of Compare\'s answers', () => {
    assert.equal(formatUsd(0), '$0');
    assert.equal(formatUsd(0.0000123), '$0.000012');
    assert.equal(formatUsd(0.0123), '$0.0123');
    assert.equal(formatUsd(2.5), '$2.50');
    const priced = costOf({ inputTokens: 1000, outputTokens: 500 }, book, { name: 'Nova Pro' });
    assert.equal(costLabel(priced), '$2.40');
    assert.match(costDetail(priced), /^input \$0\.8000, output \$1\.60 — us-east-1/);
    assert.equal(costLabel({ status: 'unknown', reason: 'price unknown: x' }), 'price unknown');
    assert.equal(costLabel({ status: 'unavailable', reason: 'Cost unavailable: no permission' }), 'unavailable');

    const answer = (total: number | undefined, status: TurnView['status'] = 'done'): TurnView => ({
      id: String(Math.random()), role: 'assistant', text: 'a', status, createdAt: 0,
      metrics: { cost: total === undefined ? { status: 'unknown', reason: 'price unknown: x' } : { status: 'priced', total } },
    });
    const turns = [answer(0.01), { id: 'u', role: 'user', text: 'q', status: 'done', createdAt: 0 } as TurnView, answer(0.02), answer(undefined)];
    const sum = conversationCost(turns)!;
    close(sum.total, 0.03);
    assert.equal(sum.priced, 2);
    assert.equal(sum.unpriced, 1);
    assert.equal(conversationCostLabel(sum), 'Cost $0.0300 (2 answers; 1 not priced)');
    assert.equal(conversationCost([]), undefined);

    assert.deepEqual(cheapest([answer(0.02), answer(0.01), answer(undefined), undefined]), [false, true, false, false]);
    assert.deepEqual(cheapest([answer(0.01), answer(0.01)]), [true, true]);
    assert.deepEqual(cheapest([answer(0.01), answer(0.001, 'error')]), [false, false], 'a failed answer takes no part, and one priced answer is the cheapest of nothing');
  });
});

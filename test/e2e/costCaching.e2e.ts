// Spending less, seen in a real VS Code against the local Bedrock endpoint: the same long system
// prompt sent twice with "Cache the prompt" shows cache written then cache read in the metrics,
// and the second answer costs less;
// reasoning with a budget shows the reasoning and sends the budget; the composer shows the token
// count from CountTokens (and an estimate, labelled, for a model without it).
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { useSession } from './support/session';
import { closeSideBars, runCommand, sendMessage, webview } from './support/workbench';

const SONNET = 'anthropic.claude-3-7-sonnet-20250219-v1:0';
const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const NOVA_2 = 'amazon.nova-2-lite-v1:0';
const GPT_OSS = 'openai.gpt-oss-20b-1:0';
/** 1,100 stand-in tokens: above Claude 3.7 Sonnet's 1,024 per cache checkpoint. */
const LONG_SYSTEM = Array.from({ length: 1100 }, (_, i) => `guideline${i}`).join(' ');

const chat = (page: Page): Locator => webview(page).locator('#panel-chat');
const lastAnswer = (view: Locator) => view.locator('.turn-assistant').last();

async function idle(view: Locator): Promise<void> {
  await view.locator('vscode-button.send:not(.stop)').waitFor({ state: 'visible', timeout: 30_000 });
  await lastAnswer(view).locator('.turn-footer .metrics, .error-box').first().waitFor({ state: 'visible', timeout: 30_000 });
}

/** An answer's cost in USD, as its metrics show it ("$0.0041"). */
async function costOf(answer: Locator): Promise<number> {
  const cost = answer.locator('.metric-cost');
  await cost.waitFor({ state: 'visible', timeout: 30_000 });
  const text = await cost.locator('.metric-value').innerText();
  assert.match(text, /^\$[\d.]+$/, `a priced cost (${text}: ${await cost.getAttribute('title')})`);
  return Number(text.slice(1));
}

async function showParameters(view: Locator): Promise<void> {
  if (!(await view.locator('.params').isVisible())) await view.locator('.params-toggle').click();
  await view.locator('.params').waitFor({ state: 'visible' });
}

describe('prompt caching, reasoning budget and token counts', () => {
  const session = useSession({ name: 'cost-caching' });

  it('caches a long system prompt: the first answer writes the cache, the second reads it', async () => {
    const { page, bedrock } = session();
    await closeSideBars(page);
    await runCommand(page, 'Bedrock: Chat');
    const view = chat(page);
    await view.locator(`#model-select option[value="${SONNET}"]`).waitFor({ state: 'attached', timeout: 30_000 });
    await view.locator('#model-select').selectOption(SONNET);
    await showParameters(view);
    await view.locator('vscode-checkbox.param-cache').waitFor({ state: 'visible' });
    await view.locator('#param-system').fill(LONG_SYSTEM);
    await view.locator('vscode-checkbox.param-cache').click();
    await view.locator('.param-cache-block .param-reason').getByText(/shorter than 1,024 tokens/).waitFor();

    await sendMessage(view, 'First question about the guidelines');
    await idle(view);
    await lastAnswer(view).locator('.metric-cache').getByText('0 read / 1,100 written').waitFor();
    const firstCost = await costOf(lastAnswer(view));
    const first = await bedrock.waitForRequest((r) => r.operation === 'ConverseStream' && /First question/.test(JSON.stringify(r.body)));
    const sentSystem = (first.body as { system?: unknown[] }).system;
    assert.deepEqual(sentSystem?.at(-1), { cachePoint: { type: 'default' } });

    await sendMessage(view, 'Second question about the guidelines');
    await idle(view);
    await lastAnswer(view).locator('.metric-cache').getByText('1,100 read / 0 written').waitFor();
    // The cached prefix is priced as a cache read (a tenth of input in the stand-in's prices), not as a write.
    const secondCost = await costOf(lastAnswer(view));
    assert.ok(secondCost < firstCost, `the second answer costs less (${secondCost} vs ${firstCost} USD)`);
    await session().screenshot('cache-read-metrics');
  });

  it('reasons with a budget: temperature is disabled with the reason, the budget is sent, the reasoning shows', async () => {
    const { page, bedrock } = session();
    const view = chat(page);
    await view.locator('vscode-checkbox.param-reasoning').click();
    const field = view.locator('.param-reasoning-field');
    await field.waitFor({ state: 'visible' });
    await field.fill('1500');
    await field.press('Tab');
    await view.locator('.param-temperature .param-reason').getByText(/extended thinking does not take temperature/).waitFor();
    assert.equal(await view.locator('#param-temperature').isDisabled(), true);
    await view.locator('.param-reasoningBudget .param-reason').getByText(/1,024 to 4,095/).waitFor();
    await session().screenshot('params-panel-with-caching-and-reasoning');

    await sendMessage(view, 'Think before you answer this');
    await idle(view);
    const answer = lastAnswer(view);
    await answer.locator('details.reasoning summary').click();
    await answer.locator('.reasoning-text').getByText(/The user wrote/).waitFor();
    await answer.locator('.metric-reasoning').getByText(/tokens \(estimate, part of out\)/).waitFor();
    const call = await bedrock.waitForRequest((r) => r.operation === 'ConverseStream' && /Think before you answer/.test(JSON.stringify(r.body)));
    const body = call.body as { additionalModelRequestFields?: unknown; inferenceConfig?: { maxTokens?: number; temperature?: number } };
    assert.deepEqual(body.additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 1500 } });
    assert.equal(body.inferenceConfig?.maxTokens, 4096);
    assert.equal(body.inferenceConfig?.temperature, undefined);
    await answer.locator('.metric-reasoning').scrollIntoViewIfNeeded();
    await session().screenshot('reasoning-answer-metrics');
  });

  it('shows the draft token count from CountTokens, and an estimate where the model has none', async () => {
    const { page, bedrock } = session();
    const view = chat(page);
    const input = view.locator('#composer-input');
    await input.click();
    await input.fill('How many tokens is this?');
    // The system prompt (1,100) and the message (5), counted by the stand-in's CountTokens.
    await view.locator('.composer-tokens').getByText('1,105 tokens', { exact: true }).waitFor();
    const counted = await bedrock.waitForRequest((r) => r.operation === 'CountTokens');
    assert.equal(counted.modelId, SONNET, 'CountTokens gets the bare model id');
    await session().screenshot('composer-token-count');

    await view.locator('#model-select').selectOption(HAIKU);
    await input.fill('How many tokens is this now?');
    await view.locator('.composer-tokens').getByText(/^≈ [\d,]+ tokens \(estimate\)$/).waitFor();
  });

  it('reasons at an effort level on Nova 2: the level is sent as reasoningConfig, the reasoning shows redacted', async () => {
    const { page, bedrock } = session();
    const view = chat(page);
    await view.locator('#model-select').selectOption(NOVA_2);
    await showParameters(view);
    const effort = view.locator('#param-reasoning-effort');
    await view.locator('vscode-checkbox.param-reasoning').waitFor({ state: 'visible' });
    assert.equal(await effort.isVisible(), false, 'no level until reasoning is on');
    await view.locator('vscode-checkbox.param-reasoning').click();
    await effort.waitFor({ state: 'visible' });
    assert.equal(await effort.inputValue(), 'low');
    await effort.selectOption('high');
    await view.locator('.param-reasoningEffort .param-reason').getByText(/reasons only when asked/).waitFor();
    assert.equal(await view.locator('#param-temperature').isDisabled(), false, 'no parameter is documented as refused');
    await view.locator('.param-reasoning-block').scrollIntoViewIfNeeded();
    await session().screenshot('params-panel-reasoning-effort');

    await sendMessage(view, 'Reason hard about this one');
    await idle(view);
    const answer = lastAnswer(view);
    await answer.locator('details.reasoning summary').click();
    await answer.locator('.reasoning-text').getByText('[REDACTED]').waitFor();
    const call = await bedrock.waitForRequest((r) => r.operation === 'ConverseStream' && /Reason hard about/.test(JSON.stringify(r.body)));
    const body = call.body as { additionalModelRequestFields?: unknown };
    assert.deepEqual(body.additionalModelRequestFields, { reasoningConfig: { type: 'enabled', maxReasoningEffort: 'high' } });
  });

  it('gpt-oss always reasons: no checkbox, its effort keeps the level chosen before or the model default, and is sent', async () => {
    const { page, bedrock } = session();
    const view = chat(page);
    await view.locator('#model-select').selectOption(GPT_OSS);
    const effort = view.locator('#param-reasoning-effort');
    await effort.waitFor({ state: 'visible' });
    assert.equal(await view.locator('vscode-checkbox.param-reasoning').isVisible(), false);
    assert.equal(await effort.inputValue(), 'high', 'the level chosen for Nova 2 is one gpt-oss takes too');
    await view.locator('.param-reasoningEffort .param-reason').getByText(/always reasons/).waitFor();
    assert.equal(await effort.locator('option[value=""]').textContent(), 'Model default (medium)');
    await effort.selectOption({ value: 'low' });
    assert.equal(await effort.inputValue(), 'low');
    await view.locator('.param-reasoning-block').scrollIntoViewIfNeeded();
    await session().screenshot('params-panel-gpt-oss-effort');
    await sendMessage(view, 'Low effort for gpt-oss');
    await idle(view);
    const call = await bedrock.waitForRequest((r) => r.operation === 'ConverseStream' && /Low effort for gpt-oss/.test(JSON.stringify(r.body)));
    assert.deepEqual((call.body as { additionalModelRequestFields?: unknown }).additionalModelRequestFields, { reasoning_effort: 'low' });
    await lastAnswer(view).locator('details.reasoning').waitFor();
  });
});

// What an answer costs, in a real VS Code (code-server) and Chromium against the local Bedrock
// endpoint, whose Price List serves stand-in prices: each answer's metrics show its cost, the
// chat header shows the conversation's total, and Compare's summary marks the cheapest answer.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { useSession } from './support/session';
import { closeSideBars, runCommand, sendMessage, webview } from './support/workbench';

const NOVA_MICRO = 'amazon.nova-micro-v1:0';
const NOVA_PRO = 'amazon.nova-pro-v1:0';
const MISTRAL = 'mistral.mistral-7b-instruct-v0:2';

function chat(page: Page): Locator {
  return webview(page).locator('#panel-chat');
}

const dollars = (text: string): number => {
  const m = /\$([0-9.e-]+)/.exec(text);
  assert.ok(m, `no amount in "${text}"`);
  return Number(m[1]);
};

describe('costs of answers', () => {
  const session = useSession({ name: 'cost' });

  it('shows each answer\'s cost and the conversation\'s total in the chat header; "price unknown" for a model without a price', async () => {
    const { page } = session();
    await page.setViewportSize({ width: 1300, height: 850 });
    await closeSideBars(page);
    // A conversation of its own: the session may be shared with a suite that left a chat open.
    await runCommand(page, 'Bedrock: New Chat');
    const view = chat(page);
    await view.locator(`#model-select option[value="${NOVA_MICRO}"]`).waitFor({ state: 'attached', timeout: 30_000 });
    await view.locator('#model-select').selectOption(NOVA_MICRO);

    await sendMessage(view, 'Name a river.');
    const first = view.locator('.turn-assistant').nth(0).locator('.metric-cost');
    await first.waitFor({ timeout: 60_000 });
    const firstCost = dollars(await first.locator('.metric-value').innerText());
    assert.ok(firstCost > 0, 'a priced answer');
    assert.match((await first.getAttribute('title')) ?? '', /input \$.*output \$.*stand-in prices of the local endpoint/);
    const total = view.locator('.conversation-cost');
    await total.getByText(/Cost \$.* \(1 answer\)/).waitFor();

    await sendMessage(view, 'And a mountain?');
    await view.locator('.turn-assistant').nth(1).locator('.metric-cost').waitFor({ timeout: 60_000 });
    await total.getByText(/\(2 answers\)/).waitFor();
    const secondCost = dollars(await view.locator('.turn-assistant').nth(1).locator('.metric-cost .metric-value').innerText());
    const sum = dollars(await total.innerText());
    assert.ok(Math.abs(sum - (firstCost + secondCost)) <= Math.max(sum, firstCost + secondCost) * 0.06, `total ${sum} = ${firstCost} + ${secondCost} (as shown, rounded)`);

    // A model the Price List has no price for: said so, never a made-up price.
    await view.locator('#model-select').selectOption(MISTRAL);
    await sendMessage(view, 'One more?');
    const unknown = view.locator('.turn-assistant').nth(2).locator('.metric-cost');
    await unknown.waitFor({ timeout: 60_000 });
    assert.equal(await unknown.locator('.metric-value').innerText(), 'price unknown');
    assert.match((await unknown.getAttribute('title')) ?? '', /price unknown: the AWS Price List has no on-demand price for Mistral 7B Instruct/);
    await total.getByText(/2 answers; 1 not priced/).waitFor();
    await session().screenshot('chat-answer-costs');
  });

  it('marks the cheapest answer in Compare\'s summary', async () => {
    const { page } = session();
    await page.setViewportSize({ width: 1400, height: 900 });
    await runCommand(page, 'Bedrock: Chat');
    await webview(page).locator('#tab-compare').click();
    const view = webview(page).locator('#panel-compare');
    await view.locator(`#compare1-model-select option[value="${NOVA_MICRO}"]`).waitFor({ state: 'attached', timeout: 30_000 });
    await view.locator('#compare0-model-select').selectOption(NOVA_PRO);
    await view.locator('#compare1-model-select').selectOption(NOVA_MICRO);
    await view.locator('#compare-input').fill('Compare the cost: name a lake');
    await view.locator('#compare-input').press('Enter');
    // The summary row sits under the columns, one cell per column; the cheapest tag shows in the second.
    const tag = view.locator('.summary-cheapest');
    await tag.first().waitFor({ timeout: 60_000 });
    assert.equal(await tag.count(), 1, 'one cheapest answer');
    const cells = view.locator('.compare-summary-cell');
    const texts = await cells.allInnerTexts();
    assert.ok(texts.some((t) => /CHEAPEST/.test(t) && /\$/.test(t)), texts.join(' | '));
    const cheapestCell = texts.findIndex((t) => /CHEAPEST/.test(t));
    assert.equal(cheapestCell, 1, `Nova Micro's column is the cheapest: ${texts.join(' | ')}`);
    await session().screenshot('compare-cheapest');
  });
});

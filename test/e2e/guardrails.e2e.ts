// Guardrails in the real VS Code: a chat sent with the stand-in guardrail that blocks a word shows
// the intervention and the policy under the answer; "Bedrock: Test Guardrail…" (ApplyGuardrail,
// no model called) shows the masked e-mail address. Stand-in guardrails: test/localBedrock/guardrails.ts.
import * as assert from 'node:assert/strict';
import { useSession } from './support/session';
import { closeSideBars, editorTab, runCommand, sendMessage, waitForText, webview } from './support/workbench';

const quickInput = '.quick-input-widget input[type="text"]';

describe('Guardrails in the playground', () => {
  const session = useSession({ name: 'guardrails' });

  it('a chat with the word-filter guardrail shows that it blocked the prompt, and which word', async () => {
    const { page, bedrock } = session();
    await closeSideBars(page);
    await runCommand(page, 'Bedrock: New Chat');
    await editorTab(page, 'Bedrock Chat').first().waitFor({ state: 'visible' });
    const view = webview(page);
    await view.locator('#app:not([aria-busy])').waitFor({ state: 'attached' });
    const select = view.locator('#guardrail-select');
    // The list comes from ListGuardrails: one option group per guardrail, one option per version.
    await select.locator('option[value="gr1topicword@1"]').waitFor({ state: 'attached' });
    assert.deepEqual(await select.locator('optgroup').evaluateAll((els) => els.map((e) => e.getAttribute('label'))), ['Mask e-mail addresses', 'No investment advice']);
    await select.selectOption('gr1topicword@1');
    await bedrock.clearRequests();

    await sendMessage(view.locator('body'), 'Tell me a story about a pineapple');
    const outcome = view.locator('.guardrail-outcome').last();
    await outcome.waitFor({ state: 'visible' });
    assert.equal((await outcome.locator('.guardrail-summary').textContent())?.trim(), "Guardrail 'No investment advice' (version 1) blocked the prompt: word 'pineapple'.");
    await waitForText(view, 'Sorry, the model cannot answer this question.');
    assert.match(await view.locator('.metric-stop').last().innerText(), /guardrail_intervened/);
    await outcome.locator('.guardrail-assessment > summary').click();
    assert.equal((await outcome.locator('li').first().innerText()).trim(), "BLOCKED Word filters: word 'pineapple' (prompt)");

    // What went to Bedrock: the guardrail, its version, trace on, and sync streaming.
    const sent = [...await bedrock.requestsFor('ConverseStream'), ...await bedrock.requestsFor('Converse')];
    assert.equal(sent.length, 1);
    assert.deepEqual((sent[0]!.body as { guardrailConfig?: unknown }).guardrailConfig,
      sent[0]!.operation === 'ConverseStream'
        ? { guardrailIdentifier: 'gr1topicword', guardrailVersion: '1', trace: 'enabled', streamProcessingMode: 'sync' }
        : { guardrailIdentifier: 'gr1topicword', guardrailVersion: '1', trace: 'enabled' });
    await session().screenshot('chat-blocked-word');

    // The button beside the picker starts the test for the chosen guardrail: it asks for the source next.
    await view.locator('.guardrail-test').first().click();
    await page.waitForFunction(() => document.querySelector('.quick-input-widget .quick-input-title')?.textContent?.includes('Test Guardrail (2/3)'), undefined, { timeout: 60_000 });
    await page.keyboard.press('Escape');
  });

  it('"Bedrock: Test Guardrail…" shows the e-mail address masked, without calling a model', async () => {
    const { page, bedrock } = session();
    await bedrock.clearRequests();
    // The palette's widget may still be closing (inert) when the command's own pick reuses it, on
    // a busy machine: close it and run the command again rather than fail on that transition.
    for (let attempt = 1; ; attempt++) {
      await runCommand(page, 'Bedrock: Test Guardrail…');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Mask e-mail addresses' }).first().waitFor({ state: 'visible' });
      try {
        await page.locator(quickInput).fill('Mask e-mail', { timeout: 5000 });
        break;
      } catch (err) {
        if (attempt >= 4) throw err;
        await page.keyboard.press('Escape');
        await page.locator(quickInput).waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
      }
    }
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Version 1' }).first().click();
    await page.waitForFunction(() => document.querySelector('.quick-input-widget .quick-input-title')?.textContent?.includes('Test Guardrail (2/3)'), undefined, { timeout: 60_000 });
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Output' }).first().click();
    await page.waitForFunction(() => document.querySelector('.quick-input-widget .quick-input-title')?.textContent?.includes('Test Guardrail (3/3)'), undefined, { timeout: 60_000 });
    await page.locator(quickInput).fill('Please write to ana.silva@example.com today.');
    await page.keyboard.press('Enter');

    await editorTab(page, /Guardrail Mask e-mail addresses/).first().waitFor({ state: 'visible' });
    const editor = page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
    await editor.getByText('Please write to {EMAIL} today.').first().waitFor({ state: 'visible' });
    const shown = (await editor.innerText()).replace(/\u00a0/g, ' ');
    assert.match(shown, /Outcome: the guardrail intervened \(action GUARDRAIL_INTERVENED\)/);
    assert.match(shown, /masked the answer: e-mail address \(EMAIL\)/);
    assert.match(shown, /ANONYMIZED: e-mail address \(EMAIL\) \(sensitive information filters\)/);
    const applied = await bedrock.requestsFor('ApplyGuardrail');
    assert.equal(applied.length, 1);
    assert.equal(applied[0]!.modelId, 'gr2emailmask');
    assert.equal((await bedrock.requestsFor('Converse')).length + (await bedrock.requestsFor('ConverseStream')).length, 0, 'no model was called');
    await session().screenshot('test-guardrail-masked');
  });

  it('Compare: each column has its own guardrail; only the column with the e-mail guardrail masks the address', async () => {
    const { page, bedrock } = session();
    const outer = webview(page);
    await outer.locator('#tab-compare').click();
    const view = outer.locator('#panel-compare');
    const column = (i: number) => view.locator(`.compare-column[data-column="${i}"]`);
    await view.locator('#compare0-guardrail-select option[value="gr2emailmask@1"]').waitFor({ state: 'attached' });
    await view.locator('#compare1-guardrail-select option[value="gr2emailmask@1"]').waitFor({ state: 'attached' });
    await view.locator('#compare0-guardrail-select').selectOption('gr2emailmask@1');
    await view.locator('#compare1-guardrail-select').selectOption('');
    await bedrock.clearRequests();
    await view.locator('#compare-input').fill('Forward this to ana@example.com');
    await view.locator('#compare-input').press('Enter');

    const first = column(0).locator('.turn-assistant').last();
    const second = column(1).locator('.turn-assistant').last();
    await first.locator('.guardrail-summary').waitFor({ state: 'visible' });
    assert.equal((await first.locator('.guardrail-summary').textContent())?.trim(), "Guardrail 'Mask e-mail addresses' (version 1) masked the prompt: e-mail address (EMAIL).");
    await first.getByText('Forward this to {EMAIL}').first().waitFor({ state: 'visible' });
    await second.getByText('Forward this to ana@example.com').first().waitFor({ state: 'visible' });
    await second.locator('.metric-stop').waitFor({ state: 'visible' });
    assert.equal(await second.locator('.guardrail-outcome').count(), 0, 'no guardrail in the second column');
    const sent = [...await bedrock.requestsFor('ConverseStream'), ...await bedrock.requestsFor('Converse')];
    assert.deepEqual(sent.map((r) => ((r.body as { guardrailConfig?: { guardrailIdentifier?: string } }).guardrailConfig?.guardrailIdentifier ?? 'none')).sort(), ['gr2emailmask', 'none']);
    await session().screenshot('compare-guardrail-per-column');
  });
});

// Compare mode as a person uses it, in a real VS Code (code-server) and Chromium against the local
// Bedrock endpoint: two models side by side, settings copied from the first column, one prompt
// streaming into both columns at once, metrics under each answer and the summary row's marks,
// three columns, a narrow editor, a reload, and "Continue with this model".
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { useSession } from './support/session';
import { readmeScreenshot } from './support/artifacts';
import { closeSideBars, editorTab, runCommand, waitForWorkbench, webview, webviewDocument } from './support/workbench';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const NOVA_LITE = 'amazon.nova-lite-v1:0';
const PROMPT = 'Compare: name three rivers';

function compare(page: Page): Locator {
  return webview(page).locator('#panel-compare');
}

const column = (view: Locator, i: number) => view.locator(`.compare-column[data-column="${i}"]`);
const answerOf = (view: Locator, i: number) => column(view, i).locator('.turn-assistant').last();

async function openCompare(page: Page): Promise<Locator> {
  await runCommand(page, 'Bedrock: Chat');
  await webview(page).locator('#tab-compare').click();
  const view = compare(page);
  await view.locator(`#compare1-model-select option[value="${NOVA_LITE}"]`).waitFor({ state: 'attached', timeout: 30_000 });
  return view;
}

describe('compare mode in the playground', () => {
  const session = useSession({ name: 'compare', settings: { 'workbench.colorTheme': 'Default Dark Modern' } });

  it('streams one prompt into two columns side by side, each with its own model and the first column\'s settings', async () => {
    const { page, bedrock } = session();
    await page.setViewportSize({ width: 1400, height: 900 });
    const view = await openCompare(page);
    await view.locator('#compare0-model-select').selectOption(HAIKU);
    await view.locator('#compare1-model-select').selectOption(NOVA_LITE);
    // Parameters of the first column, then one click copies them to the second.
    await column(view, 0).locator('.compare-params > summary').click();
    await view.locator('#compare0-param-temperature').waitFor();
    await column(view, 0).locator('.param-temperature .param-field').fill('0.25');
    await column(view, 0).locator('.param-temperature .param-field').press('Tab');
    await view.locator('#compare0-param-system').fill('Answer briefly.');
    await view.locator('.compare-copy-settings').click();
    await view.getByText('Copied the first column\'s parameters to column 2.').waitFor();
    await column(view, 1).locator('.compare-params > summary').click();
    assert.equal(await column(view, 1).locator('.param-temperature .param-field').inputValue(), '0.25');
    assert.equal(await view.locator('#compare1-param-system').inputValue(), 'Answer briefly.');
    await session().screenshot('two-columns-settings-copied');
    await column(view, 0).locator('.compare-params > summary').click();
    await column(view, 1).locator('.compare-params > summary').click();

    await bedrock.setTokensPerSecond(40);
    // The page records which column's answer grew, at each change it paints.
    const doc = await webviewDocument(page);
    // (A string: the test runner's transform would give the page helpers it lacks, e.g. __name.)
    await doc.evaluate(`(() => {
      window.grew = [];
      const last = [0, 0];
      const length = (i) => {
        const bodies = document.querySelectorAll('#panel-compare .compare-column[data-column="' + i + '"] .turn-assistant .turn-body');
        return bodies.length ? (bodies[bodies.length - 1].textContent || '').length : 0;
      };
      new MutationObserver(() => {
        for (const i of [0, 1]) {
          const len = length(i);
          if (len > last[i]) window.grew.push(i);
          last[i] = len;
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    })()`);
    await view.locator('#compare-input').fill(PROMPT);
    await view.locator('#compare-input').press('Enter');
    for (const i of [0, 1]) await answerOf(view, i).locator('.turn-body').getByText(/\S/).first().waitFor({ timeout: 30_000 });
    await session().screenshot('both-columns-streaming');
    await view.locator('vscode-button.compare-send:not(.busy)').waitFor({ timeout: 60_000 });
    // They stream concurrently: growth alternates between the columns (one after the other would switch once).
    const grew = await doc.evaluate(() => (window as unknown as { grew: number[] }).grew);
    const switches = grew.filter((c, k) => k > 0 && c !== grew[k - 1]).length;
    assert.ok(switches >= 3, `the columns took turns growing ${switches} times (${grew.join('')})`);

    for (const i of [0, 1]) {
      const a = answerOf(view, i);
      await a.locator('.turn-footer .metrics').waitFor({ timeout: 30_000 });
      for (const m of ['.metric-ttft', '.metric-latency', '.metric-tokens', '.metric-stop', '.metric-invoked']) {
        assert.ok(await a.locator(m).isVisible(), `column ${i + 1} shows ${m}`);
      }
      assert.ok(await a.getByText('View API request').isVisible());
    }
    assert.match((await answerOf(view, 0).locator('.metric-invoked').textContent()) ?? '', /claude-3-haiku/);
    assert.match((await answerOf(view, 1).locator('.metric-invoked').textContent()) ?? '', /nova-lite/);
    // The summary row marks the fastest and the shortest.
    await view.locator('.summary-fastest').first().waitFor();
    await view.locator('.summary-shortest').first().waitFor();
    assert.equal(await view.locator('.compare-summary-cell .summary-figure').count(), 2);
    await answerOf(view, 1).getByText('View API request').click();
    await session().screenshot('both-answers-with-metrics');
    await readmeScreenshot(session().page, 'compare');
    await answerOf(view, 1).getByText('View API request').click();

    const calls = (await bedrock.requestsFor('ConverseStream')).filter((r) => JSON.stringify(r.body).includes(PROMPT));
    assert.deepEqual(calls.map((c) => c.modelId).sort(), [HAIKU, NOVA_LITE].sort());
    for (const c of calls) {
      const body = c.body as { inferenceConfig?: { temperature?: number }; system?: Array<{ text: string }> };
      assert.equal(body.inferenceConfig?.temperature, 0.25, `${c.modelId} got the copied temperature`);
      assert.deepEqual(body.system, [{ text: 'Answer briefly.' }]);
    }
    await bedrock.setTokensPerSecond(0);
  });

  it('switches to three columns, and scrolls the columns sideways in a narrow editor', async () => {
    const { page } = session();
    const view = compare(page);
    await view.locator('.compare-layout-3').click();
    await column(view, 2).waitFor({ state: 'visible' });
    await session().screenshot('three-columns');
    await page.setViewportSize({ width: 700, height: 900 });
    await closeSideBars(page);
    const grid = view.locator('.compare-columns');
    const [scrollWidth, clientWidth] = await grid.evaluate((el) => [el.scrollWidth, el.clientWidth]);
    assert.ok(scrollWidth > clientWidth, `the columns scroll sideways (${scrollWidth} > ${clientWidth})`);
    const width = await column(view, 0).evaluate((el) => el.getBoundingClientRect().width);
    // 300 px where there is room; in an editor narrower than that, most of it (the next column shows at the edge).
    assert.ok(width >= Math.min(290, clientWidth * 0.8), `a column keeps a readable width (${width}px of ${clientWidth}px)`);
    await session().screenshot('narrow-three-columns');
    await page.setViewportSize({ width: 1400, height: 900 });
    await view.locator('.compare-layout-2').click();
    await column(view, 2).waitFor({ state: 'hidden' });
  });

  it('brings both columns back after the window reloads', async () => {
    const { page } = session();
    // As a person reloads (the workbench saves its state first; a bare page reload can lose the
    // last seconds of saved state in code-server).
    const reloaded = page.waitForEvent('load', { timeout: 120_000 });
    await runCommand(page, 'Developer: Reload Window');
    await reloaded;
    await waitForWorkbench(page);
    const frame = webview(page);
    await frame.locator('#tab-compare[aria-selected="true"]').waitFor({ timeout: 60_000 });
    const view = compare(page);
    for (const i of [0, 1]) await answerOf(view, i).locator('.turn-footer .metrics').waitFor({ timeout: 30_000 });
    await view.getByText(PROMPT).first().waitFor();
    assert.equal(await view.locator('#compare1-model-select').inputValue(), NOVA_LITE);
    assert.equal(await column(view, 2).isVisible(), false, 'still two columns');
    await session().screenshot('restored-after-reload');
  });

  it('"Continue with this model" opens a chat with that column\'s model and conversation', async () => {
    const { page } = session();
    const view = compare(page);
    const answer = ((await answerOf(view, 1).locator('.turn-body').textContent()) ?? '').trim();
    await column(view, 1).locator('.compare-continue').click();
    // A new playground opens in front, titled by the conversation's first prompt.
    await editorTab(page, PROMPT).waitFor({ timeout: 30_000 });
    const chat = webview(page).locator('#panel-chat');
    await chat.locator('.turn-user').first().waitFor({ timeout: 30_000 });
    assert.equal((await chat.locator('.turn-user .user-text').first().textContent())?.trim(), PROMPT);
    await chat.locator('.turn-assistant .turn-body').first().waitFor();
    assert.equal(((await chat.locator('.turn-assistant .turn-body').first().textContent()) ?? '').trim().slice(0, 40), answer.slice(0, 40));
    await chat.locator(`#model-select option[value="${NOVA_LITE}"]`).waitFor({ state: 'attached' });
    assert.equal(await chat.locator('#model-select').inputValue(), NOVA_LITE);
    assert.equal(await chat.locator('.param-temperature .param-field').inputValue(), '0.25');
    await session().screenshot('continued-as-chat');
  });

  it('a failure in one column leaves the other answering; Stop stops every column', async () => {
    const { page, bedrock } = session();
    await editorTab(page, 'Bedrock Chat').click();
    const view = compare(page);
    await view.locator('#compare-input').waitFor();
    await bedrock.injectFault({ operation: 'ConverseStream', fault: 'accessDenied', times: -1, modelId: NOVA_LITE });
    await view.locator('#compare-input').fill('Who is denied?');
    await view.locator('#compare-input').press('Enter');
    const failed = answerOf(view, 1);
    await failed.locator('.error-box').waitFor({ timeout: 30_000 });
    assert.match((await failed.locator('.error-message').textContent()) ?? '', /Access to .* is not granted/);
    assert.ok(await failed.locator('vscode-button.error-action').isVisible(), 'the fix is offered in the failed column');
    await answerOf(view, 0).locator('.turn-footer .metrics').waitFor({ timeout: 30_000 });
    assert.equal(await answerOf(view, 0).locator('.error-box').count(), 0);
    await session().screenshot('one-column-failed');
    await bedrock.clearFaults();

    await bedrock.setTokensPerSecond(10);
    await view.locator('#compare-input').fill('Tell a long story');
    await view.locator('#compare-input').press('Enter');
    for (const i of [0, 1]) await answerOf(view, i).locator('.turn-body').getByText(/\S/).first().waitFor({ timeout: 30_000 });
    await view.locator('vscode-button.compare-send.busy').click();
    for (const i of [0, 1]) await answerOf(view, i).locator('.status-cancelled').waitFor({ timeout: 30_000 });
    await view.locator('vscode-button.compare-send:not(.busy)').waitFor();
    // The tab fits the editor: only the columns scroll, never the page.
    const fit = await view.evaluate((el) => {
      const doc = el.ownerDocument.scrollingElement!;
      const parts = Array.from(el.children).map((c) => `${c.className}:${Math.round(c.getBoundingClientRect().bottom)}`);
      const scrolled: string[] = [];
      for (let a: Element | null = el; a; a = a.parentElement) if (a.scrollTop > 0) scrolled.push(`${a.tagName}.${a.className}:${a.scrollTop}/${a.scrollHeight - a.clientHeight}`);
      return { overflow: doc.scrollHeight - doc.clientHeight, parts: parts.join(' '), inner: el.ownerDocument.defaultView!.innerHeight, scrolled: scrolled.join(' ') };
    });
    assert.ok(fit.overflow <= 0 && !fit.scrolled, `the page scrolls by ${fit.overflow}px, scrolled: ${fit.scrolled} (${fit.parts}; window ${fit.inner}px)`);
    await session().screenshot('stopped-both');
    await bedrock.setTokensPerSecond(0);
  });
});

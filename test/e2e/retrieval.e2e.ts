// The playground's Embeddings and Knowledge base tabs as a person uses them, in VS Code in a
// browser: compute embeddings, read the heatmap by pointing at it, rank a query, export the
// vectors; list knowledge bases, retrieve chunks, ask and follow a citation to its chunk.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { useSession } from './support/session';
import { editorTab, runCommand, waitForText, webview } from './support/workbench';

const TITAN = 'amazon.titan-embed-text-v2:0';
const COHERE = 'cohere.embed-english-v3';
const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';

async function openTab(page: Page, id: 'embeddings' | 'knowledgeBase'): Promise<FrameLocator> {
  await runCommand(page, 'Bedrock: Chat');
  const view = webview(page);
  await view.locator(`#tab-${id}`).click();
  await view.locator(`#panel-${id}`).waitFor({ state: 'visible' });
  return view;
}

/** Puts another editor in front of the playground (which unloads its page) and brings it back. */
async function hideAndShow(page: Page): Promise<void> {
  await runCommand(page, 'File: New Untitled Text File');
  // The untitled editor is in front and the playground's page is gone.
  await page.locator('.tabs-container .tab.active', { hasText: /^Untitled/ }).first().waitFor({ state: 'visible' });
  await page.locator('iframe.webview.ready:visible').first().waitFor({ state: 'hidden' });
  await editorTab(page, 'Bedrock Chat').click();
  await webview(page).locator('#panel-chat').waitFor({ state: 'attached' });
}

describe('the Embeddings and Knowledge base tabs of the playground', () => {
  const session = useSession({ name: 'retrieval' });

  it('computes embeddings, shows the similarity of a pair on hover, ranks a query and exports JSON', async () => {
    const { page, bedrock, workspace } = session();
    const view = await openTab(page, 'embeddings');
    await view.locator(`#emb-model option[value="${TITAN}"]`).waitFor({ state: 'attached' });
    const offered = await view.locator('#emb-model option').evaluateAll((os: unknown[]) => os.map((o) => (o as { value: string }).value));
    assert.ok(offered.every((id) => id.includes('embed')), offered.join(', '));
    await view.locator('#emb-model').selectOption(TITAN);
    await view.locator('#emb-dimensions').selectOption('512');
    await waitForText(view, /50,000 characters per text; longer texts are refused/);
    const texts = ['The cat sat on the mat', 'A cat lay on a mat', 'Quarterly tax report for the board', 'Board meeting about the tax report', 'Hiking trails near the lake', 'x'.repeat(50_001)];
    await view.locator('#emb-texts').fill(texts.join('\n'));
    await view.locator('.emb-compute').click();
    await waitForText(view, /5 of 6 texts embedded/);
    await waitForText(view, /Refused: 50,001 characters; the model takes at most 50,000/);
    assert.match(await view.locator('.emb-summary').innerText(), /512 dimensions · 5 calls/);
    const sent = await bedrock.requestsFor('InvokeModel');
    assert.equal(sent.length, 5);

    // Point at row 1, column 2 of the heatmap.
    const canvas = view.locator('.emb-heatmap-canvas');
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    assert.ok(box && box.width > 100 && box.width < 400, `heatmap drawn at a readable size (${JSON.stringify(box)})`);
    const [cell, left, top] = await Promise.all(['data-cell', 'data-left', 'data-top'].map(async (a) => Number(await canvas.getAttribute(a))));
    assert.ok(cell! >= 14 && cell! <= 56, `cells of ${cell} px`);
    await page.mouse.move(box.x + left! + cell! * 1.5, box.y + top! + cell! * 0.5);
    const readout = view.locator('.emb-heatmap-readout');
    await waitForText(readout, /#1 “The cat sat on the mat” × #2 “A cat lay on a mat”: 0\.\d{3}/);
    assert.ok(await view.locator('.emb-heatmap-tip').isVisible());
    await session().screenshot('embeddings-heatmap-hover');

    await view.locator('#emb-query').fill('tax report');
    await view.locator('.emb-rank').click();
    const first = view.locator('.emb-neighbour').first();
    await first.waitFor();
    assert.match(await first.innerText(), /#(3|4) /);
    assert.equal(await view.locator('.emb-neighbour').count(), 5);

    await view.locator('.emb-export').click();
    const status = await waitForText(view, /Exported to embeddings\/embeddings-amazon-titan-embed-text-v2-0-\d{8}-\d{6}\.json/);
    const rel = /embeddings\/\S+\.json/.exec(await status.innerText())?.[0];
    const json = JSON.parse(fs.readFileSync(path.join(workspace, rel!), 'utf8')) as { items: { embedding?: number[] }[] };
    assert.equal(json.items.length, 6);
    assert.equal(json.items[0]!.embedding?.length, 512);
    await session().screenshot('embeddings-ranked-exported');
  });

  it('shows the results again when the panel comes back (its page was unloaded)', async () => {
    const { page, bedrock } = session();
    await bedrock.clearRequests();
    await hideAndShow(page);
    const view = webview(page);
    await view.locator('#tab-embeddings').click();
    await waitForText(view, /5 of 6 texts embedded/);
    await view.locator('.emb-heatmap-canvas').waitFor({ state: 'visible' });
    assert.equal(await view.locator('.emb-outcome').count(), 6);
    assert.equal(await view.locator('#emb-query').inputValue(), 'tax report');
    assert.equal((await bedrock.requestsFor('InvokeModel')).length, 0, 'restoring calls no model');
  });

  it('tells which Cohere texts were truncated', async () => {
    const { page } = session();
    const view = webview(page);
    await view.locator('#emb-model').selectOption(COHERE);
    await view.locator('#emb-input-type').waitFor({ state: 'visible' });
    assert.ok(await view.locator('[data-field="dimensions"]').isHidden());
    await view.locator('#emb-texts').fill(['short note', 'y '.repeat(1500)].join('\n'));
    await view.locator('.emb-compute').click();
    await waitForText(view, /Truncated: the first 2,048 of 3,000 characters were embedded/);
    await session().screenshot('embeddings-cohere-truncated');
  });

  it('lists knowledge bases, retrieves scored chunks with their sources', async () => {
    const { page, bedrock } = session();
    const view = await openTab(page, 'knowledgeBase');
    await view.locator('#kb-select option[value="TRAILHNDBK"]').waitFor({ state: 'attached' });
    assert.equal(await view.locator('#kb-select option').count(), 3);
    await view.locator('#kb-select').selectOption('TRAILHNDBK');
    await view.locator('#kb-model').selectOption(HAIKU);
    await view.locator('#kb-results').fill('3');
    await view.locator('#kb-question').fill('How much does a camping permit cost?');
    await view.locator('.kb-retrieve').click();
    await waitForText(view, /3 chunks in/);
    const cards = view.locator('.kb-chunks .kb-chunk');
    assert.equal(await cards.count(), 3);
    assert.match(await cards.first().innerText(), /\[1\]\s+0\.\d{3}\s+S3\s+s3:\/\/northwind-trails-docs\/handbook\/permits\.md/);
    const [call] = await bedrock.requestsFor('Retrieve');
    assert.equal((call!.body as { retrievalConfiguration: { vectorSearchConfiguration: { numberOfResults: number } } }).retrievalConfiguration.vectorSearchConfiguration.numberOfResults, 3);
    await session().screenshot('kb-retrieved');
  });

  it('streams a generated answer with citations that lead to their chunks', async () => {
    const { page, bedrock } = session();
    const view = webview(page);
    await bedrock.setTokensPerSecond(15);
    try {
      await view.locator('.kb-ask').click();
      await view.locator('.kb-cancel').waitFor({ state: 'visible' });
      await view.locator('.kb-answer').getByText(/\S/).first().waitFor();
      await session().screenshot('kb-answer-streaming');
      await waitForText(view, /Answered in .* with \d+ citations? from \d+ chunks?/, 30_000);
    } finally {
      await bedrock.setTokensPerSecond(0);
    }
    const answer = await view.locator('.kb-answer').innerText();
    assert.match(answer, /12 dollars per person per night/);
    const cites = view.locator('.kb-answer .kb-cite');
    assert.ok((await cites.count()) >= 1);
    await cites.first().click();
    const source = view.locator('#kb-source-1');
    assert.equal(await source.evaluate((el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement), true, 'the citation focuses its chunk');
    assert.match(await source.innerText(), /s3:\/\/northwind-trails-docs/);
    await session().screenshot('kb-answer-cited');
    const [call] = await bedrock.requestsFor('RetrieveAndGenerateStream');
    assert.ok(call);
  });

  it('follows an answer that was streaming while the panel was hidden', async () => {
    const { page, bedrock } = session();
    let view = webview(page);
    await bedrock.setTokensPerSecond(6);
    try {
      await view.locator('#kb-question').fill('Where can I camp with a group?');
      await view.locator('.kb-ask').click();
      await view.locator('.kb-cancel').waitFor({ state: 'visible' });
      await view.locator('.kb-answer').getByText(/\S/).first().waitFor();
      // Then held at the endpoint while the panel is away: the answer is surely still streaming when it is back.
      await bedrock.hold();
      await bedrock.waitForRequest((r) => r.operation === 'RetrieveAndGenerateStream' && r.held === true);
      await hideAndShow(page);
      view = webview(page);
      await view.locator('#tab-knowledgeBase').click();
      await view.locator('.kb-cancel').waitFor({ state: 'visible' });
      await session().screenshot('kb-answer-followed-after-reload');
      await bedrock.setTokensPerSecond(0);
      await bedrock.release();
      await waitForText(view, /Answered in .* with \d+ citations?/, 60_000);
    } finally {
      await bedrock.release();
      await bedrock.setTokensPerSecond(0);
    }
    assert.match(await view.locator('.kb-answer').innerText(), /Cedar Flats/);
    assert.ok((await view.locator('.kb-answer .kb-cite').count()) >= 1);
    assert.ok(await view.locator('.kb-cancel').isHidden());
  });

  it('offers the fix of a failure as a button, and Retry asks again', async () => {
    const { page, bedrock } = session();
    const view = webview(page);
    await bedrock.injectFault({ operation: 'Retrieve', fault: 'serverError', times: 3 });
    try {
      await view.locator('.kb-retrieve').click();
      await waitForText(view, /Bedrock failed on its side/);
      await view.locator('.kb-error-action').waitFor({ state: 'visible' });
      assert.match(await view.locator('.kb-answer').innerText(), /Cedar Flats/, 'the failed retrieve left the previous answer in place');
      await session().screenshot('kb-error-retry');
    } finally {
      await bedrock.clearFaults();
    }
    await view.locator('.kb-error-action').click();
    await waitForText(view, /3 chunks in/);
    assert.ok(await view.locator('.kb-error').isHidden());
  });

  it('says what is wrong with a bad number of results and sends nothing', async () => {
    const { page, bedrock } = session();
    const view = webview(page);
    await bedrock.clearRequests();
    await view.locator('#kb-results').fill('0');
    await view.locator('.kb-retrieve').click();
    await waitForText(view, 'Number of results must be a whole number from 1 to 100.');
    assert.equal((await bedrock.requestsFor('Retrieve')).length, 0);
    await session().screenshot('kb-bad-results');
    await view.locator('#kb-results').fill('3');
  });
});

// The Usage tab as a person uses it, in a real VS Code against the local endpoint: chat a few
// times with two models, run "Bedrock: Show Usage", and read those invocations and tokens per
// model in the chart and the table — the same numbers the endpoint's request log holds, since the
// stand-in's CloudWatch computes them from what it served.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { useSession } from './support/session';
import type { LoggedRequest } from '../support/localBedrockControl';
import { closeSideBars, runCommand, sendMessage, webview } from './support/workbench';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const NOVA_LITE = 'amazon.nova-lite-v1:0';
const RUNTIME = new Set(['Converse', 'ConverseStream', 'InvokeModel', 'InvokeModelWithResponseStream']);

function chat(page: Page): Locator {
  return webview(page).locator('#panel-chat');
}

type Control = ReturnType<ReturnType<typeof useSession>>['bedrock'];
const finished = (log: LoggedRequest[]) => log.filter((r) => RUNTIME.has(r.operation) && r.latencyMs !== undefined).length;

/** Sends a message with this model and waits until the endpoint has finished `attempts` more answers (a retried one is two). */
async function ask(page: Page, bedrock: Control, modelId: string, text: string, attempts = 1): Promise<void> {
  const seen = finished(await bedrock.requests());
  const view = chat(page);
  await view.locator(`#model-select option[value="${modelId}"]`).waitFor({ state: 'attached', timeout: 30_000 });
  await view.locator('#model-select').selectOption(modelId);
  await sendMessage(view, text);
  await bedrock.waitForLog((log) => finished(log) >= seen + attempts, 'the answer logged with its status and latency', 30_000);
  await view.locator('vscode-button.send:not(.stop)').waitFor({ state: 'visible', timeout: 30_000 });
}

const num = (s: string) => Number(s.replace(/[^\d]/g, ''));

describe('the Usage tab: CloudWatch metrics of the account, per model', () => {
  const session = useSession({ name: 'usage' });

  it('shows the invocations and tokens of a few chats per model, in a chart and a table, as the request log has them', async () => {
    const { page, bedrock } = session();
    await page.setViewportSize({ width: 1400, height: 900 });
    await closeSideBars(page);
    await runCommand(page, 'Bedrock: Chat');
    for (const [model, text] of [[HAIKU, 'Tell me about rivers'], [HAIKU, 'And about lakes?'], [NOVA_LITE, 'Write a short poem']] as const) {
      await ask(page, bedrock, model, text);
    }
    const log = (await bedrock.requests()).filter((r) => RUNTIME.has(r.operation));

    await runCommand(page, 'Bedrock: Show Usage');
    const view = webview(page);
    await view.locator('#panel-usage').waitFor({ state: 'visible' });
    const output = view.locator('.usage-output[data-state="ready"]');
    await output.waitFor({ state: 'attached', timeout: 30_000 });
    assert.match(await view.locator('.usage-status').innerText(), /Last day in .+ \(local endpoint\): \d+ models?, read with 1 ListMetrics and 1 GetMetricData call\./);

    const ids = [...new Set(log.map((r) => r.modelId!))];
    assert.ok(ids.length >= 2, ids.join(', '));
    for (const id of ids) {
      const served = log.filter((r) => r.modelId === id);
      const ok = served.filter((r) => r.status === 200);
      const row = view.locator(`.usage-table tbody tr[data-model="${id}"]`);
      const cells = await row.locator('td').allInnerTexts();
      assert.equal(num(cells[0]!), ok.length, `${id} invocations`);
      assert.equal(num(cells[1]!), ok.reduce((n, r) => n + (r.usage?.inputTokens ?? 0), 0), `${id} input tokens`);
      assert.equal(num(cells[2]!), ok.reduce((n, r) => n + (r.usage?.outputTokens ?? 0), 0), `${id} output tokens`);
      assert.match(cells[3]!, /\d+ ms/, `${id} p50`);
      assert.equal(num(cells[5]!), served.filter((r) => r.status === 429).length, `${id} throttles`);
    }
    // The charts: a bar series per model, in both.
    for (const chart of ['invocations', 'tokens']) {
      const series = await view.locator(`figure[data-chart="${chart}"] path.usage-series`).evaluateAll((ps) => ps.map((p) => p.getAttribute('data-series')));
      for (const id of ids) assert.ok(series.includes(id), `${chart} chart has ${id}: ${series.join(', ')}`);
    }
    const box = await view.locator('figure[data-chart="invocations"] svg').boundingBox();
    assert.ok(box && box.width > 300 && box.height > 80, `chart drawn at a readable size (${JSON.stringify(box)})`);
    assert.match(await view.locator('a.usage-console').getAttribute('href') ?? '', /^https:\/\/[a-z0-9-]+\.console\.aws\.amazon\.com\/cloudwatch\/home\?region=[a-z0-9-]+#metricsV2\?graph=~\(metrics~/);
    await session().screenshot('usage-wide');

    await page.setViewportSize({ width: 760, height: 900 });
    await view.locator('figure[data-chart="tokens"]').scrollIntoViewIfNeeded();
    const narrow = await view.locator('.usage-tab').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    assert.ok(narrow.scroll <= narrow.client + 1, `no sideways scrolling of the tab at a narrow width (${JSON.stringify(narrow)})`);
    await session().screenshot('usage-narrow');
    await page.setViewportSize({ width: 1400, height: 900 });
  });

  it('reads again over another range, and counts a throttled attempt', async () => {
    const { page, bedrock } = session();
    const view = webview(page);
    await bedrock.injectFault({ operation: 'ConverseStream', fault: 'throttle', times: 1, modelId: HAIKU });
    await view.locator('#tab-chat').click();
    // The throttled attempt and the SDK's retry: two entries.
    await ask(page, bedrock, HAIKU, 'One more, please', 2);
    const haiku = (await bedrock.requests()).filter((r) => RUNTIME.has(r.operation) && r.modelId === HAIKU);
    await view.locator('#tab-usage').click();
    await view.locator('#usage-range').selectOption('hour');
    await view.locator('.usage-output[data-state="ready"][data-range="hour"]').waitFor({ state: 'attached', timeout: 30_000 });
    const cells = await view.locator(`.usage-table tbody tr[data-model="${HAIKU}"] td`).allInnerTexts();
    assert.equal(num(cells[0]!), haiku.filter((r) => r.status === 200).length);
    assert.equal(num(cells[5]!), haiku.filter((r) => r.status === 429).length);
    assert.ok(num(cells[5]!) >= 1);
    await session().screenshot('usage-hour-throttled');
  });

  it('says which CloudWatch permission is missing, with the way to fix it', async () => {
    const { page, bedrock } = session();
    const view = webview(page);
    await bedrock.injectFault({ operation: 'ListMetrics', fault: 'accessDenied' });
    await view.locator('.usage-refresh').click();
    const box = view.locator('.usage-error');
    await box.getByText(/may not read CloudWatch metrics in .+ \(cloudwatch:ListMetrics\)\. Allow cloudwatch:GetMetricData and cloudwatch:ListMetrics/).waitFor();
    await box.locator('vscode-button.usage-error-action').getByText('Open IAM policies').waitFor();
    await view.locator('.usage-output[data-state="error"]').waitFor({ state: 'attached' });
    await session().screenshot('usage-permission-error');
  });
});

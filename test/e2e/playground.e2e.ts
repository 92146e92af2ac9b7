// The chat playground as a person uses it, in a real VS Code (code-server) and Chromium against
// the local Bedrock endpoint: pick a model, move the temperature slider, send, watch the answer
// stream in; Stop; throttling; access denied; hostile model output; reload.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { useSession } from './support/session';
import { readmeScreenshot } from './support/artifacts';
import { closeSideBars, runCommand, sendMessage, settled, waitForWorkbench, webview, webviewDocument } from './support/workbench';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';

/** The Chat tab of the visible playground (other tabs reuse its components, so selectors are scoped to it). */
function chat(page: Page): Locator {
  return webview(page).locator('#panel-chat');
}

/** The webview document itself, to read its window. */
function frame(page: Page): FrameLocator {
  return webview(page);
}

async function openChat(page: Page): Promise<Locator> {
  await runCommand(page, 'Bedrock: Chat');
  const view = chat(page);
  await view.locator(`#model-select option[value="${HAIKU}"]`).waitFor({ state: 'attached', timeout: 30_000 });
  return view;
}

const lastAnswer = (view: Locator) => view.locator('.turn-assistant').last();

/** Opens the parameters panel when an earlier step (a narrow editor) folded it away. */
async function showParameters(view: Locator): Promise<void> {
  if (!(await view.locator('.params').isVisible())) await view.locator('.params-toggle').click();
  await view.locator('.params').waitFor({ state: 'visible' });
}

/** Waits until no answer is in flight (the Send button is back). */
async function idle(view: Locator, timeoutMs = 30_000): Promise<void> {
  await view.locator('vscode-button.send:not(.stop)').waitFor({ state: 'visible', timeout: timeoutMs });
  await lastAnswer(view).locator('.turn-footer .metrics, .error-box, .status-cancelled').first().waitFor({ state: 'visible', timeout: timeoutMs });
}

describe('the chat playground', () => {
  const session = useSession({ name: 'playground', settings: { 'workbench.colorTheme': 'Default Dark Modern' } });
  let temperature = '';

  it('picks a model, moves the temperature slider, and streams the answer in over several paints', async () => {
    const { page, bedrock } = session();
    const view = await openChat(page);
    await view.locator('#model-select').selectOption(HAIKU);
    await view.locator('.badge-streaming').waitFor();

    // Drag the slider: click at a third of its width.
    const slider = view.locator('#param-temperature');
    const box = (await slider.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height / 2);
    temperature = await view.locator('.param-temperature .param-field').inputValue();
    assert.ok(Number(temperature) > 0.1 && Number(temperature) < 0.5, `slider value ${temperature}`);
    // Top K through its number field (Claude's key is top_k).
    await view.locator('.param-topK .param-field').fill('42');
    await view.locator('.param-topK .param-field').press('Tab');
    await session().screenshot('model-and-parameters');

    await bedrock.setTokensPerSecond(80);
    // Every change of the new answer's text is recorded in the page as it is painted.
    const doc = await webviewDocument(page);
    await doc.evaluate(() => {
      const w = window as unknown as { answerLengths: number[] };
      w.answerLengths = [];
      const before = document.querySelectorAll('#panel-chat .turn-assistant').length;
      new MutationObserver(() => {
        const answers = document.querySelectorAll('#panel-chat .turn-assistant .turn-body');
        if (answers.length <= before) return;
        const len = (answers[answers.length - 1]!.textContent ?? '').length;
        if (len > 0 && len !== w.answerLengths.at(-1)) w.answerLengths.push(len);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await sendMessage(view, 'Hello from the end-to-end test');
    const answer = lastAnswer(view);
    await answer.locator('.turn-body').getByText(/\S/).first().waitFor();
    await session().screenshot('streaming');
    await idle(view);
    const painted = await doc.evaluate(() => (window as unknown as { answerLengths: number[] }).answerLengths.length);
    assert.ok(painted > 2, `the answer was painted ${painted} times while streaming`);
    await bedrock.setTokensPerSecond(0);

    const call = await bedrock.waitForRequest((r) => r.operation === 'ConverseStream' && r.modelId === HAIKU);
    const body = call.body as { inferenceConfig?: { temperature?: number }; additionalModelRequestFields?: { top_k?: number } };
    assert.equal(body.inferenceConfig?.temperature, Number(temperature));
    assert.equal(body.additionalModelRequestFields?.top_k, 42);
    // Metrics and the request are on the answer.
    await answer.locator('.metric-ttft').waitFor();
    await answer.locator('.metric-invoked').getByText(HAIKU).waitFor();
    await answer.locator('.request-view summary').click();
    await answer.locator('.request-body').getByText('"temperature"').waitFor();
    await session().screenshot('answer-with-metrics');
    await readmeScreenshot(page, 'chat');
  });

  it('stops an answer mid-stream and keeps the partial text', async () => {
    const { page, bedrock } = session();
    const view = chat(page);
    await bedrock.setTokensPerSecond(30);
    const answer = view.locator('.turn-assistant').nth(await view.locator('.turn-assistant').count());
    await sendMessage(view, 'Tell me something long');
    await answer.locator('.turn-body').getByText(/\S/).first().waitFor();
    // Held at the endpoint from its next event on: the answer is surely unfinished when Stop is pressed.
    await bedrock.hold();
    await view.locator('vscode-button.send.stop').click();
    await answer.locator('.status-cancelled').waitFor();
    const stopped = await answer.locator('.turn-body').evaluate((el) => (el.textContent ?? '').length);
    assert.ok(stopped > 0, 'partial text kept');
    // Stop cancelled the request itself: the endpoint saw the client close the stream.
    const logged = await bedrock.waitForEnd((r) => r.operation === 'ConverseStream' && /Tell me something long/.test(JSON.stringify(r.body)));
    assert.equal(logged.ended, 'clientClosed');
    await bedrock.release();
    await session().screenshot('stopped');
    // Anything of the stopped answer still on its way would be shown before a later answer is.
    await bedrock.setTokensPerSecond(0);
    await sendMessage(view, 'And a short one?');
    await idle(view);
    const later = await answer.locator('.turn-body').evaluate((el) => (el.textContent ?? '').length);
    assert.equal(later, stopped, 'nothing arrives after Stop');
  });

  it('shows that it is retrying while Bedrock throttles, then the answer', async () => {
    const { page, bedrock } = session();
    const view = chat(page);
    // The retry status may show only for the backoff (tens of ms): the webview records it.
    await frame(page).locator('body').evaluate(() => {
      const w = window as unknown as { sawRetrying: boolean };
      w.sawRetrying = false;
      new MutationObserver(() => { if (document.querySelector('.status-retrying')) w.sawRetrying = true; })
        .observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await bedrock.injectFault({ operation: 'ConverseStream', fault: 'throttle', times: 2 });
    await sendMessage(view, 'Are you there?');
    await idle(view);
    const saw = await frame(page).locator('body').evaluate(() => (window as unknown as { sawRetrying: boolean }).sawRetrying);
    assert.equal(saw, true, 'the turn showed "Retrying"');
    await lastAnswer(view).locator('.metric-stop').waitFor();
    assert.equal(await lastAnswer(view).locator('.error-box').count(), 0);
    await session().screenshot('answer-after-throttling');
  });

  it('shows access denied in plain words with its action', async () => {
    const { page, bedrock } = session();
    const view = chat(page);
    await bedrock.injectFault({ operation: 'ConverseStream', fault: 'accessDenied', times: 1 });
    await sendMessage(view, 'May I?');
    const box = lastAnswer(view).locator('.error-box');
    await box.waitFor();
    const message = await box.locator('.error-message').innerText();
    assert.match(message, /access/i);
    await box.locator('vscode-button.error-action').getByText(/model access/i).waitFor();
    await session().screenshot('access-denied');
  });

  it('renders hostile model output as text and runs none of it', async () => {
    const { page, bedrock } = session();
    const view = chat(page);
    const payload = [
      'Here: <img src=x onerror="window.pwned=1"> and <script>window.pwned=2</script>',
      '',
      '[click](javascript:window.pwned=3) <a href="javascript:window.pwned=4">raw</a>',
      '',
      '<svg onload="window.pwned=5"></svg> ![img](x" onerror="window.pwned=6)',
    ].join('\n');
    await bedrock.setReply(payload);
    await sendMessage(view, 'Say something dangerous');
    await idle(view);
    const body = lastAnswer(view).locator('.turn-body');
    await body.getByText('<img src=x onerror="window.pwned=1">', { exact: false }).waitFor();
    await body.getByText('<script>window.pwned=2</script>', { exact: false }).waitFor();
    assert.equal(await body.locator('img, script, svg, iframe').count(), 0, 'no element made from the payload');
    const hrefs = await body.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.every((h) => h === null || /^https?:/.test(h)), `links: ${hrefs.join(', ')}`);
    // The javascript: link is shown as its text; clicking it (or any link left) does nothing.
    await body.getByText('[click](javascript:window.pwned=3)', { exact: false }).click();
    for (const a of await body.locator('a').all()) await a.click();
    // Whatever the clicks set going has run by the next frame and the task queued after it.
    await settled(await webviewDocument(page));
    const pwned = await frame(page).locator('body').evaluate(() => (window as unknown as { pwned?: number }).pwned);
    assert.equal(pwned, undefined);
    await session().screenshot('hostile-output-as-text');
  });

  it('attaches an image with the picker and sends it to a model that takes images', async () => {
    const { page, bedrock } = session();
    const view = chat(page);
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR42mP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');
    await view.locator('.composer input[type="file"]').setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: png });
    await view.locator('.attachment-strip .attachment-thumb').waitFor();
    await sendMessage(view, 'What is in this image?');
    await idle(view);
    const user = view.locator('.turn-user').last();
    await user.locator('img.attachment-thumb').waitFor();
    const call = await bedrock.waitForRequest((r) => r.operation === 'ConverseStream' && JSON.stringify(r.body).includes('What is in this image?'));
    const content = (call.body as { messages: Array<{ content: Array<{ image?: { format: string } }> }> }).messages.at(-1)!.content;
    assert.equal(content[0]?.image?.format, 'png', JSON.stringify(content).slice(0, 300));
    await session().screenshot('image-attached');
  });

  it('stays usable in a narrow editor: parameters fold away, the composer still sends with the keyboard', async () => {
    const { page } = session();
    await page.setViewportSize({ width: 640, height: 900 });
    // Close the side bars so the editor itself is narrow.
    await closeSideBars(page);
    const view = chat(page);
    await view.locator('#composer-input').waitFor();
    await view.locator('.params').waitFor({ state: 'hidden' });
    await view.locator('.params-toggle').click();
    await view.locator('.params').waitFor({ state: 'visible' });
    const width = await view.locator('.conversation').evaluate((el) => el.clientWidth);
    assert.ok(width > 300, `conversation keeps its width (${width}px)`);
    await view.locator('.params-toggle').click();
    await sendMessage(view, 'A narrow question');
    await idle(view);
    await session().screenshot('narrow');
    await page.setViewportSize({ width: 1400, height: 900 });
  });

  it('answers after one corrected request when Bedrock refuses a parameter, says so, and sends the next question without it at once', async () => {
    const { page, bedrock } = session();
    const view = chat(page);
    await view.locator('#model-select').selectOption(HAIKU);
    // A rule neither the registry nor the stand-in knows: the endpoint refuses temperature for Haiku.
    await bedrock.injectFault({ operation: '*', fault: 'validation', modelId: HAIKU, whenField: 'inferenceConfig.temperature', times: -1, message: '`temperature` is deprecated for this model.' });
    await bedrock.clearRequests();
    await sendMessage(view, 'A question for a model that changed');
    await idle(view);
    const answer = lastAnswer(view);
    assert.equal(await answer.locator('.error-box').count(), 0);
    await answer.locator('.correction').getByText(/deprecated for this model/).waitFor();
    await answer.locator('.adjustments').getByText(/temperature/).waitFor();
    const first = (await bedrock.requestsFor('ConverseStream')).filter((r) => r.modelId === HAIKU);
    assert.equal(first.length, 2, 'refused once, then corrected');
    assert.equal((first[1]!.body as { inferenceConfig?: { temperature?: number } }).inferenceConfig?.temperature, undefined);
    // The picker re-read the model: the slider says why it is off.
    await showParameters(view);
    await view.locator('.param-temperature .param-reason').getByText(/deprecated for this model/).waitFor();
    await session().screenshot('corrected-request');
    await readmeScreenshot(page, 'corrected-request');

    await bedrock.clearRequests();
    await sendMessage(view, 'And a second question');
    await idle(view);
    const second = (await bedrock.requestsFor('ConverseStream')).filter((r) => r.modelId === HAIKU);
    assert.equal(second.length, 1, 'sent right the first time');
    assert.equal((second[0]!.body as { inferenceConfig?: { temperature?: number } }).inferenceConfig?.temperature, undefined);
    assert.equal(await lastAnswer(view).locator('.correction').count(), 0);

    // Forget it from the palette: the slider comes back.
    await bedrock.clearFaults();
    await runCommand(page, 'Bedrock: Forget Learned Rules…');
    const pick = page.locator('.quick-input-widget').getByText(HAIKU).first();
    await pick.waitFor();
    await pick.click();
    await view.locator('#param-temperature:not([disabled])').waitFor();
  });

  it('brings the conversation back after the window reloads', async () => {
    const { page } = session();
    const view = chat(page);
    const before = await view.locator('.turn').count();
    assert.ok(before >= 10);
    await page.reload();
    await waitForWorkbench(page);
    const restored = chat(page);
    await restored.locator('.turn').nth(before - 1).waitFor({ timeout: 60_000 });
    assert.equal(await restored.locator('.turn').count(), before);
    await restored.getByText('Hello from the end-to-end test').first().waitFor();
    assert.equal(await restored.locator('.param-temperature .param-field').inputValue(), temperature, 'the slider value is remembered');
    await session().screenshot('restored-after-reload');
  });

  it('chats with a model of a provider the registry has no family for, saying its limits are unknown', async () => {
    const { page, bedrock } = session();
    // A new chat: this conversation holds an image, which a text-only model is right to refuse.
    await runCommand(page, 'Bedrock: New Chat');
    const view = chat(page);
    await view.locator('.turn').first().waitFor({ state: 'detached' });
    const unknown = 'openai.gpt-oss-120b-1:0';
    await view.locator(`#model-select option[value="${unknown}"]`).waitFor({ state: 'attached' });
    await view.locator('#model-select').selectOption(unknown);
    await showParameters(view);
    await view.locator('.param-maxTokens .param-reason').getByText(/not known/).waitFor();
    assert.equal(await view.locator('#param-topK').isDisabled(), true, 'no top-k key is known for it');
    await bedrock.clearRequests();
    await sendMessage(view, 'Hello, new model');
    await idle(view);
    assert.equal(await lastAnswer(view).locator('.error-box').count(), 0);
    await lastAnswer(view).locator('.metric-stop').waitFor();
    const call = (await bedrock.requestsFor('ConverseStream')).find((r) => r.modelId === unknown);
    assert.ok(call, 'sent to the model');
    assert.equal((call.body as { additionalModelRequestFields?: unknown }).additionalModelRequestFields, undefined, 'nothing model-specific');
    await session().screenshot('unknown-provider-model');
  });
});

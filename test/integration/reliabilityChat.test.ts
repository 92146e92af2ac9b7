// Chat under faults, in the extension host: the real chat host (ChatSession + HostRouter), the
// real SDK and its retry strategy, the local endpoint's fault control, a real conversation store
// on disk. Each fault must leave the partial text kept and marked, an error in plain words with
// an action, and a panel that still answers the next message.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { BedrockService } from '../../src/bedrock/service';
import { connectionSettings } from '../../src/core/config';
import type { FaultRequest } from '../support/localBedrockControl';
import { ChatDriver, tempStoreRoot, until } from './reliabilityDriver';
import { activeExtension, localBedrock } from './support/extension';
import { reliabilitySummary } from './reliabilitySummary';

async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('bedrock').update(key, value, vscode.ConfigurationTarget.Workspace);
}

describe('Reliability: chat under faults', function () {
  this.timeout(90_000);
  const bedrock = localBedrock();
  let root: string;
  let service: BedrockService;
  let chat: ChatDriver;
  let n = 0;

  before(async () => {
    await activeExtension();
    root = tempStoreRoot();
    service = new BedrockService(() => connectionSettings());
  });
  beforeEach(async () => {
    await bedrock.reset();
    chat = new ChatDriver(`reliability-${++n}`, root, service);
  });
  afterEach(() => chat.dispose());
  after(async () => {
    await bedrock.reset();
    service.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('throttled twice then answered: one answer, the retries shown while they happen, never "done" before the text', async () => {
    await bedrock.injectFault({ operation: 'ConverseStream', fault: 'throttle', times: 2 });
    const id = chat.send('Hello after a throttle');
    const end = await chat.end(id);
    assert.equal(end.done, true, JSON.stringify(end.error));

    const updates = chat.turnUpdates(id);
    const statuses = updates.map((t) => t.status);
    const retrying = updates.filter((t) => t.status === 'retrying');
    assert.ok(retrying.length >= 2, `two retries shown, got ${statuses.join(' → ')}`);
    assert.deepEqual(retrying.map((t) => t.retry?.attempt), [2, 3], 'each retry names the attempt it is making ("attempt 2 of 3")');
    assert.ok(retrying.every((t) => t.retry?.maxAttempts === 3 && /throttl/i.test(t.retry.reason)), JSON.stringify(retrying.map((t) => t.retry)));
    assert.ok(retrying.every((t) => t.text === ''), 'nothing is shown as an answer while retrying');
    assert.equal(statuses.indexOf('done'), statuses.length - 1, `"done" only at the end: ${statuses.join(' → ')}`);
    const final = updates.at(-1)!;
    assert.equal(final.retry, undefined, 'the retry note is gone once answered');
    assert.match(final.text, /Hello after a throttle/);
    assert.equal(chat.chunks(id), final.text, 'the streamed text is the saved text, sent once');

    const calls = await bedrock.requestsFor('ConverseStream');
    assert.deepEqual(calls.map((c) => c.attempt), [1, 2, 3], 'one request, three attempts');
    const saved = await chat.reloaded();
    assert.equal(saved.turns.filter((t) => t.role === 'assistant').length, 1, 'one answer in the conversation');
    reliabilitySummary.fault('throttle ×2 then success (chat)');
  });

  it('throttled past the retry budget: a plain error with the quotas page, then the panel answers again', async () => {
    await bedrock.injectFault({ operation: 'ConverseStream', fault: 'throttle', times: -1 });
    const id = chat.send('Always throttled');
    const end = await chat.end(id);
    assert.equal(end.error?.code, 'throttled');
    assert.match(end.error?.message ?? '', /throttled the request after 3 attempts/);
    const final = chat.turnUpdates(id).at(-1)!;
    assert.equal(final.status, 'error');
    assert.equal(final.error?.action?.kind, 'openUrl');
    assert.match(final.error?.action?.kind === 'openUrl' ? final.error.action.url : '', /servicequotas.*bedrock/);
    assert.equal(final.error?.retryable, true);

    await bedrock.clearFaults();
    const again = chat.send('', 'retry');
    assert.equal((await chat.end(again)).done, true);
    assert.match(chat.turnUpdates(again).at(-1)!.text, /Always throttled/);
    reliabilitySummary.fault('throttle past the budget (chat)');
  });

  const streamFaults: Array<{ name: string; fault: FaultRequest; partial: boolean; kind: string; action: string; timeoutSeconds?: number }> = [
    { name: 'connection dropped after 6 events', fault: { operation: 'ConverseStream', fault: 'dropAfterEvents', afterEvents: 6 }, partial: true, kind: 'network', action: 'retry' },
    { name: 'in-stream exception after partial text', fault: { operation: 'ConverseStream', fault: 'streamException', afterEvents: 6, message: 'The model stopped' }, partial: true, kind: 'modelError', action: 'retry' },
    { name: '500 on every attempt', fault: { operation: 'ConverseStream', fault: 'serverError', times: -1 }, partial: false, kind: 'server', action: 'retry' },
    { name: '503 on every attempt', fault: { operation: 'ConverseStream', fault: 'serviceUnavailable', times: -1 }, partial: false, kind: 'server', action: 'retry' },
    { name: 'first token delayed past the request timeout', fault: { operation: 'ConverseStream', fault: 'delayFirstEvent', delayMs: 4000, times: -1 }, partial: false, kind: 'timeout', action: 'configure', timeoutSeconds: 1 },
  ];

  for (const f of streamFaults) {
    it(`${f.name}: partial text kept and marked, a plain error with an action, the panel still answers`, async () => {
      let svc = service;
      let driver = chat;
      if (f.timeoutSeconds) {
        await setSetting('requestTimeoutSeconds', f.timeoutSeconds);
        svc = new BedrockService(() => connectionSettings());
        driver = new ChatDriver(`reliability-timeout-${n}`, root, svc);
      }
      try {
        await bedrock.injectFault(f.fault);
        const id = driver.send(`Tell me about ${f.name}`);
        const end = await driver.end(id);
        assert.equal(end.done, undefined, 'the stream ended in an error');
        assert.equal(end.error?.code, f.kind, JSON.stringify(end.error));
        const final = driver.turnUpdates(id).at(-1)!;
        assert.equal(final.status, 'error', 'marked as failed, not as a finished answer');
        assert.equal(final.error?.kind, f.kind);
        assert.equal(final.error?.action?.kind, f.action, JSON.stringify(final.error));
        assert.equal(final.error?.retryable, true, 'the webview offers Retry');
        assert.ok(final.error?.message && !/\bat \w+ \(|Exception:|stack/i.test(final.error.message), `plain words: ${final.error?.message}`);
        if (f.partial) {
          assert.ok(final.text.length > 0, 'the partial text is kept');
          assert.equal(driver.chunks(id), final.text, 'what was shown is what is kept');
        }
        // Saved as it was shown: a reload shows the same partial text, still marked failed.
        const saved = (await driver.reloaded()).turns.find((t) => t.id === final.id)!;
        assert.equal(saved.status, 'error');
        assert.equal(saved.text, final.text);

        await bedrock.clearFaults();
        if (f.timeoutSeconds) await setSetting('requestTimeoutSeconds', undefined);
        const again = driver.send('', 'retry');
        const end2 = await driver.end(again);
        assert.equal(end2.done, true, JSON.stringify(end2.error));
        assert.equal(driver.turnUpdates(again).at(-1)!.status, 'done');
        reliabilitySummary.fault(`${f.name} (chat)`);
        if (f.fault.fault === 'dropAfterEvents') reliabilitySummary.found('a connection dropped mid-answer read "Cannot reach <endpoint>" with "Check the endpoint"; it now reads "The answer was cut off" with Retry');
      } finally {
        if (f.timeoutSeconds) {
          await setSetting('requestTimeoutSeconds', undefined);
          driver.dispose();
          svc.dispose();
        }
      }
    });
  }

  it('an answer that starts slowly but within the timeout is not cut', async () => {
    await setSetting('requestTimeoutSeconds', 3);
    const svc = new BedrockService(() => connectionSettings());
    const driver = new ChatDriver(`reliability-slow-${n}`, root, svc);
    try {
      await bedrock.injectFault({ operation: 'ConverseStream', fault: 'delayFirstEvent', delayMs: 1000 });
      const id = driver.send('Slow but fine');
      assert.equal((await driver.end(id)).done, true);
    } finally {
      await setSetting('requestTimeoutSeconds', undefined);
      driver.dispose();
      svc.dispose();
    }
  });

  it('three panels streaming and one image generating at once: every reply in its own panel and turn; Stop stops only that one', async () => {
    await bedrock.setTokensPerSecond(150);
    const panels = [chat, new ChatDriver(`reliability-b-${n}`, root, service), new ChatDriver(`reliability-c-${n}`, root, service)];
    try {
      const words = ['alpha-panel', 'bravo-panel', 'charlie-panel'];
      // 3000 tokens at 150/s: 20 s of answer, so the middle one is surely still arriving when it is stopped.
      const ids = panels.map((p, i) => p.send(`Write something long about ${words[i]}`, 'new', undefined, 3000));
      const image = vscode.commands.executeCommand<{ status: string; message?: string }>('bedrock.generateImage', {
        open: false, prompt: 'concurrency check', modelId: 'amazon.titan-image-generator-v2:0', width: 512, height: 512,
      });
      // The reply quotes the question: wait until each panel shows its own word, then Stop the middle one.
      await until(() => panels.every((p, i) => p.chunks(ids[i]!).includes(words[i]!)), 'text in every panel');
      panels[1]!.cancel(ids[1]!);
      assert.equal((await panels[1]!.end(ids[1]!)).error?.code, 'cancelled', 'Stop ended the middle panel');
      await bedrock.setTokensPerSecond(0);
      const ends = await Promise.all(panels.map((p, i) => p.end(ids[i]!, 60_000)));

      assert.equal(ends[0]!.done, true);
      assert.equal(ends[2]!.done, true);
      assert.equal(ends[1]!.error?.code, 'cancelled', 'Stop ended the middle panel only');
      for (const [i, p] of panels.entries()) {
        const final = p.turnUpdates(ids[i]!).at(-1)!;
        assert.equal(final.status, i === 1 ? 'cancelled' : 'done');
        assert.ok(final.text.includes(words[i]!), `panel ${i} got its own answer`);
        for (const other of words.filter((_, j) => j !== i)) assert.ok(!final.text.includes(other), `panel ${i} got none of ${other}`);
        assert.equal(p.chunks(ids[i]!), final.text);
        const saved = await p.reloaded();
        assert.equal(saved.turns.length, 2, `panel ${i}: one question, one answer`);
      }
      const img = await image;
      assert.equal(img.status, 'saved', img.message);
      reliabilitySummary.fault('3 chats + 1 image at once, Stop in one');
    } finally {
      await bedrock.setTokensPerSecond(0);
      panels.slice(1).forEach((p) => p.dispose());
    }
  });

  it('a panel closed (or its window reloaded) mid-answer saves the reply as interrupted; Stop saves it as stopped', async () => {
    await bedrock.setTokensPerSecond(100);
    const closing = new ChatDriver(`reliability-close-${n}`, root, service);
    // 3000 tokens at 100/s: each answer is surely still arriving when its panel closes or is stopped.
    const closed = closing.send('Write something long about closing', 'new', undefined, 3000);
    await until(() => closing.chunks(closed).length > 20, 'some text');
    closing.dispose();
    const stopped = chat.send('Write something long about stopping', 'new', undefined, 3000);
    await until(() => chat.chunks(stopped).length > 20, 'some text');
    chat.cancel(stopped);
    await chat.end(stopped);
    await bedrock.setTokensPerSecond(0);
    await until(() => closing.turnUpdates(closed).at(-1)?.status === 'interrupted' || undefined, 'the closed panel\'s reply to be saved');
    const savedClosed = (await closing.reloaded()).turns.at(-1)!;
    assert.equal(savedClosed.status, 'interrupted', 'the user did not stop it: "Interrupted", not "Stopped"');
    assert.ok(savedClosed.text.length > 0);
    assert.equal((await chat.reloaded()).turns.at(-1)!.status, 'cancelled', 'Stop reads "Stopped"');
    reliabilitySummary.found('an answer cut short by its panel closing or the window reloading was saved as "Stopped" (as if the user stopped it); it is now "Interrupted"');
  });

  it('keeps the conversation when a stream is abandoned mid-way (host restart): the saved reply comes back marked interrupted', async () => {
    await bedrock.setTokensPerSecond(60);
    // 3000 tokens at 60/s: the answer is still arriving when the session makes its periodic save.
    const id = chat.send('Write something long about reloads', 'new', undefined, 3000);
    // The session saves every 2 s while streaming: wait for a save made mid-answer to reach the disk.
    await until(() => chat.saves.find((s) => s.status === 'streaming' && s.text.length > 0), 'a save made while the answer streams', 60_000);
    assert.ok(chat.chunks(id).length > 0);
    // The old host side is gone without finishing (as when the extension host stops)...
    const savedMid = await chat.reloaded();
    chat.dispose();
    await bedrock.setTokensPerSecond(0);
    const turn = savedMid.turns.find((t) => t.role === 'assistant')!;
    assert.equal(savedMid.turns[0]!.text, 'Write something long about reloads', 'the question is kept');
    assert.equal(turn.status, 'interrupted', 'a reply that was arriving comes back marked interrupted');
    assert.ok(turn.text.length > 0, 'with the text saved so far');
    reliabilitySummary.fault('host gone mid-stream (conversation restored)');
  });
});

// The Compare tab's host side inside a real VS Code: its router driven as the webview drives it
// (one `compare/send` stream per column), the real SDK against the local endpoint, real
// conversation stores on disk. Each column's request carries its own model and parameters; a
// fault for one model stays in its column; Stop (a cancel per stream) stops them all.
import * as assert from 'node:assert/strict';
import type { ChatOptions, TurnView } from '../../src/protocol/chat';
import { type ColumnIndex, CompareEvents, CompareRequests } from '../../src/protocol/compare';
import { ConversationStore } from '../../src/playground/chat/conversationStore';
import { type ComparePane, openComparePane } from './support/comparePane';
import { activeExtension, localBedrock } from './support/extension';
import { WebviewSide as SharedWebviewSide } from './support/webviewSide';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const NOVA_LITE = 'amazon.nova-lite-v1:0';
const LLAMA = 'meta.llama3-8b-instruct-v1:0';

// What the host sends must pass the webview's own guards, or the webview drops it (WebviewSide.notify checks).
class WebviewSide extends SharedWebviewSide {
  lastTurn(column: ColumnIndex): TurnView | undefined {
    return this.notifications(CompareEvents.turn).filter((e) => e.column === column).at(-1)?.turn;
  }
}

function options(modelId: string, o: Partial<ChatOptions> = {}): ChatOptions {
  return { modelId, system: '', stopSequences: [], stream: true, chosen: [], ...o };
}

describe('Compare tab (host side, in VS Code)', function () {
  this.timeout(60_000);
  const bedrock = localBedrock();
  let side: WebviewSide;
  let pane: ComparePane;
  let chats: ConversationStore;
  const opened: string[] = [];

  before(async () => { await activeExtension(); });
  beforeEach(async () => {
    await bedrock.reset();
    side = new WebviewSide();
    pane = await openComparePane(side, 'compare-it', async (id) => { opened.push(id); });
    chats = pane.chats;
  });
  afterEach(async () => {
    pane.close();
    await bedrock.reset();
  });

  it('gives each new column a different model and says the layout', async () => {
    assert.deepEqual(side.notifications(CompareEvents.layout), [{ columns: 2 }]);
    const chosen = await side.until(() => {
      const byColumn = new Map(side.notifications(CompareEvents.options).map((e) => [e.column, e.options.modelId]));
      return byColumn.size === 3 ? [...byColumn.values()] : undefined;
    });
    assert.equal(new Set(chosen).size, 3, `three different models: ${chosen.join(', ')}`);
  });

  it('sends the same prompt to three columns at once, each request with its column\'s model and parameters', async () => {
    await bedrock.setTokensPerSecond(200);
    const prompt = `Compare prompt ${Date.now()}`;
    const columns = [
      options(HAIKU, { temperature: 0.1, maxTokens: 300, system: 'Answer in one line.' }),
      options(NOVA_LITE, { temperature: 0.9, topP: 0.5, chosen: ['topP'] }),
      options(LLAMA, { maxTokens: 200, stopSequences: ['STOP'] }),
    ];
    const streams = columns.map((o, column) => side.stream(CompareRequests.send, { column: column as ColumnIndex, mode: 'new', text: prompt, attachments: [], options: o }));
    const ends = await Promise.all(streams.map((s) => s.ended));
    for (const e of ends) assert.equal(e.error, undefined);
    for (const e of ends) assert.ok(e.text.length > 0, 'each column streamed text');

    const calls = (await bedrock.requestsFor('ConverseStream')).filter((r) => JSON.stringify(r.body).includes(prompt));
    assert.equal(calls.length, 3);
    const byModel = new Map(calls.map((c) => [c.modelId, c.body as { system?: Array<{ text: string }>; inferenceConfig?: Record<string, unknown>; messages: unknown[] }]));
    assert.deepEqual(byModel.get(HAIKU)?.inferenceConfig, { temperature: 0.1, maxTokens: 300 });
    assert.deepEqual(byModel.get(HAIKU)?.system, [{ text: 'Answer in one line.' }]);
    assert.deepEqual(byModel.get(NOVA_LITE)?.inferenceConfig, { temperature: 0.9, topP: 0.5 });
    assert.equal(byModel.get(NOVA_LITE)?.system, undefined);
    assert.deepEqual(byModel.get(LLAMA)?.inferenceConfig, { maxTokens: 200, stopSequences: ['STOP'] });
    // They ran side by side: every request arrived before the first answer was complete.
    const times = calls.map((c) => Date.parse(c.time));
    assert.ok(Math.max(...times) - Math.min(...times) < 1000, 'the three requests went out together');

    // Each column keeps its own history: a second prompt carries that column's own answer.
    const firstAnswers = ([0, 1, 2] as const).map((c) => side.lastTurn(c)!);
    for (const a of firstAnswers) {
      assert.equal(a.status, 'done');
      assert.ok(a.metrics?.totalLatencyMs !== undefined && a.metrics.outputTokens !== undefined && a.metrics.stopReason, JSON.stringify(a.metrics));
      assert.ok(a.invokedId && a.request, 'the id invoked and the request are kept');
    }
    const second = columns.map((o, column) => side.stream(CompareRequests.send, { column: column as ColumnIndex, mode: 'new', text: 'And then?', attachments: [], options: o }));
    await Promise.all(second.map((s) => s.ended));
    const followUps = (await bedrock.requestsFor('ConverseStream')).filter((r) => JSON.stringify(r.body).includes('And then?'));
    for (const [column, modelId] of [HAIKU, NOVA_LITE, LLAMA].entries()) {
      const body = followUps.find((r) => r.modelId === modelId)!.body as { messages: Array<{ role: string; content: Array<{ text?: string }> }> };
      assert.equal(body.messages.length, 3);
      assert.equal(body.messages[1]!.content[0]!.text, firstAnswers[column]!.text, `column ${column + 1} sent its own answer`);
    }
  });

  it('a fault for one model fails only its column; the others answer in full', async () => {
    await bedrock.injectFault({ operation: 'ConverseStream', fault: 'accessDenied', times: -1, modelId: NOVA_LITE });
    const models = [HAIKU, NOVA_LITE, LLAMA];
    const streams = models.map((m, column) => side.stream(CompareRequests.send, { column: column as ColumnIndex, mode: 'new', text: 'Who fails?', attachments: [], options: options(m) }));
    const ends = await Promise.all(streams.map((s) => s.ended));
    assert.equal(ends[0]!.error, undefined);
    assert.equal(ends[2]!.error, undefined);
    assert.equal(ends[1]!.error?.code, 'accessDenied');
    assert.equal(side.lastTurn(0)!.status, 'done');
    assert.equal(side.lastTurn(2)!.status, 'done');
    const failed = side.lastTurn(1)!;
    assert.equal(failed.status, 'error');
    assert.match(failed.error!.message, /access/i);
    assert.ok(failed.error!.action, 'the fix is offered in the column');

    // Retry in the failed column alone, once the fault is gone.
    await bedrock.clearFaults();
    const retry = side.stream(CompareRequests.send, { column: 1, mode: 'retry', text: '', attachments: [], options: options(NOVA_LITE) });
    assert.equal((await retry.ended).error, undefined);
    assert.equal(side.lastTurn(1)!.status, 'done');
  });

  it('Stop cancels every column\'s stream; each keeps what arrived, marked stopped', async () => {
    await bedrock.setTokensPerSecond(15);
    const models = [HAIKU, NOVA_LITE, LLAMA];
    const streams = models.map((m, column) => side.stream(CompareRequests.send, { column: column as ColumnIndex, mode: 'new', text: 'Write a long story about rivers.', attachments: [], options: options(m) }));
    await side.until(() => streams.every((s) => side.received.some((m) => m.type === 'chunk' && m.id === s.id)));
    for (const s of streams) side.router.handle({ type: 'cancel', id: s.id });
    const ends = await Promise.all(streams.map((s) => s.ended));
    for (const e of ends) assert.equal(e.error?.code, 'cancelled');
    for (const column of [0, 1, 2] as const) {
      const t = side.lastTurn(column)!;
      assert.equal(t.status, 'cancelled');
      assert.ok(t.text.length > 0);
    }
    assert.equal(side.router.requestsInFlight, 0);
  });

  it('Continue with this model saves the column\'s conversation as a chat and opens it', async () => {
    const s = side.stream(CompareRequests.send, { column: 1, mode: 'new', text: 'Keep talking', attachments: [], options: options(NOVA_LITE, { temperature: 0.3 }) });
    await s.ended;
    const { conversationId } = await side.request(CompareRequests.continueChat, { column: 1 });
    assert.equal(opened.at(-1), conversationId);
    const saved = await chats.load(conversationId);
    assert.ok(saved);
    assert.equal(saved.options.modelId, NOVA_LITE);
    assert.equal(saved.options.temperature, 0.3);
    assert.deepEqual(saved.turns.map((t) => t.role), ['user', 'assistant']);
    assert.equal(saved.turns[0]!.text, 'Keep talking');
    assert.equal(saved.turns[1]!.text, side.lastTurn(1)!.text);
    await assert.rejects(side.request(CompareRequests.continueChat, { column: 2 }), /no conversation yet/);
  });

  it('a reloaded page gets every column back', async () => {
    const s = side.stream(CompareRequests.send, { column: 0, mode: 'new', text: 'Remember me', attachments: [], options: options(HAIKU) });
    await s.ended;
    const before = side.notifications(CompareEvents.columnState).length;
    side.router.handle({ type: 'ready' });
    const states = await side.until(() => {
      const all = side.notifications(CompareEvents.columnState).slice(before);
      return all.length >= 3 ? all : undefined;
    });
    assert.deepEqual(states.map((x) => x.column), [0, 1, 2]);
    assert.deepEqual(states[0]!.state.turns.map((t) => t.text.slice(0, 11)), ['Remember me', side.lastTurn(0)!.text.slice(0, 11)]);
    assert.equal(states[1]!.state.turns.length, 0);
  });
});

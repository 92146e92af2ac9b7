// The chat tab's host logic, end to end in plain Node: the real BedrockService and SDK against
// the local Bedrock endpoint, the real conversation store on disk.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChatOptions, type ChatStateView, type EarlierTurnsEvent, type SendParams, STATE_FIRST_TURNS, type TurnView } from '../../../src/protocol/chat';
import { ChatSession } from '../../../src/playground/chat/chatSession';
import { defaultOptions, newConversation } from '../../../src/playground/chat/conversation';
import { ConversationStore } from '../../../src/playground/chat/conversationStore';
import { ProtocolFailure, type StreamContext } from '../../../src/playground/router';
import { localService, useLocalBedrock } from '../bedrock/localEndpoint';
import { Recorded } from '../../support/changes';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const SONNET_45 = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

interface Harness {
  session: ChatSession;
  store: ConversationStore;
  dir: string;
  notes: Array<{ method: string; params: unknown }>;
  /** The text chunks the host streamed, in order; `chunks.changes.until(...)` waits for more. */
  chunks: Recorded<string>;
  send(p: Partial<Omit<SendParams, 'options'>> & { options?: Partial<ChatOptions> }, abort?: AbortController): Promise<{ error?: ProtocolFailure }>;
  turns(): TurnView[];
}

describe('chat session (host side of the chat tab) against the local endpoint', function () {
  this.timeout(30_000);
  const local = useLocalBedrock();
  const dirs: string[] = [];
  after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

  function harness(id = 'conv-1', dir = mkdtempSync(join(tmpdir(), 'pg-chat-'))): Harness {
    dirs.push(dir);
    const store = new ConversationStore(dir);
    const service = localService(local.lb, { maxAttempts: 3 });
    const notes: Array<{ method: string; params: unknown }> = [];
    const chunks = new Recorded<string>();
    const session = new ChatSession(id, store, service, {
      notify: (e, params) => {
        const copy = JSON.parse(JSON.stringify(params)) as unknown;
        // What the host sends must pass the webview's own guard of that event, or the webview drops it.
        assert.ok(e.params(copy), `the webview would drop ${e.method}: ${JSON.stringify(copy).slice(0, 300)}`);
        notes.push({ method: e.method, params: copy });
      },
      setTitle: () => undefined,
      warn: () => undefined,
    }, () => defaultOptions(HAIKU));
    let nextId = 1;
    return {
      session, store, dir, notes, chunks,
      async send(p, abort = new AbortController()) {
        const ctx: StreamContext = { id: nextId++, signal: abort.signal, chunk: (d, channel) => { if (channel !== 'reasoning') chunks.push(d); } };
        const params: SendParams = { mode: 'new', text: 'hello', attachments: [], ...p, options: { ...defaultOptions(HAIKU), ...p.options } };
        try {
          await session.send(params, ctx);
          return {};
        } catch (error) {
          if (error instanceof ProtocolFailure) return { error };
          throw error;
        }
      },
      turns() {
        const last = new Map<string, TurnView>();
        for (const n of notes) if (n.method === 'chat/turn') { const t = (n.params as { turn: TurnView }).turn; last.set(t.id, t); }
        return [...last.values()];
      },
    };
  }

  it('streams an answer as coalesced chunks, records request, metrics and the id invoked, and saves it', async () => {
    const h = harness();
    const res = await h.send({ text: 'Say hello', options: { temperature: 0.3 } });
    assert.equal(res.error, undefined);
    const [user, answer] = h.turns();
    assert.equal(user!.role, 'user');
    assert.equal(answer!.status, 'done');
    assert.ok(answer!.text.length > 50);
    assert.equal(h.chunks.join(''), answer!.text, 'the chunks carry exactly the answer, each piece once');
    assert.equal(answer!.invokedId, HAIKU);
    assert.equal(answer!.request?.operation, 'ConverseStream');
    assert.equal((answer!.request?.body as { inferenceConfig?: { temperature?: number } }).inferenceConfig?.temperature, 0.3);
    assert.ok(answer!.metrics?.outputTokens && answer!.metrics.inputTokens);
    assert.equal(answer!.metrics?.stopReason, 'end_turn');
    assert.ok(answer!.metrics?.timeToFirstTokenMs !== undefined && answer!.metrics.totalLatencyMs !== undefined);
    const logged = await local.control.requestsOf('ConverseStream');
    assert.equal((logged[0]!.body as { inferenceConfig?: { temperature?: number } }).inferenceConfig?.temperature, 0.3);

    await h.store.flush();
    const again = await new ConversationStore(h.dir).load('conv-1');
    assert.deepEqual(again?.turns.map((t) => [t.role, t.status, t.text]), [['user', 'done', 'Say hello'], ['assistant', 'done', answer!.text]]);
  });

  it('sends only the chosen member of an exclusive pair (Claude 4.5: temperature or top P)', async () => {
    const h = harness('conv-excl');
    const res = await h.send({ options: { modelId: SONNET_45, temperature: 0.2, topP: 0.5, chosen: ['topP'] } });
    assert.equal(res.error, undefined, res.error?.message);
    const [req] = await local.control.requestsOf('ConverseStream');
    const cfg = (req!.body as { inferenceConfig: Record<string, unknown> }).inferenceConfig;
    assert.equal(cfg.topP, 0.5);
    assert.equal('temperature' in cfg, false);
    assert.equal(req!.modelId, `us.${SONNET_45}`, 'called through the profile');
  });

  it('keeps a multi-turn history, retries the last answer, and edits the last message', async () => {
    const h = harness('conv-multi');
    await h.send({ text: 'first question' });
    await h.send({ text: 'second question' });
    await local.control.reset();
    await h.send({ mode: 'retry', text: '' });
    let [req] = await local.control.requestsOf('ConverseStream');
    const msgs = (req!.body as { messages: Array<{ role: string }> }).messages;
    assert.deepEqual(msgs.map((m) => m.role), ['user', 'assistant', 'user']);
    await local.control.reset();
    await h.send({ mode: 'edit', text: 'second question, edited' });
    [req] = await local.control.requestsOf('ConverseStream');
    const last = (req!.body as { messages: Array<{ content: Array<{ text?: string }> }> }).messages.at(-1)!;
    assert.equal(last.content[0]!.text, 'second question, edited');
    const conv = await h.session.conversationNow();
    assert.deepEqual(conv.turns.map((t) => t.role), ['user', 'assistant', 'user', 'assistant']);
    assert.ok(h.notes.some((n) => n.method === 'chat/removeTurns'));
  });

  it('stops mid-stream: the partial text is kept and the turn says it was stopped', async () => {
    const h = harness('conv-stop');
    await local.control.rate(200);
    const abort = new AbortController();
    const done = h.send({ text: 'write something long please' }, abort);
    await h.chunks.changes.until(() => h.chunks.join('').length >= 20, '20 characters of the answer');
    abort.abort();
    const res = await done;
    assert.equal(res.error?.code, 'cancelled');
    const answer = h.turns().at(-1)!;
    assert.equal(answer.status, 'cancelled');
    assert.ok(answer.text.length >= 20);
    assert.equal(answer.text, h.chunks.join(''));
  });

  it('shows retrying while throttled, then the answer', async () => {
    const h = harness('conv-throttle');
    await local.control.fault({ operation: 'ConverseStream', fault: 'throttle', times: 1 });
    const res = await h.send({ text: 'hi' });
    assert.equal(res.error, undefined);
    const statuses = h.notes.filter((n) => n.method === 'chat/turn').map((n) => (n.params as { turn: TurnView }).turn).filter((t) => t.role === 'assistant').map((t) => t.status);
    assert.ok(statuses.includes('retrying'), statuses.join());
    assert.equal(statuses.at(-1), 'done');
  });

  it('puts a failure in the conversation in plain words with its action, keeping partial text', async () => {
    const h = harness('conv-denied');
    await local.control.fault({ operation: 'ConverseStream', fault: 'accessDenied', times: 1 });
    const res = await h.send({ text: 'hi' });
    assert.equal(res.error?.code, 'accessDenied');
    const answer = h.turns().at(-1)!;
    assert.equal(answer.status, 'error');
    assert.equal(answer.error?.action?.kind, 'openUrl');

    await local.control.fault({ operation: 'ConverseStream', fault: 'dropAfterEvents', afterEvents: 6, times: 1 });
    const res2 = await h.send({ text: 'again' });
    assert.ok(res2.error);
    const partial = h.turns().at(-1)!;
    assert.equal(partial.status, 'error');
    assert.ok(partial.text.length > 0, 'partial text kept');
    assert.equal(partial.error?.retryable, true);
  });

  it('marks a reply that was arriving when the window went away as interrupted, and stores images once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pg-chat-'));
    const h = harness('conv-reload', dir);
    await local.control.rate(100);
    const abort = new AbortController();
    // "long": an answer that runs to its token limit (minutes at this rate), so it is surely still arriving.
    const done = h.send({ text: 'look at this long picture', attachments: [{ format: 'png', base64: PNG_1PX, name: 'dot.png' }] }, abort);
    await h.chunks.changes.until(() => h.chunks.length >= 2, 'two chunks of the answer');
    // The save made before the request went out is what a reload finds.
    await h.store.flush();
    const reloaded = await new ConversationStore(dir).load('conv-reload');
    abort.abort();
    await done;
    assert.equal(reloaded?.turns.at(-1)?.status, 'interrupted');
    assert.equal(reloaded?.turns[0]?.attachments?.[0]?.base64, PNG_1PX);
    await h.send({ text: 'and again', attachments: [{ format: 'png', base64: PNG_1PX, name: 'dot.png' }] });
    await h.store.flush();
    assert.equal(readdirSync(join(dir, 'attachments')).length, 1, 'the same image is stored once');
    const json = readFileSync(join(dir, 'conversations', 'conv-reload.json'), 'utf8');
    assert.equal(json.includes(PNG_1PX), false, 'no image bytes inside the conversation file');
  });

  it('refuses an empty message and a second send while one streams', async () => {
    const h = harness('conv-refuse');
    const empty = await h.send({ text: '   ' });
    assert.equal(empty.error?.code, 'invalid');
    // Held at the endpoint, the first answer is still arriving when the second message is sent.
    await local.control.hold();
    const first = h.send({ text: 'one' });
    await local.control.waitForRequest('ConverseStream');
    const second = await h.send({ text: 'two' });
    assert.equal(second.error?.code, 'busy');
    await local.control.release();
    assert.equal((await first).error, undefined, 'the first answer is then whole');
  });

  it('restores a long chat as its last turns first, then the older ones in one message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pg-chat-'));
    const c = newConversation('conv-long', defaultOptions(HAIKU));
    for (let i = 0; i < 50; i++) {
      c.turns.push({ id: `u${i}`, role: 'user', text: `Question ${i}`, status: 'done', createdAt: 1_700_000_000_000 + i });
      c.turns.push({ id: `a${i}`, role: 'assistant', text: `Answer ${i}`, status: 'done', modelId: HAIKU, createdAt: 1_700_000_000_000 + i });
    }
    await new ConversationStore(dir).save(c);
    const h = harness('conv-long', dir);
    await h.session.sendState();
    assert.deepEqual(h.notes.map((n) => n.method), ['chat/state', 'chat/earlierTurns']);
    const state = h.notes[0]!.params as ChatStateView;
    assert.equal(state.turns.length, STATE_FIRST_TURNS);
    assert.equal(state.earlier, 100 - STATE_FIRST_TURNS);
    assert.equal(state.turns.at(-1)!.id, 'a49', 'the last turn is in the first message');
    const earlier = h.notes[1]!.params as EarlierTurnsEvent;
    assert.equal(earlier.conversationId, 'conv-long');
    assert.deepEqual([...earlier.turns, ...state.turns].map((t) => t.id), c.turns.map((t) => t.id), 'together, every turn once, in order');

    // A short chat is one message, as before.
    const short = harness('conv-short');
    await short.send({ text: 'hi' });
    short.notes.length = 0;
    await short.session.sendState();
    assert.deepEqual(short.notes.map((n) => n.method), ['chat/state']);
    assert.equal((short.notes[0]!.params as ChatStateView).earlier, undefined);
  });
});

// How conversations are stored: linear growth (each answer's API request stored as what it
// added), old-format files read and rewritten with every request reconstructed exactly, and files
// that cannot be read kept aside with a message. Real store on disk; requests built by the real
// Bedrock layer (and, for the old-format test, sent to the local endpoint by a real session).
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildConverseInput } from '../../../src/bedrock/converseBody';
import type { ApiRequestRecord, ModelRecord } from '../../../src/bedrock/types';
import type { TurnView } from '../../../src/protocol/chat';
import { ChatLibrary } from '../../../src/playground/chat/chatLibrary';
import { ChatSession } from '../../../src/playground/chat/chatSession';
import { buildMessages, type Conversation, defaultOptions, newConversation } from '../../../src/playground/chat/conversation';
import { ConversationStore } from '../../../src/playground/chat/conversationStore';
import { applyPatch, diffJson } from '../../../src/playground/chat/requestDelta';
import { localService, model, useLocalBedrock } from '../bedrock/localEndpoint';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const COMMAND_TEXT = 'cohere.command-text-v14';

/**
 * A conversation of `n` exchanges as the chat session records it: each answer keeps the request
 * that asked for it. The bodies come from the real Bedrock layer (built once for the whole
 * history; each answer's request is that body cut at its question, as building it then would give).
 */
function conversationOf(m: ModelRecord, n: number): Conversation {
  const c = newConversation('growth', { ...defaultOptions(HAIKU), system: 'Answer briefly.' }, 1_700_000_000_000);
  const answer = (i: number) => `${i} + ${i} is ${2 * i}.`;
  for (let i = 0; i < n; i++) {
    c.turns.push({ id: `u${i}`, role: 'user', text: `Question number ${i}: what is ${i} + ${i}?`, status: 'done', createdAt: 1_700_000_000_000 + i });
    c.turns.push({ id: `a${i}`, role: 'assistant', text: answer(i), status: 'done', modelId: m.id, createdAt: 1_700_000_000_000 + i });
  }
  const { record } = buildConverseInput({ model: m, system: c.options.system, messages: buildMessages([...c.turns, c.turns[0]!]), settings: { maxTokens: 512 } }, m.id);
  const full = record as { messages: unknown[] };
  for (let i = 0; i < n; i++) {
    const request: ApiRequestRecord = { operation: 'ConverseStream', modelId: m.id, body: { ...full, messages: full.messages.slice(0, 2 * i + 1) } };
    c.turns[2 * i + 1]!.request = request;
  }
  return c;
}

/** What version 1 of the store wrote: every turn's request in full. */
function version1(c: Conversation): unknown {
  return {
    version: 1, id: c.id, createdAt: c.createdAt, updatedAt: c.updatedAt, options: c.options, invocationOverrides: c.invocationOverrides,
    turns: c.turns.map((t) => { const { streamId: _s, ...rest } = t; return rest; }),
  };
}

describe('conversation storage', function () {
  this.timeout(60_000);
  const local = useLocalBedrock();
  const dirs: string[] = [];
  const dir = () => { const d = mkdtempSync(join(tmpdir(), 'pg-store-')); dirs.push(d); return d; };
  after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

  it('a patch gives back the same JSON, key order included', () => {
    const prev = { modelId: 'm', messages: [{ role: 'user', content: [{ text: 'a' }] }], prompt: 'User: a\n', inferenceConfig: { maxTokens: 5 } };
    const next = { modelId: 'm', messages: [...prev.messages, { role: 'assistant', content: [{ text: 'b' }] }], __proto__x: 1, prompt: 'User: a\nBot: b\n', inferenceConfig: { maxTokens: 5 } };
    assert.equal(JSON.stringify(applyPatch(prev, diffJson(prev, next))), JSON.stringify(next));
    const weird = JSON.parse('{"__proto__":{"polluted":true},"a":[1,2]}') as unknown;
    const out = applyPatch({ a: [1] }, diffJson({ a: [1] }, weird));
    assert.equal(JSON.stringify(out), JSON.stringify(weird));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    // An edit of an earlier message: the shared prefix is kept, the rest stored in full.
    const edited = { ...next, messages: [{ role: 'user', content: [{ text: 'A' }] }] };
    assert.equal(JSON.stringify(applyPatch(next, diffJson(next, edited))), JSON.stringify(edited));
  });

  it('bytes per turn stay flat from 100 to 1,000 turns (the file grows linearly)', async () => {
    const m = await model(localService(local.lb), HAIKU);
    const sizes: Record<number, number> = {};
    for (const n of [100, 1000]) {
      const d = dir();
      const c = conversationOf(m, n);
      const store = new ConversationStore(d);
      await store.save(c);
      sizes[n] = statSync(store.file(c.id)).size;
      // Requests come back exactly (at 1,000 turns every 50th answer: they hold 70 MB of JSON between them).
      const back = await new ConversationStore(d).load(c.id);
      const step = n > 100 ? 100 : 2;
      for (let i = 1; i < c.turns.length; i += step) assert.equal(JSON.stringify(back!.turns[i]!.request), JSON.stringify(c.turns[i]!.request));
    }
    const before = Buffer.byteLength(JSON.stringify(version1(conversationOf(m, 100)))) / 100;
    const ratio = (sizes[1000]! / 1000) / (sizes[100]! / 100);
    console.log(`      bytes per turn: ${(sizes[100]! / 100).toFixed(0)} at 100 turns (version 1 of the store: ${before.toFixed(0)}), ${(sizes[1000]! / 1000).toFixed(0)} at 1,000 turns; ratio ${ratio.toFixed(2)}`);
    // Linear: a turn costs about the same at 1,000 turns as at 100 (the numbers in the text grow a digit).
    assert.ok(ratio < 1.3, `bytes per turn grew ${ratio.toFixed(2)}× from 100 to 1,000 turns`);
  });

  it('an old-format file opens, reconstructs identical requests, and is saved in the new format', async () => {
    const d = dir();
    const service = localService(local.lb);
    const store = new ConversationStore(d);
    const session = new ChatSession('old-chat', store, service, { notify: () => undefined, setTitle: () => undefined, warn: () => undefined }, () => defaultOptions(HAIKU));
    let id = 0;
    const send = (text: string, modelId: string) => session.send({ mode: 'new', text, attachments: [], options: { ...defaultOptions(modelId), system: 'Be brief.', maxTokens: 300 } }, { id: ++id, signal: new AbortController().signal, chunk: () => undefined });
    await send('Hello there', HAIKU);
    await send('And a second question', HAIKU);
    await send('Now through the model\'s own body', COMMAND_TEXT);
    await send('Once more', COMMAND_TEXT);
    await store.flush();
    const live = await session.conversationNow();
    const requests = (turns: readonly TurnView[]) => turns.filter((t) => t.request).map((t) => JSON.stringify(t.request));
    assert.equal(requests(live.turns).length, 4);
    assert.ok(live.turns.some((t) => t.request?.operation.startsWith('InvokeModel')), 'a request through the model\'s own body');

    // The file as version 1 wrote it.
    const file = store.file('old-chat');
    writeFileSync(file, JSON.stringify(version1(live)));
    const warnings: string[] = [];
    const reader = new ConversationStore(d, { warn: (m) => warnings.push(m) });
    const opened = await reader.load('old-chat');
    assert.deepEqual(requests(opened!.turns), requests(live.turns));
    await reader.flush();
    const rewritten = JSON.parse(readFileSync(file, 'utf8')) as { version: number; turns: Array<{ request?: { patch: unknown[] } }> };
    assert.equal(rewritten.version, 2);
    assert.ok(rewritten.turns.filter((t) => t.request).slice(1).every((t) => t.request!.patch[0] !== 'v'), 'later requests are stored as patches');
    assert.ok(warnings.some((w) => /old format/.test(w)));
    // And the rewritten file gives the same requests again.
    const again = await new ConversationStore(d).load('old-chat');
    assert.deepEqual(requests(again!.turns), requests(live.turns));
  });

  it('a file that cannot be read is kept aside as *.unreadable.json and reported, never dropped', async () => {
    const d = dir();
    mkdirSync(join(d, 'conversations'), { recursive: true });
    const file = join(d, 'conversations', 'broken.json');
    writeFileSync(file, '{"version":1,"id":"broken","turns":[');
    const told: Array<{ message: string; keptAt: string }> = [];
    const store = new ConversationStore(d, { unreadable: (message, keptAt) => told.push({ message, keptAt }) });
    assert.equal((await new ChatLibrary(store).list()).length, 1, 'listed before it is opened');
    assert.equal(await store.load('broken'), undefined);
    assert.equal(existsSync(file), false);
    assert.equal(told.length, 1);
    assert.match(told[0]!.keptAt, /broken\.unreadable\.json$/);
    assert.equal(readFileSync(told[0]!.keptAt, 'utf8'), '{"version":1,"id":"broken","turns":[');
    assert.match(told[0]!.message, /could not be opened.*kept as broken\.unreadable\.json/);
    assert.deepEqual(await new ChatLibrary(store).list(), [], 'the kept file is not listed as a chat');
  });

  it('lists, renames, deletes, and drops chats older than keepDays', async () => {
    const d = dir();
    const store = new ConversationStore(d);
    const lib = new ChatLibrary(store);
    const day = 86_400_000;
    const now = Date.now();
    for (const [id, age] of [['fresh', 1], ['old', 40]] as const) {
      const c = newConversation(id, defaultOptions(HAIKU), now - age * day);
      c.turns.push({ id: `${id}-u`, role: 'user', text: `About ${id} things`, status: 'done', createdAt: c.createdAt });
      await store.save(c);
    }
    const list = await lib.list();
    assert.deepEqual(list.map((c) => [c.id, c.title, c.modelId, c.turns]), [['fresh', 'About fresh things', HAIKU, 1], ['old', 'About old things', HAIKU, 1]]);
    assert.ok(list.every((c) => c.bytes > 0));
    await lib.rename('fresh', 'My chat');
    assert.equal((await lib.list())[0]!.title, 'My chat');
    assert.equal(await lib.prune(0, new Set(), now), 0, '0 keeps every chat');
    assert.equal(await lib.prune(30, new Set(), now), 1);
    assert.deepEqual((await lib.list()).map((c) => c.id), ['fresh']);
    await lib.delete(['fresh']);
    assert.deepEqual(await lib.list(), []);
  });
});

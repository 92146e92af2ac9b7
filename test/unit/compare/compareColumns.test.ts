// The Compare tab's columns in plain Node: the chat session's notifications re-addressed to their
// column (and accepted by the webview's guards), the columns' conversation ids, and a column
// forked into a chat conversation — with the real BedrockService against the local endpoint.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatEvents } from '../../../src/protocol/chat';
import { columnConversationId, columnNotification, CompareColumns } from '../../../src/playground/compare/compareColumns';
import { CompareEvents, isColumnRemoveEvent, isColumnStateEvent, isColumnTurnEvent } from '../../../src/protocol/compare';
import { ConversationStore } from '../../../src/playground/chat/conversationStore';
import { isNoParams } from '../../../src/protocol/common';
import { event } from '../../../src/protocol/methods';
import type { StreamContext } from '../../../src/playground/router';
import { localService, useLocalBedrock } from '../bedrock/localEndpoint';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const LLAMA = 'meta.llama3-8b-instruct-v1:0';
const turn = { id: 't1', role: 'assistant', text: 'hi', status: 'done', createdAt: 1 } as const;

describe('compare: columns', function () {
  this.timeout(30_000);
  const local = useLocalBedrock();
  const dirs: string[] = [];
  after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

  it('re-addresses the chat session\'s notifications to the column, in shapes the webview accepts', () => {
    const t = columnNotification(2, ChatEvents.turn, { turn })!;
    assert.equal(t.event, CompareEvents.turn);
    assert.ok(isColumnTurnEvent(t.params));
    const s = columnNotification(1, ChatEvents.state, { conversationId: 'c', title: 'x', turns: [turn], options: { modelId: HAIKU, system: '', stopSequences: [], stream: true, chosen: [] } })!;
    assert.equal(s.event, CompareEvents.columnState);
    assert.ok(isColumnStateEvent(s.params));
    assert.ok(isColumnRemoveEvent(columnNotification(0, ChatEvents.removeTurns, { ids: ['a'] })!.params));
    // The chat's model list and anything unknown are not for the columns.
    assert.equal(columnNotification(0, ChatEvents.models, { models: [], loading: false, region: 'us-east-1', local: true }), undefined);
    assert.equal(columnNotification(0, event('chat/other', isNoParams), {}), undefined);
  });

  it('gives each column of a panel its own conversation id, within the store\'s id limit', () => {
    const ids = [0, 1, 2].map((c) => columnConversationId('a'.repeat(100), c as 0 | 1 | 2));
    assert.equal(new Set(ids).size, 3);
    for (const id of ids) assert.match(id, /^[\w-]{1,100}$/);
  });

  it('answers in each column with its own model, and forks a column into a chat conversation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'compare-cols-'));
    dirs.push(dir);
    const notes: string[] = [];
    const columns = new CompareColumns('panel-1', new ConversationStore(dir), localService(local.lb), (e) => notes.push(e.method), () => undefined);
    let id = 1;
    const ctx = (): StreamContext => ({ id: id++, signal: new AbortController().signal, chunk: () => undefined });
    const opts = (modelId: string) => ({ modelId, system: '', stopSequences: [], stream: true, chosen: [] });
    await Promise.all([
      columns.session(0).send({ mode: 'new', text: 'Same question', attachments: [], options: opts(HAIKU) }, ctx()),
      columns.session(1).send({ mode: 'new', text: 'Same question', attachments: [], options: opts(LLAMA) }, ctx()),
    ]);
    const calls = await local.control.runtimeRequests();
    assert.deepEqual(calls.map((c) => c.modelId).sort(), [HAIKU, LLAMA].sort());
    assert.ok(notes.every((m) => m.startsWith('compare/')), notes.join(', '));

    const fork = await columns.forkConversation(1, 'forked-1', 5);
    assert.equal(fork.id, 'forked-1');
    assert.equal(fork.options.modelId, LLAMA);
    assert.deepEqual(fork.turns.map((t) => [t.role, t.status]), [['user', 'done'], ['assistant', 'done']]);
    const column = await columns.session(1).conversationNow();
    assert.notEqual(fork.turns[0], column.turns[0], 'the fork is a copy; the column is left as it is');
    await assert.rejects(columns.forkConversation(2), /no conversation yet/);
    await columns.clear();
    assert.equal((await columns.session(0).conversationNow()).turns.length, 0);
  });
});

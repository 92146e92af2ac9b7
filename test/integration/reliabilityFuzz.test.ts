// 10,000 random and malformed webview messages into the real host side of a playground panel in
// the extension host: its router with the chat session, the Embeddings and Knowledge base panes
// registered (real SDK, real conversation store). Wrong types, unknown kinds and methods, huge
// strings, prototype-pollution keys, near-valid requests with one thing wrong, cancels of
// random ids. Nothing may throw out of the host, pollute prototypes, change the saved
// conversation, leak an in-flight request or stop the panel from answering the next message.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { BedrockService } from '../../src/bedrock/service';
import { connectionSettings } from '../../src/core/config';
import { ChatNotifications, ChatRequests } from '../../src/protocol/chat';
import { LinkRequests } from '../../src/protocol/links';
import { defaultOptions } from '../../src/playground/chat/conversation';
import { attachEmbeddingsPane } from '../../src/playground/embeddings/embeddingsPane';
import { attachKnowledgeBasePane } from '../../src/playground/knowledgeBase/knowledgeBasePane';
import { ChatDriver, HAIKU, tempStoreRoot, until } from './reliabilityDriver';
import { reliabilitySummary } from './reliabilitySummary';
import { activeExtension, localBedrock } from './support/extension';

const MESSAGES = 10_000;
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);

/** A small seeded generator (mulberry32), so a failing run can be replayed with FUZZ_SEED. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Methods whose valid calls open dialogs, editors or browsers: fuzzed with junk only.
const METHODS = [
  ...[ChatRequests.send, ChatRequests.clear, ChatRequests.refreshModels, ChatRequests.copyAsCode, ChatRequests.openRequest, ChatRequests.runAction,
    ChatNotifications.setOptions, LinkRequests.open].map((m) => m.method), 'embeddings/compute', 'embeddings/neighbours', 'embeddings/cancel',
  'embeddings/refreshModels', 'knowledgeBase/retrieve', 'knowledgeBase/ask', 'knowledgeBase/refresh', 'knowledgeBase/cancel',
  'chat/nope', 'images/generate', 'a/b/c', '__proto__/x', 'constructor/prototype',
];
/** Made once: a 1 MB prompt, one over the 4 MB message limit, and a mid-sized one. */
const HUGE = ['x'.repeat(1_000_001), 'x'.repeat(4_000_001), 'x'.repeat(100_000)];
const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype', 'polluted', 'toString', 'valueOf', 'hasOwnProperty', 'then'];

class Fuzzer {
  private readonly r: () => number;
  constructor(seed: number) { this.r = rng(seed); }

  int(n: number): number { return Math.floor(this.r() * n); }
  pick<T>(list: readonly T[]): T { return list[this.int(list.length)]!; }

  string(): string {
    switch (this.int(8)) {
      case 0: return '';
      case 1: return this.pick(HUGE);
      case 2: return '\u0000\uFFFF\uD800<script>alert(1)</script>';
      case 3: return this.pick(POLLUTING_KEYS);
      case 4: return '../'.repeat(20) + 'etc/passwd';
      case 5: return String.fromCharCode(...Array.from({ length: 20 }, () => this.int(0xffff)));
      default: return Math.random().toString(36).slice(2);
    }
  }

  /** Any JSON-shaped value, with prototype keys as own properties (as JSON.parse makes them). */
  value(depth = 0): unknown {
    const k = this.int(depth > 3 ? 6 : 9);
    switch (k) {
      case 0: return null;
      case 1: return this.pick([0, -1, 1.5, 2 ** 53, -(2 ** 60), Number.MAX_VALUE, 1e-300]);
      case 2: return this.r() < 0.5;
      case 3: case 4: return this.string();
      case 5: return undefined;
      case 6: return Array.from({ length: this.int(5) }, () => this.value(depth + 1));
      default: {
        // Prototype keys as own properties, as JSON.parse makes them from a posted message.
        const o: Record<string, unknown> = {};
        for (let i = 1 + this.int(5); i > 0; i--) {
          const key = this.r() < 0.4 ? this.pick(POLLUTING_KEYS) : this.string().slice(0, 20);
          Object.defineProperty(o, key, { value: this.value(depth + 1), enumerable: true, writable: true, configurable: true });
        }
        return o;
      }
    }
  }

  id(): unknown {
    return this.pick([1, 2, 0, -5, 1.5, 2 ** 60, '7', null, this.int(100) + 1, Number.MAX_SAFE_INTEGER, this.value()]);
  }

  /** A chat/send that is right in every way but one. */
  nearValidSend(): unknown {
    const good = { mode: 'new', text: 'hi', attachments: [] as unknown[], options: { ...defaultOptions(HAIKU) } as Record<string, unknown> };
    switch (this.int(9)) {
      case 0: good.mode = this.pick(['NEW', 'delete', '', '__proto__']); break;
      case 1: good.text = HUGE[1]!; break;
      case 2: good.attachments = [{ format: 'exe', base64: 'AAAA', name: 'x' }]; break;
      case 3: good.attachments = [{ format: 'png', base64: 'not base64 !!!', name: 'x'.repeat(100_000) }]; break;
      case 4: good.options.temperature = this.pick(['0.5', -1, 99, null, {}]); break;
      case 5: good.options.modelId = this.pick(['', 'x'.repeat(5000), 7, null]); break;
      case 6: good.options.stopSequences = Array.from({ length: 500 }, () => 'stop'); break;
      case 7: good.options = JSON.parse('{"__proto__":{"polluted":true},"modelId":"x"}') as Record<string, unknown>; break;
      default: (good as Record<string, unknown>).text = this.value(); if (typeof good.text === 'string') good.mode = 'bogus'; break;
    }
    return good;
  }

  message(): unknown {
    switch (this.int(12)) {
      case 0: return this.value();
      case 1: return { type: this.pick(['Request', 'response', 'chunk', 'end', '', null, 7, '__proto__', 'constructor']), id: this.id(), method: this.pick(METHODS), params: this.value() };
      case 2: return { type: 'request', id: this.id(), method: this.pick([...METHODS, this.string(), 'x'.repeat(65)]), params: this.value() };
      case 3: return { type: 'request', id: this.id(), method: this.pick(METHODS) };
      case 4: return { type: 'notify', method: this.pick(METHODS), params: this.value() };
      case 5: return { type: 'cancel', id: this.id() };
      case 6: return { type: 'request', id: this.int(50) + 1, method: ChatRequests.send.method, params: this.nearValidSend() };
      case 7: return { type: 'notify', method: ChatNotifications.setOptions.method, params: { options: (this.nearValidSend() as { options: unknown }).options } };
      case 8: return JSON.parse(`{"type":"request","id":${this.int(1000) + 1},"method":"chat/send","params":{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}}}}`) as unknown;
      case 9: return { type: 'request', id: this.id(), method: this.pick(METHODS), params: { text: this.string(), texts: [this.string()], query: this.string(), modelId: this.string(), knowledgeBaseId: this.string() } };
      case 10: return [{ type: 'ready' }, { type: 'request' }];
      default: {
        // Junk keys around a notify (objects only: spreading a 4 MB string would make 4 million keys).
        const extra = this.value();
        return { ...(typeof extra === 'object' && extra !== null ? extra : { extra }), type: 'notify', method: this.string().slice(0, 70), params: null };
      }
    }
  }
}

describe('Reliability: 10,000 malformed webview messages into the host', function () {
  this.timeout(240_000);
  const bedrock = localBedrock();
  let root: string;
  let service: BedrockService;

  before(async () => {
    await activeExtension();
    await bedrock.reset();
    root = tempStoreRoot();
    service = new BedrockService(() => connectionSettings());
  });
  after(async () => {
    await bedrock.reset();
    service.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('survives them all: no exception escapes, no prototype is polluted, the conversation is intact, the panel still answers', async () => {
    const chat = new ChatDriver('fuzzed-panel', root, service);
    const panes = [
      attachEmbeddingsPane({ router: chat.router, notify: (e, params) => { chat.received.push({ type: 'notify', method: e.method, params }); }, isReady: true }),
      attachKnowledgeBasePane({ router: chat.router, notify: (e, params) => { chat.received.push({ type: 'notify', method: e.method, params }); }, isReady: true }),
    ];
    const escaped: string[] = [];
    const onRejection = (reason: unknown) => escaped.push(`unhandledRejection: ${String(reason)}`);
    const onException = (err: Error) => escaped.push(`uncaughtException: ${err.message}`);
    process.on('unhandledRejection', onRejection);
    process.on('uncaughtException', onException);
    const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    try {
      chat.router.handle({ type: 'ready' });
      // A conversation worth keeping, before the storm.
      const first = chat.send('Remember this question');
      assert.equal((await chat.end(first)).done, true);
      const before = await chat.reloaded();

      const f = new Fuzzer(SEED);
      const started = Date.now();
      let sent = 0;
      for (let i = 0; i < MESSAGES; i++) {
        chat.router.handle(f.message());
        sent++;
        // Let the host's promise and I/O work run between bursts, as a real message queue would.
        if (i % 250 === 249) await new Promise((r) => setImmediate(r));
      }
      reliabilitySummary.fuzzed(sent);
      const generated = Date.now();
      await until(() => chat.router.requestsInFlight === 0, 'every fuzzed request to finish', 120_000);
      await chat.store.flush();
      console.log(`${process.env.BEDROCK_TEST_MARKER ?? ''}      (${sent} messages handled in ${((generated - started) / 1000).toFixed(1)} s, settled after ${((Date.now() - generated) / 1000).toFixed(1)} s more)`);

      assert.deepEqual(escaped, [], 'nothing escaped the host');
      assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), protoKeys, 'Object.prototype unchanged');
      assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no pollution through __proto__');
      const handlerCrashes = chat.logged.filter((l) => l.startsWith('error'));
      assert.deepEqual(handlerCrashes.slice(0, 5), [], `${handlerCrashes.length} handler(s) crashed`);

      // The saved conversation still holds the question and its answer; anything the fuzz added is well formed.
      const after = await chat.reloaded();
      assert.deepEqual(after.turns.slice(0, 2).map((t) => [t.role, t.text]), before.turns.slice(0, 2).map((t) => [t.role, t.text]));
      for (const t of after.turns) assert.ok(t.role === 'user' || t.role === 'assistant');
      assert.equal(typeof after.options.modelId, 'string');
      reliabilitySummary.conversationChecked();

      // And the panel answers again.
      const again = chat.send('Still there after the storm?');
      const end = await chat.end(again);
      assert.equal(end.done, true, JSON.stringify(end.error));
      assert.match(chat.turnUpdates(again).at(-1)!.text, /Still there after the storm/);
    } finally {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
      await bedrock.setTokensPerSecond(0);
      panes.forEach((p) => p.dispose());
      chat.dispose();
    }
  });
});

import * as assert from 'node:assert/strict';
import { ChatRequests, isSendParams, isTurnView, type SendParams } from '../../../src/protocol/chat';
import { type HostToWebview, isHostToWebview, isWebviewToHost } from '../../../src/protocol/envelope';
import { notification, request, stream } from '../../../src/protocol/methods';
import { HostRouter, ProtocolFailure } from '../../../src/playground/router';
import { isRecord } from '../../../src/protocol/validate';
import { Recorded } from '../../support/changes';

function collectingRouter() {
  // What the router posts; `posted.changes.until(...)` waits for a message (handlers run asynchronously).
  const posted = new Recorded<HostToWebview>();
  const warnings: string[] = [];
  const errors: unknown[] = [];
  const router = new HostRouter((m) => posted.push(m), { warn: (m) => warnings.push(m), error: (m, ...a) => errors.push([m, ...a]) });
  return { router, posted, warnings, errors };
}

const anything = (_v: unknown): _v is unknown => true;

const goodOptions = { modelId: 'anthropic.claude-3-haiku-20240307-v1:0', system: '', stopSequences: [], stream: true, chosen: [] };
const goodSend: SendParams = { mode: 'new', text: 'hi', attachments: [], options: goodOptions };

describe('playground protocol guards', () => {
  it('accepts the envelope messages of each kind', () => {
    assert.ok(isWebviewToHost({ type: 'ready' }));
    assert.ok(isWebviewToHost({ type: 'request', id: 1, method: 'chat/send', params: goodSend }));
    assert.ok(isWebviewToHost({ type: 'notify', method: 'chat/setOptions', params: { url: 'https://x' } }));
    assert.ok(isWebviewToHost({ type: 'cancel', id: 3 }));
    assert.ok(isHostToWebview({ type: 'chunk', id: 3, delta: 'abc' }));
    assert.ok(isHostToWebview({ type: 'end', id: 3, done: true }));
    assert.ok(isHostToWebview({ type: 'end', id: 3, error: { message: 'x' } }));
  });

  it('rejects wrong types, missing fields, bad ids and method names, and prototype-polluting keys', () => {
    const bad: unknown[] = [
      null, undefined, 42, 'ready', [], [{ type: 'ready' }],
      { type: 'request', id: 0, method: 'chat/send', params: {} },
      { type: 'request', id: 1.5, method: 'chat/send', params: {} },
      { type: 'request', id: '1', method: 'chat/send', params: {} },
      { type: 'request', id: 1, method: 'send', params: {} },
      { type: 'request', id: 1, method: 'chat/send' },
      { type: 'request', id: 1, method: 'x'.repeat(100) + '/y', params: {} },
      { type: 'cancel', id: -1 },
      JSON.parse('{"type":"ready","__proto__":{"polluted":true}}'),
      JSON.parse('{"type":"notify","method":"chat/setOptions","params":{"url":"https://x"},"constructor":{"prototype":{"polluted":true}}}'),
      { type: 'end', id: 3, done: true, error: { message: 'both' } },
      { type: 'end', id: 3 },
    ];
    for (const b of bad) assert.equal(isWebviewToHost(b) || isHostToWebview(b), false, JSON.stringify(b));
  });

  it('checks chat params field by field, with limits', () => {
    assert.ok(isSendParams(goodSend));
    assert.equal(isSendParams({ ...goodSend, mode: 'delete' }), false);
    assert.equal(isSendParams({ ...goodSend, text: 5 }), false);
    assert.equal(isSendParams({ ...goodSend, options: { ...goodOptions, temperature: Number.NaN } }), false);
    assert.equal(isSendParams({ ...goodSend, options: { ...goodOptions, stopSequences: Array(100).fill('x') } }), false);
    assert.equal(isSendParams({ ...goodSend, attachments: [{ format: 'bmp', base64: 'AAAA', name: 'a' }] }), false);
    assert.equal(isSendParams({ ...goodSend, attachments: [{ format: 'png', base64: 'not base64!', name: 'a' }] }), false);
    assert.equal(isSendParams({ ...goodSend, attachments: [{ format: 'png', base64: 'A'.repeat(6_000_000), name: 'a' }] }), false);
    assert.ok(isSendParams({ ...goodSend, text: 'x'.repeat(1_000_000) }), 'a 1 MB prompt is accepted');
    assert.equal(isTurnView({ id: 't', role: 'system', text: '', status: 'done', createdAt: 1 }), false);
  });
});

describe('host router', () => {
  it('answers requests, streams chunks then one end, and aborts on cancel', async () => {
    const { router, posted } = collectingRouter();
    router.onRequest(request('t/echo', (v): v is { x: number } => isRecord(v) && typeof v.x === 'number', anything), (p) => ({ y: p.x * 2 }));
    let aborted = false;
    router.onStream(stream('t/stream', (v): v is object => isRecord(v)), async (_p, ctx) => {
      ctx.chunk('a');
      ctx.chunk('b');
      await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => { aborted = true; resolve(); }));
      throw new ProtocolFailure('Stopped', 'cancelled');
    });
    router.handle({ type: 'request', id: 1, method: 't/echo', params: { x: 21 } });
    router.handle({ type: 'request', id: 2, method: 't/stream', params: {} });
    // The stream is running (it has sent its chunks and waits for the abort) before it is cancelled.
    await posted.changes.until(() => posted.some((m) => m.type === 'chunk' && m.id === 2 && m.delta === 'b'), 'the stream\'s chunks');
    router.handle({ type: 'cancel', id: 2 });
    await posted.changes.until(() => posted.some((m) => m.type === 'end' && m.id === 2), 'the end of the cancelled stream');
    assert.equal(aborted, true);
    assert.deepEqual(posted.find((m) => 'id' in m && m.id === 1), { type: 'response', id: 1, result: { y: 42 } });
    assert.deepEqual(posted.filter((m) => 'id' in m && m.id === 2), [
      { type: 'chunk', id: 2, delta: 'a' },
      { type: 'chunk', id: 2, delta: 'b' },
      { type: 'end', id: 2, error: { message: 'Stopped', code: 'cancelled' } },
    ]);
  });

  it('answers malformed params and unknown methods with an error, and drops malformed envelopes', async () => {
    const { router, posted, warnings } = collectingRouter();
    router.onRequest(ChatRequests.clear, () => undefined);
    router.handle({ type: 'request', id: 1, method: ChatRequests.clear.method, params: 'nope' });
    router.handle({ type: 'request', id: 2, method: 'chat/unknown', params: {} });
    router.handle({ type: 'bogus' });
    await posted.changes.until(() => posted.length >= 2, 'two answers');
    assert.deepEqual(posted.map((m) => m.type === 'response' && m.error?.code), ['malformed', 'unknownMethod']);
    assert.equal(warnings.length, 3);
  });

  it('lets features register methods and refuses a second handler for the same method', () => {
    const { router } = collectingRouter();
    const x = notification('images/x', anything);
    const d = router.onNotify(x, () => undefined);
    assert.throws(() => router.onNotify(notification('images/x', anything), () => undefined));
    d.dispose();
    router.onNotify(x, () => undefined);
  });

  it('survives 10,000 random and hostile messages, and still works afterwards', async () => {
    const { router, posted, errors } = collectingRouter();
    let calls = 0;
    let state = { count: 0 };
    router.onRequest(request('t/count', (v): v is { n: number } => isRecord(v) && Number.isInteger(v.n), anything), (p) => { calls++; state = { count: state.count + p.n }; return state; });
    router.onNotify(notification('t/ping', (v): v is { s: string } => isRecord(v) && typeof v.s === 'string' && v.s.length < 10), () => { calls++; });
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const huge = 'x'.repeat(5_000_000);
    const values = (): unknown => pick<unknown>([
      null, undefined, true, 0, -1, 1.5, Number.MAX_SAFE_INTEGER + 2, NaN, Infinity, '', 'chat/send', huge, [], [1, 2], {},
      { n: 1 }, { n: 'x' }, { s: 'ok' }, { s: huge },
      JSON.parse('{"__proto__":{"polluted":1}}'), JSON.parse('{"constructor":{"prototype":{"polluted":1}}}'),
      Object.create(null) as unknown,
    ]);
    const message = (): unknown => {
      const kind = rand();
      if (kind < 0.1) return values();
      const m: Record<string, unknown> = {};
      if (rand() < 0.9) m.type = pick(['ready', 'request', 'notify', 'cancel', 'response', 'chunk', 'end', 'TYPE', '__proto__']);
      if (rand() < 0.8) m.id = pick<unknown>([1, 2, 3, 0, -5, 2.5, '7', null, 1e20]);
      if (rand() < 0.8) m.method = pick<unknown>(['t/count', 't/ping', 'chat/send', 'nope', '', 'a/b/c', huge, 5]);
      if (rand() < 0.8) m.params = values();
      if (rand() < 0.1) Object.defineProperty(m, '__proto__', { value: { polluted: true }, enumerable: true });
      return m;
    };
    for (let i = 0; i < 10_000; i++) router.handle(message());
    // Still works, and answers in turn: its answer comes after everything the storm set going.
    router.handle({ type: 'request', id: 999_999, method: 't/count', params: { n: 0 } });
    await posted.changes.until(() => posted.some((m) => m.type === 'response' && m.id === 999_999), 'the answer to a good request after the storm');
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype untouched');
    assert.deepEqual(errors, [], 'no handler crashed');
    assert.ok(calls > 0, 'some valid messages got through');
    assert.equal(typeof state.count, 'number');
  });
});

import * as assert from 'node:assert/strict';
import type { ParameterSpec } from '../../../src/bedrock/types';
import type { TurnView } from '../../../src/protocol/chat';
import { buildMessages, defaultOptions, inferenceSettings, markInterrupted, newConversation } from '../../../src/playground/chat/conversation';
import { conversationMarkdown } from '../../../src/playground/chat/exportMarkdown';

const turn = (role: 'user' | 'assistant', text: string, extra: Partial<TurnView> = {}): TurnView => ({ id: Math.random().toString(36).slice(2), role, text, status: 'done', createdAt: 1, ...extra });
const num = (min: number, max: number, d: number, supported = true) => ({ supported, min, max, step: 0.01, default: d });
const spec: ParameterSpec = {
  family: 'test', temperature: num(0, 1, 1), topP: num(0, 1, 0.9), topK: num(0, 500, 250), maxTokens: num(1, 4096, 4096),
  stopSequences: { supported: true, max: 2 }, systemPrompt: { supported: true }, exclusive: [['temperature', 'topP']],
};

describe('conversation rules', () => {
  it('sends alternating turns: failed empty answers left out, user turns around them joined', () => {
    const msgs = buildMessages([
      turn('user', 'a'), turn('assistant', '', { status: 'error' }), turn('user', 'b'),
      turn('assistant', 'partial', { status: 'cancelled' }), turn('user', 'c'),
    ]);
    assert.deepEqual(msgs.map((m) => [m.role, m.text]), [['user', 'a\n\nb'], ['assistant', 'partial'], ['user', 'c']]);
  });

  it('sends only what the user set, clamped, only what the model takes, one of each exclusive pair', () => {
    const o = { ...defaultOptions('m'), temperature: 3, topP: 0.5, topK: 10, stopSequences: ['x', 'y', 'z'] };
    assert.deepEqual(inferenceSettings(o, spec), { temperature: 1, topK: 10, stopSequences: ['x', 'y'] });
    assert.deepEqual(inferenceSettings({ ...o, chosen: ['topP'] }, spec), { topP: 0.5, topK: 10, stopSequences: ['x', 'y'] });
    assert.deepEqual(inferenceSettings(o, { ...spec, topK: num(0, 1, 0, false) }).topK, undefined);
    assert.deepEqual(inferenceSettings(defaultOptions('m'), spec), {}, 'untouched parameters are the model defaults');
  });

  it('marks replies still arriving as interrupted', () => {
    const [a, b] = markInterrupted([turn('assistant', 'x', { status: 'streaming', streamId: 3 }), turn('assistant', 'y')]);
    assert.equal(a!.status, 'interrupted');
    assert.equal(a!.streamId, undefined);
    assert.equal(b!.status, 'done');
  });

  it('exports Markdown that quotes user text, closes a cut-off code block and says what failed', () => {
    const c = newConversation('c', { ...defaultOptions('m'), system: 'Be terse' });
    c.turns = [
      turn('user', '# not a heading\nsecond line'),
      turn('assistant', 'Here:\n```js\nlet x = 1;', { status: 'cancelled', modelName: 'Model X' }),
      turn('user', 'again'),
      turn('assistant', '', { status: 'error', error: { kind: 'throttled', message: 'Too many requests.', detail: '', retryable: true } }),
    ];
    const md = conversationMarkdown(c, new Date(0));
    assert.match(md, /^# # not a heading/);
    assert.match(md, /> # not a heading\n> second line/);
    assert.match(md, /let x = 1;\n```\n/);
    assert.match(md, /Stopped before the answer was complete/);
    assert.match(md, /\*\*Error:\*\* Too many requests\./);
    assert.match(md, /> Be terse/);
  });
});

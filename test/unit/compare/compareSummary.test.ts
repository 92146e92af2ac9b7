// The Compare tab's pure rules: the summary row's marks, "Copy settings from the first", and the
// models given to columns that have none. Real parameter specs from the Bedrock layer.
import * as assert from 'node:assert/strict';
import { parameterSpec } from '../../../src/bedrock/parameters';
import type { ChatOptions, TurnView } from '../../../src/protocol/chat';
import { columnModel, copySettings, latestAnswer, summarize } from '../../../src/protocol/compareSummary';

let n = 0;
function answer(status: TurnView['status'], totalLatencyMs?: number, outputTokens?: number, text = 'x'): TurnView {
  return {
    id: `t${n++}`, role: 'assistant', text, status, createdAt: 0,
    metrics: { ...(totalLatencyMs !== undefined ? { totalLatencyMs } : {}), ...(outputTokens !== undefined ? { outputTokens } : {}) },
  };
}

const options = (o: Partial<ChatOptions> = {}): ChatOptions => ({ modelId: 'm', system: '', stopSequences: [], stream: true, chosen: [], ...o });
const HAIKU = parameterSpec({ id: 'anthropic.claude-3-haiku-20240307-v1:0', outputModalities: ['TEXT'] });
const TITAN = parameterSpec({ id: 'amazon.titan-text-express-v1', outputModalities: ['TEXT'] });

describe('compare: summary row', () => {
  it('marks the fastest by total latency and the shortest by output tokens', () => {
    const marks = summarize([answer('done', 900, 40), answer('done', 300, 120), answer('done', 500, 12)]);
    assert.deepEqual(marks, [
      { fastest: false, shortest: false },
      { fastest: true, shortest: false },
      { fastest: false, shortest: true },
    ]);
  });

  it('one answer can be both', () => {
    assert.deepEqual(summarize([answer('done', 100, 5), answer('done', 200, 50)]), [{ fastest: true, shortest: true }, { fastest: false, shortest: false }]);
  });

  it('marks every tied answer', () => {
    const marks = summarize([answer('done', 100, 7), answer('done', 100, 7)]);
    assert.deepEqual(marks, [{ fastest: true, shortest: true }, { fastest: true, shortest: true }]);
  });

  it('leaves failed, stopped and streaming answers out of the comparison', () => {
    const marks = summarize([answer('error', 10, 1), answer('done', 700, 30), answer('done', 400, 60), answer('cancelled', 5, 1)]);
    assert.deepEqual(marks.map((m) => [m.fastest, m.shortest]), [[false, false], [false, true], [true, false], [false, false]]);
    assert.deepEqual(summarize([answer('streaming', 1, 1), answer('done', 400, 60)]).map((m) => m.fastest || m.shortest), [false, false]);
  });

  it('marks nothing when fewer than two answers finished, or a column has no answer', () => {
    assert.deepEqual(summarize([answer('done', 100, 5), answer('error')]), [{ fastest: false, shortest: false }, { fastest: false, shortest: false }]);
    assert.deepEqual(summarize([undefined, answer('done', 100, 5)]).some((m) => m.fastest || m.shortest), false);
  });

  it('falls back to characters when an answer reports no token count, and marks no fastest without timings', () => {
    const marks = summarize([answer('done', undefined, undefined, 'a long answer'), answer('done', undefined, 3, 'short')]);
    assert.deepEqual(marks, [{ fastest: false, shortest: false }, { fastest: false, shortest: true }]);
  });

  it('the latest answer is the last turn only when it is an answer', () => {
    const a = answer('done');
    const user: TurnView = { id: 'u', role: 'user', text: 'q', status: 'done', createdAt: 0 };
    assert.equal(latestAnswer([user, a]), a);
    assert.equal(latestAnswer([a, user]), undefined);
    assert.equal(latestAnswer([]), undefined);
  });
});

describe('compare: copy settings from the first column', () => {
  it('copies every setting but the model', () => {
    const first = options({ modelId: 'first', system: 'Be brief.', stopSequences: ['END'], stream: false, temperature: 0.2, topP: 0.8, topK: 50, maxTokens: 300, chosen: ['topP'] });
    const target = options({ modelId: 'second', system: 'old', temperature: 1 });
    const { options: copied, notes } = copySettings(first, target, HAIKU, 'Claude 3 Haiku');
    assert.deepEqual(copied, { ...first, modelId: 'second' });
    assert.deepEqual(notes, []);
    // The source is not shared with the copy.
    copied.stopSequences.push('X');
    assert.deepEqual(first.stopSequences, ['END']);
  });

  it('a value the target model does not take is left out and said; one out of range is brought inside it', () => {
    const first = options({ topK: 250, maxTokens: 50_000 });
    const { options: copied, notes } = copySettings(first, options({ modelId: 'amazon.titan-text-express-v1' }), TITAN, 'Titan Text G1 - Express');
    assert.equal(copied.topK, undefined);
    assert.equal(copied.maxTokens, TITAN.maxTokens.max);
    assert.equal(notes.length, 2);
    assert.match(notes[0]!, /Titan Text G1 - Express does not take top k/);
    assert.match(notes[1]!, /Max tokens 50000 is outside .*set to 8192/);
  });

  it('without the target\'s spec the values are copied as they are', () => {
    const { options: copied } = copySettings(options({ temperature: 5 }), options({ modelId: 'x' }));
    assert.equal(copied.temperature, 5);
    assert.equal(copied.modelId, 'x');
  });
});

describe('compare: models for columns without one', () => {
  const models = [
    { id: 'legacy', legacy: true, streaming: true },
    { id: 'a', legacy: false, streaming: true },
    { id: 'nostream', legacy: false, streaming: false },
    { id: 'b', legacy: false, streaming: true },
  ];
  it('the first column takes the chat\'s choice; the others take different active streaming models', () => {
    assert.equal(columnModel(models, [], 'b'), 'b');
    assert.equal(columnModel(models, ['b'], 'b'), 'a');
    assert.equal(columnModel(models, ['b', 'a'], 'b'), 'legacy');
  });
  it('skips a model this account cannot call as it is', () => {
    assert.equal(columnModel([{ id: 'x', legacy: false, streaming: true, callable: false }, ...models], ['b'], 'b'), 'a');
  });
  it('repeats the first choice when every model is taken', () => {
    assert.equal(columnModel([{ id: 'a', legacy: false, streaming: true }], ['a'], 'a'), 'a');
  });
});

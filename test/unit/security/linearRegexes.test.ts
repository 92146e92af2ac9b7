import * as assert from 'node:assert/strict';
import { extractRewrite, replacementText, surroundingWhitespace } from '../../../src/rewrite/answerText';
import { conversationMarkdown } from '../../../src/playground/chat/exportMarkdown';
import { defaultOptions, newConversation } from '../../../src/playground/chat/conversation';
import type { TurnView } from '../../../src/protocol/chat';

// Text from the model and from the user goes through these on every streamed update; each once
// used a regular expression that backtracked quadratically on a long run of whitespace followed by
// something else (a fence and 40,000 spaces took 1.2–1.8 s per call). Lint now refuses such
// patterns (eslint-plugin-regexp); this proves the replacements are linear by the growth of the
// time between two input sizes, 8× apart: linear grows about 8×, quadratic about 64×.

const SMALL = 5_000;
const BIG = SMALL * 8;
/** Between linear (8) and quadratic (64), with room for a busy machine's noise. */
const MAX_GROWTH = 24;

function fastest(fn: () => void, runs: number): number {
  let best = Infinity;
  for (let r = 0; r < 7; r++) {
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/** How much longer `make(BIG)` takes than `make(SMALL)`, each repeated to last long enough to time. */
function growth(run: (input: string) => unknown, make: (n: number) => string): number {
  const small = make(SMALL);
  const big = make(BIG);
  // Enough repetitions that the small input takes a few milliseconds.
  let runs = 1;
  while (fastest(() => run(small), runs) < 4 && runs < 1 << 16) runs *= 2;
  return fastest(() => run(big), runs) / fastest(() => run(small), runs);
}

const assistant = (text: string): TurnView => ({ id: 't', role: 'assistant', text, status: 'done', createdAt: 0 });

describe('security/linear regexes on model output and user text', () => {
  it('the rewrite answer: a fence followed by whitespace and more text (closing-fence search)', () => {
    const make = (n: number) => `\`\`\`ts\ncode\n\`\`\`${' '.repeat(n)}x`;
    // Still right: the fence is not a closing one when text follows it.
    assert.equal(extractRewrite(make(10), true), `code\n\`\`\`${' '.repeat(10)}x`);
    assert.equal(extractRewrite('```ts\ncode\n```   \n', true), 'code');
    const g = growth((s) => extractRewrite(s, false), make);
    assert.ok(g < MAX_GROWTH, `grew ${g.toFixed(1)}× for 8× the input`);
  });

  it('the original selection\'s trailing whitespace', () => {
    const make = (n: number) => `a${' '.repeat(n)}b`;
    assert.deepEqual(surroundingWhitespace(' a b \n'), { leading: ' ', trailing: ' \n' });
    assert.equal(replacementText('x  \n', 'y', true), 'y  \n');
    const g = growth((s) => surroundingWhitespace(s), make);
    assert.ok(g < MAX_GROWTH, `grew ${g.toFixed(1)}× for 8× the input`);
  });

  it('the Markdown export of an answer ending in whitespace', () => {
    const make = (n: number) => `answer${' '.repeat(n)}x`;
    const c = newConversation('c', defaultOptions('m'));
    c.turns = [assistant('done   \n\n')];
    assert.match(conversationMarkdown(c, new Date(0)), /\ndone\n/);
    const g = growth((s) => { c.turns = [assistant(s)]; conversationMarkdown(c, new Date(0)); }, make);
    assert.ok(g < MAX_GROWTH, `grew ${g.toFixed(1)}× for 8× the input`);
  });
});

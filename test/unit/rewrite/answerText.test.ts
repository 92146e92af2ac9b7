import * as assert from 'node:assert/strict';
import { extractRewrite, replacementText, surroundingWhitespace, tailEdit } from '../../../src/rewrite/answerText';

/** Feeds the answer in chunks of `size` and returns every intermediate display. */
function stream(raw: string, size: number, original = 'x'): string[] {
  const out: string[] = [];
  for (let i = size; i < raw.length + size; i += size) out.push(replacementText(original, raw.slice(0, i), false));
  out.push(replacementText(original, raw, true));
  return out;
}

describe('cleaning the model answer', () => {
  it('takes the text inside <rewrite> tags and drops any preamble', () => {
    assert.equal(extractRewrite('Sure! Here it is:\n<rewrite>\nThe cat sat.\n</rewrite>\nHope that helps.', true), '\nThe cat sat.\n');
    assert.equal(replacementText('the cat sit', 'Sure:\n<REWRITE>The cat sat.</REWRITE>', true), 'The cat sat.');
  });

  it('unwraps a code fence that wraps the whole answer, with or without a language', () => {
    assert.equal(replacementText('x = 1', '```python\n# one\nx = 1\n```', true), '# one\nx = 1');
    assert.equal(replacementText('x = 1', '<rewrite>\n```\nx = 2\n```\n</rewrite>', true), 'x = 2');
  });

  it('keeps fences when the original itself was a fenced block', () => {
    const original = '```js\nlet a\n```';
    assert.equal(replacementText(original, '```js\nconst a = 1;\n```', true), '```js\nconst a = 1;\n```');
  });

  it('keeps the original leading indentation and trailing newline', () => {
    assert.deepEqual(surroundingWhitespace('  foo\n'), { leading: '  ', trailing: '\n' });
    assert.equal(replacementText('    return a+b\n', '<rewrite>return a + b</rewrite>', true), '    return a + b\n');
  });

  it('never shows wrapping while the answer streams, at any chunk size', () => {
    const raw = '<rewrite>\n```ts\nconst total = items.length;\n```\n</rewrite>';
    for (const size of [1, 2, 3, 5, 8, 13]) {
      for (const shown of stream(raw, size)) {
        assert.ok(!/[<`]/.test(shown), `chunk ${size}: ${JSON.stringify(shown)}`);
      }
      assert.equal(stream(raw, size).at(-1), 'const total = items.length;');
    }
  });

  it('shows plain answers as they come, and each display extends the previous one', () => {
    const raw = 'The quick brown fox jumps over the lazy dog.';
    const shown = stream(raw, 4, 'a');
    assert.equal(shown.at(-1), raw);
    for (let i = 1; i < shown.length; i++) assert.ok(shown[i]!.startsWith(shown[i - 1]!), `${shown[i - 1]} → ${shown[i]}`);
  });

  it('keeps a literal "<" or backtick that is not wrapping', () => {
    assert.equal(replacementText('a', 'if a < b then `c`', true), 'if a < b then `c`');
    assert.equal(replacementText('a', 'if a < b', false), 'if a < b');
  });
});

describe('tail edits', () => {
  it('appends when the new text extends the old', () => {
    assert.deepEqual(tailEdit('Hello', 'Hello world'), { start: 5, deleteLength: 0, insert: ' world' });
  });
  it('replaces from the first difference', () => {
    assert.deepEqual(tailEdit('Hello there', 'Hello world'), { start: 6, deleteLength: 5, insert: 'world' });
  });
  it('gives nothing for equal text', () => {
    assert.equal(tailEdit('same', 'same'), undefined);
  });
  it('never splits a surrogate pair', () => {
    const edit = tailEdit('a😀', 'a😃');
    assert.deepEqual(edit, { start: 1, deleteLength: 2, insert: '😃' });
  });
});

import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { newSplitterState, openFenceStartsBlock, scanBlocks, splitBlocks } from '../../../webview/markdown/blockSplitter';

// The renderer's contract: rendering each block on its own and joining the HTML gives exactly
// what rendering the whole text gives. Checked with the same markdown-it settings as the webview.
const md = new MarkdownIt({ html: false, linkify: true });
const render = (s: string) => md.render(s);

const CASES: Record<string, string> = {
  paragraphs: 'First paragraph\nstill first.\n\nSecond paragraph.\n\n\nThird.\n',
  headings: '# Title\nText right under.\n## Sub\n\nMore text\n---\nAfter setext.\n\n***\n\nEnd\n',
  fences: 'Before\n\n```ts\nconst a = 1;\n\n\nconst b = 2;\n```\nAfter fence directly.\n\n~~~\n```\nnested backticks\n~~~\n\n````md\n```js\ninner\n```\n````\nTail\n',
  tightList: '- one\n- two\n  - nested\n- three\n\nParagraph after.\n',
  looseList: '1. first\n\n2. second\n\n   continued paragraph in item\n\n3. third\n\nNot in list.\n',
  listWithCode: '- item\n\n  ```py\n  x = 1\n\n  y = 2\n  ```\n\n- next item\n\nDone.\n',
  table: '| a | b |\n|---|:-:|\n| 1 | 2 |\n| 3 | 4 |\n\nAfter table.\n\n| x |\n|---|\n| y |\n',
  blockquote: '> quoted\nlazy line\n\n> second quote\n\nplain\n',
  indentedCode: 'Para\n\n    code line\n\n    more code\n\nafter\n',
  mixed: '# Answer\n\nHere is code:\n\n```js\nfunction f() {\n  return `x`;\n}\n```\n\n1. a\n2. b\n\n| h |\n|---|\n| c |\n\n> note\n\nThe end.',
  hostile: 'Text <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n',
  crlf: 'Line one\r\n\r\nLine two\r\n',
  thematicVsList: '- - -\n\n* * *\n\n- item\n',
};

describe('markdown block splitter', () => {
  for (const [name, text] of Object.entries(CASES)) {
    it(`renders "${name}" identically in blocks and whole`, () => {
      const blocks = splitBlocks(text);
      assert.equal(blocks.join(''), text, 'blocks cover the text exactly');
      assert.equal(blocks.map(render).join(''), render(text));
    });

    it(`finds the same blocks for "${name}" however the text is cut into deltas`, () => {
      const whole = splitBlocks(text);
      for (const size of [1, 2, 3, 7]) {
        const state = newSplitterState();
        let source = '';
        const ends: number[] = [];
        for (let i = 0; i < text.length; i += size) {
          source += text.slice(i, i + size);
          ends.push(...scanBlocks(source, state));
        }
        ends.push(...scanBlocks(source, state, true));
        const blocks: string[] = [];
        let start = 0;
        for (const e of ends) { blocks.push(source.slice(start, e)); start = e; }
        if (start < source.length) blocks.push(source.slice(start));
        assert.deepEqual(blocks, whole, `delta size ${size}`);
      }
    });
  }

  it('splits where it can (a long answer becomes many blocks, so little is re-rendered)', () => {
    assert.ok(splitBlocks(CASES.mixed!).length >= 6);
    assert.equal(splitBlocks(CASES.paragraphs!).length, 3);
  });

  it('never ends a block inside an open fence, and says when the tail is an open fence', () => {
    const state = newSplitterState();
    const source = 'Intro\n\n```js\nconst a = 1;\n\nconst b = 2;\n';
    const ends = scanBlocks(source, state);
    assert.deepEqual(ends, [7]);
    assert.equal(openFenceStartsBlock(source, state), true);
    const more = source + '```\nafter\n';
    assert.deepEqual(scanBlocks(more, state), [more.indexOf('after')]);
    assert.equal(openFenceStartsBlock(more, state), false);
  });

  it('does not judge a line until it is complete', () => {
    const state = newSplitterState();
    assert.deepEqual(scanBlocks('para\n\n- ite', state), []);
    // "- item" continues nothing here: the paragraph ended at the blank line once the line is whole.
    assert.deepEqual(scanBlocks('para\n\n- item\n', state), [6]);
  });
});

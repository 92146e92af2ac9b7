// Finds where top-level markdown blocks end in a text that is still growing, so a streaming
// renderer can render each finished block once and re-render only the unfinished last one.
// Pure (no DOM): unit-tested in Node.
//
// A boundary is only reported where rendering the text in two halves gives the same result as
// rendering it whole (with markdown-it, HTML disabled):
//   - after a blank line, when the next line starts at column 0 and cannot continue the block
//     (indented lines may belong to a list item or indented code; list items continue a list);
//   - after the closing line of a fenced code block that is not inside a list;
//   - after an ATX heading or a thematic break that is not inside a list.
// Blank lines inside fenced code never end a block. Only complete lines (ending in "\n") are
// judged, so a half-received line never causes a boundary. Scanning is resumable: each call looks
// only at lines not seen before, so splitting a whole answer costs O(length) in total.

export interface SplitterState {
  /** Offset of the first line not scanned yet. */
  pos: number;
  /** Offset where the current (unfinished) block starts. */
  blockStart: number;
  fence: { char: '`' | '~'; length: number } | null;
  /** The open fence sits at the top level (not inside a list item), so its end ends the block. */
  fenceTopLevel: boolean;
  hasContent: boolean;
  isList: boolean;
  sawBlank: boolean;
}

export function newSplitterState(): SplitterState {
  return { pos: 0, blockStart: 0, fence: null, fenceTopLevel: false, hasContent: false, isList: false, sawBlank: false };
}

const LIST_ITEM = /^ {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;
// The fence run is taken whole (the lookaheads), so it never trades characters with the info string.
const FENCE_OPEN = /^ {0,3}(`{3,}(?!`)|~{3,}(?!~))(.*)$/;
const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const THEMATIC_BREAK = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const BLANK = /^[ \t]*$/;

/**
 * Scans the complete lines of `source` after `state.pos` and returns the offsets where finished
 * blocks end (each is also where the next block starts), updating `state`. With `final`, the text
 * is complete: the last line counts even without "\n", and the offset of the end is not reported
 * (the caller treats the rest as the last block).
 */
export function scanBlocks(source: string, state: SplitterState, final = false): number[] {
  const ends: number[] = [];
  const endBlock = (at: number) => {
    if (at > state.blockStart) ends.push(at);
    state.blockStart = at;
    state.hasContent = false;
    state.isList = false;
    state.sawBlank = false;
  };
  while (state.pos < source.length) {
    const nl = source.indexOf('\n', state.pos);
    if (nl < 0 && !final) break;
    const lineStart = state.pos;
    const lineEnd = nl < 0 ? source.length : nl;
    const next = nl < 0 ? source.length : nl + 1;
    const line = source.slice(lineStart, lineEnd).replace(/\r$/, '');
    state.pos = next;

    if (state.fence) {
      if (closesFence(line, state.fence)) {
        state.fence = null;
        if (state.fenceTopLevel) endBlock(next);
      }
      continue;
    }
    if (BLANK.test(line)) {
      if (state.hasContent) state.sawBlank = true;
      continue;
    }
    if (state.sawBlank) {
      const continues = /^[ \t]/.test(line) || (state.isList && LIST_ITEM.test(line));
      if (continues) state.sawBlank = false;
      else endBlock(lineStart);
    }
    const topLevel = !state.isList && !/^ {4}|^\t/.test(line);
    if (LIST_ITEM.test(line) && !THEMATIC_BREAK.test(line)) state.isList = true;
    const fence = FENCE_OPEN.exec(line);
    if (fence && !(fence[1]!.startsWith('`') && fence[2]!.includes('`'))) {
      state.fence = { char: fence[1]![0] as '`' | '~', length: fence[1]!.length };
      state.fenceTopLevel = topLevel && !state.isList;
      state.hasContent = true;
      continue;
    }
    state.hasContent = true;
    if (topLevel && (ATX_HEADING.test(line) || THEMATIC_BREAK.test(line))) endBlock(next);
  }
  if (final && ends.length && ends[ends.length - 1] === source.length) ends.pop();
  return ends;
}

function closesFence(line: string, fence: { char: string; length: number }): boolean {
  const m = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
  return !!m && m[1]![0] === fence.char && m[1]!.length >= fence.length;
}

/** Splits a complete text into its top-level blocks (for tests and for rendering a stored answer). */
export function splitBlocks(source: string): string[] {
  const state = newSplitterState();
  const ends = scanBlocks(source, state, true);
  const blocks: string[] = [];
  let start = 0;
  for (const end of ends) {
    blocks.push(source.slice(start, end));
    start = end;
  }
  if (start < source.length) blocks.push(source.slice(start));
  return blocks;
}

/** True when the unfinished block is an open fenced code block that started the block (it can be shown as plain text until it closes). */
export function openFenceStartsBlock(source: string, state: SplitterState): boolean {
  return state.fence !== null && state.fenceTopLevel && FENCE_OPEN.test(firstLine(source, state.blockStart));
}

function firstLine(source: string, from: number): string {
  let i = from;
  // Skip blank lines that precede the block's first content.
  for (;;) {
    const nl = source.indexOf('\n', i);
    const line = source.slice(i, nl < 0 ? source.length : nl);
    if (!BLANK.test(line) || nl < 0) return line;
    i = nl + 1;
  }
}

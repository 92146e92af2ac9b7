// Renders a markdown answer while it streams in, at a cost that grows with the answer, not with
// its square: each finished top-level block is rendered once (highlighted, decorated) and never
// touched again; only the unfinished last block is re-rendered, at most once per `flush()` (the
// caller calls it once per animation frame). An open fenced code block is shown as plain text
// until it closes. Exported as a plain module so a benchmark can drive it in Chromium against
// `renderFull`, the naive way (re-render everything on every delta).

import { newSplitterState, openFenceStartsBlock, scanBlocks, type SplitterState } from './blockSplitter';
import { renderMarkdown } from './render';

/**
 * Finished blocks are kept in groups of this many. A browser lays a container out by walking all
 * its children, so with every block a child of the turn, each frame's layout grew with the answer
 * (O(n²) over a stream); with groups it walks a few groups (their layout is cached) and one group.
 */
const GROUP_SIZE = 32;

export interface StreamRendererOptions {
  /** Called once for each finished block element (adds code-block buttons). */
  decorate?: (block: HTMLElement) => void;
}

export class StreamingMarkdown {
  /** Text of the finished blocks, kept apart so the growing text is never copied again (below). */
  private readonly done: string[] = [];
  /**
   * Text after the last finished block. Only this part is scanned and sliced: reading a string
   * that grows by `+=` flattens all of it, so one growing string cost a copy of the whole answer
   * per frame (O(n²) bytes over a stream, and the garbage collections that go with them).
   */
  private rest = '';
  private readonly state: SplitterState = newSplitterState();
  private readonly tail: HTMLElement;
  private group: HTMLElement | undefined;
  private tailSource: string | undefined;
  private dirty = false;
  private finished = false;

  constructor(private readonly container: HTMLElement, private readonly options: StreamRendererOptions = {}) {
    this.tail = document.createElement('div');
    this.tail.className = 'md-block md-tail';
    container.appendChild(this.tail);
  }

  get text(): string {
    return this.done.join('') + this.rest;
  }

  /** Adds text; nothing is rendered until `flush()`. */
  append(delta: string): void {
    if (!delta || this.finished) return;
    this.rest += delta;
    this.dirty = true;
  }

  /** Renders what arrived since the last flush. Returns true if anything changed. */
  flush(): boolean {
    if (!this.dirty) return false;
    this.dirty = false;
    this.commitAll(scanBlocks(this.rest, this.state));
    this.renderTail();
    return true;
  }

  /** The text is complete: render the last block as finished. */
  finish(): void {
    if (this.finished) return;
    const ends = scanBlocks(this.rest, this.state, true);
    if (this.rest.length > (ends[ends.length - 1] ?? 0)) ends.push(this.rest.length);
    this.commitAll(ends);
    this.tail.remove();
    this.finished = true;
    this.dirty = false;
  }

  /** Renders the finished blocks ending at `ends` (offsets in `rest`), then drops their text from `rest`. */
  private commitAll(ends: number[]): void {
    if (!ends.length) return;
    let start = 0;
    for (const end of ends) {
      this.commit(this.rest.slice(start, end));
      start = end;
    }
    this.done.push(this.rest.slice(0, start));
    this.rest = this.rest.slice(start);
    // The splitter's offsets are into `rest`, so they move with its start.
    this.state.pos -= start;
    this.state.blockStart -= start;
  }

  private commit(text: string): void {
    const block = document.createElement('div');
    block.className = 'md-block';
    block.appendChild(renderMarkdown(text));
    if (!this.group || this.group.childElementCount >= GROUP_SIZE) {
      this.group = document.createElement('div');
      this.group.className = 'md-group';
      this.container.insertBefore(this.group, this.tail);
    }
    this.group.appendChild(block);
    this.options.decorate?.(block);
    this.tailSource = undefined;
  }

  private renderTail(): void {
    const src = this.rest;
    if (src === this.tailSource) return;
    this.tailSource = src;
    if (openFenceStartsBlock(this.rest, this.state)) {
      // Plain text while the fence is open: cheap, and nothing to highlight until it is whole.
      const body = src.replace(/^\s*\n?/, '').replace(/^[^\n]*\n?/, '');
      let pre = this.tail.firstElementChild;
      if (!(pre instanceof HTMLPreElement) || !pre.classList.contains('md-open-fence')) {
        this.tail.replaceChildren();
        pre = document.createElement('pre');
        pre.className = 'md-open-fence';
        pre.appendChild(document.createElement('code'));
        this.tail.appendChild(pre);
      }
      (pre.firstElementChild as HTMLElement).textContent = body;
      return;
    }
    this.tail.replaceChildren(renderMarkdown(src, false));
  }
}

/** The naive baseline for benchmarks: the whole answer re-rendered on every call. */
export function renderFull(container: HTMLElement, source: string): void {
  container.replaceChildren(renderMarkdown(source));
}

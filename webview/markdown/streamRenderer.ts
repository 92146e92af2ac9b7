// Renders a markdown answer while it streams in, at a cost that grows with the answer, not with
// its square: each finished top-level block is rendered once (highlighted, decorated) and never
// touched again; only the unfinished last block is re-rendered, at most once per `flush()` (the
// caller calls it once per animation frame). An open fenced code block is shown as plain text
// until it closes. Exported as a plain module so a benchmark can drive it in Chromium against
// `renderFull`, the naive way (re-render everything on every delta).

import { newSplitterState, openFenceStartsBlock, scanBlocks, type SplitterState } from './blockSplitter';
import { renderMarkdown } from './render';

export interface StreamRendererOptions {
  /** Called once for each finished block element (adds code-block buttons). */
  decorate?: (block: HTMLElement) => void;
}

export class StreamingMarkdown {
  private source = '';
  private rendered = 0;
  private readonly state: SplitterState = newSplitterState();
  private readonly tail: HTMLElement;
  private tailSource: string | undefined;
  private dirty = false;
  private finished = false;

  constructor(private readonly container: HTMLElement, private readonly options: StreamRendererOptions = {}) {
    this.tail = document.createElement('div');
    this.tail.className = 'md-block md-tail';
    container.appendChild(this.tail);
  }

  get text(): string {
    return this.source;
  }

  /** Adds text; nothing is rendered until `flush()`. */
  append(delta: string): void {
    if (!delta || this.finished) return;
    this.source += delta;
    this.dirty = true;
  }

  /** Renders what arrived since the last flush. Returns true if anything changed. */
  flush(): boolean {
    if (!this.dirty) return false;
    this.dirty = false;
    for (const end of scanBlocks(this.source, this.state)) this.commit(end);
    this.renderTail();
    return true;
  }

  /** The text is complete: render the last block as finished. */
  finish(): void {
    if (this.finished) return;
    for (const end of scanBlocks(this.source, this.state, true)) this.commit(end);
    if (this.rendered < this.source.length) this.commit(this.source.length);
    this.tail.remove();
    this.finished = true;
    this.dirty = false;
  }

  private commit(end: number): void {
    const block = document.createElement('div');
    block.className = 'md-block';
    block.appendChild(renderMarkdown(this.source.slice(this.rendered, end)));
    this.container.insertBefore(block, this.tail);
    this.options.decorate?.(block);
    this.rendered = end;
    this.tailSource = undefined;
  }

  private renderTail(): void {
    const src = this.source.slice(this.rendered);
    if (src === this.tailSource) return;
    this.tailSource = src;
    if (openFenceStartsBlock(this.source, this.state)) {
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

/** Renders a complete answer: the same blocks as streaming would produce, each decorated once. */
export function renderComplete(container: HTMLElement, source: string, options: StreamRendererOptions = {}): void {
  const r = new StreamingMarkdown(container, options);
  r.append(source);
  r.finish();
}

/** The naive baseline for benchmarks: the whole answer re-rendered on every call. */
export function renderFull(container: HTMLElement, source: string): void {
  container.replaceChildren(renderMarkdown(source));
}

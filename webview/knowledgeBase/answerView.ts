// Renders chunks and a cited answer: the answer's text with a numbered marker after each cited
// span, each marker linking to its source card below (same number for the same chunk).
import type { ChunkView, CitationView } from '../../src/protocol/knowledgeBase';
import { button } from '../components';
import { clear, h } from '../dom';

export interface Openers { openSource(uri: string): void; openChunk(c: ChunkView): void }

export function sourceKey(c: ChunkView): string {
  return c.chunkId ?? `${c.uri ?? ''}\n${c.text}`;
}

/** "s3://bucket/key" and "https://…" shown as they are; other connectors by their type. */
function sourceLabel(c: ChunkView): string {
  return c.uri ?? `${c.sourceType.toLowerCase()} source`;
}

export function chunkCard(c: ChunkView, n: number, open: Openers, id?: string): HTMLElement {
  const canOpen = !!c.uri && (/^https:\/\//i.test(c.uri) || /^s3:\/\//i.test(c.uri));
  const source = canOpen
    ? h('a', { href: '#', class: 'kb-source-link', title: /^s3:/i.test(c.uri!) ? 'Open in the S3 console' : 'Open in the browser' }, sourceLabel(c))
    : h('span', { class: 'kb-source-text' }, sourceLabel(c));
  if (canOpen) source.addEventListener('click', (e) => { e.preventDefault(); open.openSource(c.uri!); });
  return h('li', { class: 'kb-chunk', id, value: n, tabindex: -1 },
    h('div', { class: 'kb-chunk-head' },
      h('span', { class: 'kb-chunk-n' }, `[${n}]`),
      c.score !== undefined ? h('span', { class: 'kb-score', title: 'Relevance score' }, c.score.toFixed(3)) : null,
      h('span', { class: 'kb-source-type' }, c.sourceType),
      source,
    ),
    h('p', { class: 'kb-chunk-text' }, c.text),
    h('div', { class: 'kb-chunk-actions' }, button({ label: 'Open chunk', className: 'kb-open-chunk', title: 'Open the chunk text in an editor', onClick: () => open.openChunk(c) })),
  );
}

/** Scrolls the tab's own scroll box (never the page, which would shift the tab bar) to show `el`. */
function revealInTab(el: HTMLElement): void {
  const box = el.closest<HTMLElement>('.kb-tab');
  if (!box) return;
  const e = el.getBoundingClientRect();
  const b = box.getBoundingClientRect();
  if (e.top < b.top) box.scrollTop += e.top - b.top - 8;
  else if (e.bottom > b.bottom) box.scrollTop += Math.min(e.bottom - b.bottom + 8, e.top - b.top - 8);
}

export function renderCitedAnswer(answer: HTMLElement, sources: HTMLElement, text: string, citations: CitationView[], open: Openers): void {
  const numbers = new Map<string, number>();
  const chunks: ChunkView[] = [];
  for (const c of citations) {
    for (const r of c.references) {
      const k = sourceKey(r);
      if (!numbers.has(k)) { numbers.set(k, numbers.size + 1); chunks.push(r); }
    }
  }
  clear(answer);
  let at = 0;
  // Spans are inclusive; a marker goes right after the span it cites.
  for (const c of [...citations].sort((a, b) => a.end - b.end)) {
    const cut = Math.min(text.length, Math.max(at, c.end + 1));
    answer.append(text.slice(at, cut));
    at = cut;
    for (const r of c.references) {
      const n = numbers.get(sourceKey(r))!;
      const link = h('a', { href: `#kb-source-${n}`, class: 'kb-cite', title: r.uri ?? r.sourceType, 'data-source': n }, `[${n}]`);
      link.addEventListener('click', (e) => {
        e.preventDefault();
        const card = document.getElementById(`kb-source-${n}`);
        if (card) revealInTab(card);
        card?.focus({ preventScroll: true });
        card?.classList.add('kb-flash');
        setTimeout(() => card?.classList.remove('kb-flash'), 1200);
      });
      answer.append(link);
    }
  }
  answer.append(text.slice(at));
  clear(sources);
  // The heading before the list says "Sources"; with none yet (still streaming) it stays hidden.
  if (sources.previousElementSibling) (sources.previousElementSibling as HTMLElement).hidden = chunks.length === 0;
  chunks.forEach((c, i) => sources.appendChild(chunkCard(c, i + 1, open, `kb-source-${i + 1}`)));
}

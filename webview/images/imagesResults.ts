// The Images tab's results: the history of generations in this panel, newest first, each a grid
// of thumbnails with their seed and the actions on each picture.

import type { GenerationView, ImageView, SaveResult } from '../../src/protocol/images';
import { sizeLabel } from './imagesForm';
import { button, setDisabled, setLabel } from '../components';
import { clear, h } from '../dom';

export interface ResultsCallbacks {
  open(g: GenerationView, image: ImageView): void;
  save(g: GenerationView, image: ImageView): Promise<SaveResult>;
  copySeed(seed: number): void;
  /** Fills the form with the generation's settings and this image's seed. */
  reuse(g: GenerationView, image: ImageView): void;
  openRequest(g: GenerationView): void;
  remove(g: GenerationView): void;
  clear(): void;
}

function describeSettings(g: GenerationView): string {
  const s = g.settings;
  const parts: string[] = [g.modelName];
  if (s.width && s.height) parts.push(sizeLabel({ width: s.width, height: s.height }));
  if (s.aspectRatio) parts.push(s.aspectRatio);
  if (s.cfgScale !== undefined) parts.push(`cfg ${s.cfgScale}`);
  if (s.steps !== undefined) parts.push(`${s.steps} steps`);
  if (s.quality) parts.push(s.quality);
  if (s.style) parts.push(s.style.replace(/_/g, ' ').toLowerCase());
  parts.push(`${(g.durationMs / 1000).toFixed(1)} s`);
  parts.push(new Date(g.createdAt).toLocaleTimeString());
  return parts.join(' · ');
}

export class ImagesResults {
  readonly element: HTMLElement;
  private readonly list = h('div', { class: 'images-history', role: 'list', 'aria-label': 'Generated images' });
  private readonly empty = h('p', { class: 'images-empty' }, 'Generated images appear here, newest first. They stay in this panel after a reload; save the ones you want into the workspace.');
  private readonly clearButton: HTMLElement;
  private history: GenerationView[] = [];

  constructor(private readonly cb: ResultsCallbacks) {
    this.clearButton = button({ label: 'Clear History', className: 'images-clear', title: 'Remove every generation of this panel (saved files stay in the workspace)', onClick: () => cb.clear() });
    this.element = h('section', { class: 'images-results', 'aria-label': 'History' },
      h('div', { class: 'images-results-head' }, h('h2', {}, 'History'), this.clearButton),
      this.empty,
      this.list);
    this.render();
  }

  setHistory(history: GenerationView[]): void {
    this.history = history.slice().sort((a, b) => b.createdAt - a.createdAt);
    this.render();
  }

  /** Adds or replaces one generation (by id). */
  upsert(g: GenerationView): void {
    const i = this.history.findIndex((x) => x.id === g.id);
    if (i >= 0) {
      this.history[i] = g;
      const old = this.list.querySelector(`[data-generation="${CSS.escape(g.id)}"]`);
      if (old) old.replaceWith(this.card(g));
      else this.render();
      return;
    }
    this.history.unshift(g);
    this.list.prepend(this.card(g));
    this.refreshEmpty();
  }

  remove(id: string): void {
    this.history = this.history.filter((g) => g.id !== id);
    this.list.querySelector(`[data-generation="${CSS.escape(id)}"]`)?.remove();
    this.refreshEmpty();
  }

  private refreshEmpty(): void {
    this.empty.hidden = this.history.length > 0;
    this.clearButton.hidden = this.history.length === 0;
  }

  private render(): void {
    clear(this.list);
    for (const g of this.history) this.list.appendChild(this.card(g));
    this.refreshEmpty();
  }

  private card(g: GenerationView): HTMLElement {
    const grid = h('div', { class: 'images-grid' });
    for (const image of g.images) grid.appendChild(this.tile(g, image));
    const negative = g.settings.negativePrompt ? h('p', { class: 'images-negative' }, `Not: ${g.settings.negativePrompt}`) : null;
    return h('article', { class: 'images-generation', role: 'listitem', 'data-generation': g.id },
      h('header', { class: 'images-generation-head' },
        h('p', { class: 'images-prompt-text', title: g.settings.prompt }, g.settings.prompt),
        h('div', { class: 'images-generation-actions' },
          g.request ? button({ label: 'API Request', title: 'View the request sent to Bedrock', onClick: () => this.cb.openRequest(g) }) : null,
          button({ label: '✕', appearance: 'icon', title: 'Remove from history', className: 'images-remove', onClick: () => this.cb.remove(g) }))),
      negative,
      h('p', { class: 'images-meta' }, describeSettings(g)),
      grid);
  }

  private tile(g: GenerationView, image: ImageView): HTMLElement {
    const alt = `Image ${image.index + 1} of "${g.settings.prompt.slice(0, 80)}", seed ${image.seed}`;
    const img = h('img', { src: image.src, alt, loading: 'lazy', decoding: 'async', class: 'images-thumb', title: 'Open full size' });
    const open = h('button', { type: 'button', class: 'images-thumb-button', 'aria-label': `Open full size: ${alt}` }, img);
    open.addEventListener('click', () => this.cb.open(g, image));
    const saved = h('div', { class: 'images-saved', role: 'status' }, image.savedAs ? `Saved as ${image.savedAs}` : '');
    const save: HTMLElement = button({
      label: image.savedAs ? 'Save Again' : 'Save',
      title: 'Save to the workspace (with a .json sidecar to regenerate it)',
      className: 'images-save',
      onClick: () => {
        setDisabled(save, true);
        saved.textContent = 'Saving…';
        void this.cb.save(g, image).then(
          (r) => {
            saved.textContent = r.message;
            saved.classList.toggle('images-saved-error', !r.saved);
            if (r.saved) setLabel(save, 'Save Again');
          },
          (err: unknown) => {
            saved.textContent = err instanceof Error ? err.message : String(err);
            saved.classList.add('images-saved-error');
          },
        ).finally(() => setDisabled(save, false));
      },
    });
    return h('figure', { class: 'images-tile', 'data-seed': image.seed },
      open,
      h('figcaption', {},
        h('span', { class: 'images-seed-label' }, `seed ${image.seed}`),
        h('span', { class: 'images-tile-actions' },
          button({ label: 'Open', title: 'Open full size in an editor', className: 'images-open', onClick: () => this.cb.open(g, image) }),
          save,
          button({ label: 'Copy Seed', className: 'images-copy-seed', onClick: () => this.cb.copySeed(image.seed) }),
          button({ label: 'Reuse', title: 'Put these settings and this seed back in the form', className: 'images-reuse', onClick: () => this.cb.reuse(g, image) }))),
      saved);
  }
}

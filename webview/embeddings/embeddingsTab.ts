// The playground's Embeddings tab: texts (one per line, or from the editor selection / files), an
// embedding model with its own controls, Compute; then what happened to each text, the
// similarity heatmap, a query's nearest neighbours, and Export JSON.
// Talks to the host only through src/protocol/embeddings.ts.

import type { BedrockErrorInfo } from '../../src/protocol/bedrockTypes';
import {
  type EmbeddingModelOption, type EmbeddingModelsView, EmbeddingsEvents, EmbeddingsNotifications, EmbeddingsRequests, type EmbeddingSettings,
  type EmbeddingsView, MAX_TEXTS, type TextsResult,
} from '../../src/protocol/embeddings';
import type { RequestType } from '../../src/protocol/methods';
import { isRecord } from '../../src/protocol/validate';
import { button, checkbox, setDisabled } from '../components';
import { clear, h } from '../dom';
import { showErrorBox } from '../errorBox';
import type { HostConnection } from '../host';
import { readState, writeState } from '../state';
import type { TabContribution, TabContext } from '../tabs';
import { formatSimilarity, Heatmap } from './heatmap';
import { linkTabStylesheet } from '../stylesheet';


interface Saved { text: string; modelId: string; dimensions?: number; normalize: boolean; inputType?: string; query: string }
const isSaved = (v: unknown): v is Saved => isRecord(v) && typeof v.text === 'string' && typeof v.modelId === 'string' && typeof v.query === 'string';

function field(id: string, label: string, control: HTMLElement, hint?: HTMLElement): HTMLElement {
  return h('div', { class: 'emb-field', 'data-field': id }, h('label', { for: `emb-${id}` }, label), control, hint ?? null);
}

class EmbeddingsTab {
  readonly element: HTMLElement;
  private readonly texts = h('textarea', { id: 'emb-texts', rows: 8, placeholder: 'One text per line', spellcheck: false });
  private readonly textCount = h('div', { class: 'emb-hint', id: 'emb-texts-count' });
  private readonly modelSelect = h('select', { id: 'emb-model' });
  private readonly modelFacts = h('div', { class: 'emb-hint', id: 'emb-model-facts' });
  private readonly dimsSelect = h('select', { id: 'emb-dimensions' });
  private readonly inputTypeSelect = h('select', { id: 'emb-input-type' });
  private readonly normalize = checkbox({ label: 'Normalize', checked: true, className: 'emb-normalize', onChange: () => this.save() });
  private readonly dimsField = field('dimensions', 'Dimensions', this.dimsSelect);
  private readonly inputTypeField = field('input-type', 'Input type', this.inputTypeSelect);
  private readonly status = h('div', { class: 'emb-status', role: 'status', 'aria-live': 'polite' });
  private readonly errorBox = h('div', { class: 'emb-error', role: 'alert', hidden: true });
  private readonly computeButton: HTMLElement;
  private readonly cancelButton: HTMLElement;
  private readonly results = h('div', { class: 'emb-results', hidden: true });
  private readonly summary = h('div', { class: 'emb-summary' });
  private readonly outcomes = h('ol', { class: 'emb-outcomes' });
  private readonly heatmap = new Heatmap();
  private readonly query = h('input', { id: 'emb-query', type: 'text', placeholder: 'A query text to rank the texts against' });
  private readonly neighbours = h('ol', { class: 'emb-neighbours' });
  private readonly exportStatus = h('div', { class: 'emb-export-status', role: 'status' });
  private models: EmbeddingModelOption[] = [];
  private result: EmbeddingsView | undefined;
  private busy = false;

  constructor(private readonly host: HostConnection) {
    this.computeButton = button({ label: 'Compute', appearance: 'primary', className: 'emb-compute', onClick: () => void this.compute() });
    this.cancelButton = button({ label: 'Cancel', className: 'emb-cancel', onClick: () => host.notify(EmbeddingsNotifications.cancel, {}) });
    this.cancelButton.hidden = true;
    for (const t of ['search_document', 'search_query', 'classification', 'clustering']) this.inputTypeSelect.appendChild(h('option', { value: t }, t));
    const sources = h('div', { class: 'emb-row' },
      button({ label: 'From selection', className: 'emb-from-selection', title: 'One text per line of the editor selection (or of the whole file)', onClick: () => void this.load(EmbeddingsRequests.fromSelection) }),
      button({ label: 'From files…', className: 'emb-from-files', title: 'One text per chosen file', onClick: () => void this.load(EmbeddingsRequests.fromFiles) }),
    );
    const form = h('form', { class: 'emb-form', 'aria-label': 'Embeddings' },
      field('texts', 'Texts', this.texts, this.textCount),
      sources,
      field('model', 'Embedding model', this.modelSelect, this.modelFacts),
      h('div', { class: 'emb-row' }, this.dimsField, this.inputTypeField, this.normalize.element),
      h('div', { class: 'emb-row' }, this.computeButton, this.cancelButton),
      this.status,
      this.errorBox,
    );
    form.addEventListener('submit', (e) => e.preventDefault());
    const rank = button({ label: 'Rank', className: 'emb-rank', onClick: () => void this.rank() });
    this.query.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); void this.rank(); } });
    this.results.append(
      this.summary,
      h('h3', {}, 'Texts'), this.outcomes,
      h('h3', {}, 'Cosine similarity'), this.heatmap.element,
      h('h3', {}, 'Nearest neighbours'),
      h('div', { class: 'emb-row emb-query-row' }, this.query, rank),
      this.neighbours,
      h('div', { class: 'emb-row' }, button({ label: 'Export JSON', className: 'emb-export', title: 'Write the vectors into the workspace (embeddings/…json)', onClick: () => void this.exportJson() }), this.exportStatus),
    );
    this.element = h('div', { class: 'emb-tab' }, form, this.results);
    this.texts.addEventListener('input', () => { this.count(); this.save(); });
    this.modelSelect.addEventListener('change', () => { this.applyModel(); this.save(); });
    this.dimsSelect.addEventListener('change', () => this.save());
    this.inputTypeSelect.addEventListener('change', () => this.save());
    this.query.addEventListener('input', () => this.save());
    const saved = readState('embeddings', isSaved);
    if (saved) {
      this.texts.value = saved.text;
      this.query.value = saved.query;
      this.normalize.checked = saved.normalize;
      if (saved.inputType) this.inputTypeSelect.value = saved.inputType;
    }
    this.count();
    new ResizeObserver(() => { if (this.result) this.heatmap.draw(); }).observe(this.results);
  }

  focus(): void { this.texts.focus(); }

  private lines(): string[] {
    return this.texts.value.split(/\r?\n/).filter((l) => l.trim() !== '');
  }

  private count(): void {
    const n = this.lines().length;
    this.textCount.textContent = n > MAX_TEXTS ? `${n} texts: at most ${MAX_TEXTS} at once.` : `${n} text${n === 1 ? '' : 's'}`;
    this.textCount.classList.toggle('emb-over', n > MAX_TEXTS);
  }

  private save(): void {
    const s = this.settings();
    writeState('embeddings', { text: this.texts.value, modelId: s?.modelId ?? '', dimensions: s?.dimensions, normalize: this.normalize.checked, inputType: this.inputTypeSelect.value, query: this.query.value });
  }

  setModels(view: EmbeddingModelsView): void {
    this.models = view.models;
    const wanted = this.modelSelect.value || readState('embeddings', isSaved)?.modelId || '';
    clear(this.modelSelect);
    for (const m of view.models) this.modelSelect.appendChild(h('option', { value: m.id }, `${m.name} (${m.provider})`));
    if (view.models.some((m) => m.id === wanted)) this.modelSelect.value = wanted;
    this.applyModel();
    const saved = readState('embeddings', isSaved);
    if (saved?.dimensions && [...this.dimsSelect.options].some((o) => o.value === String(saved.dimensions))) this.dimsSelect.value = String(saved.dimensions);
    if (view.loading) this.status.textContent = 'Loading the embedding models…';
    else if (view.error) this.showError(view.error);
    else if (!view.models.length) this.status.textContent = `No text embedding model in ${view.region}${view.local ? ' (local endpoint)' : ''}.`;
    else if (this.status.textContent?.startsWith('Loading')) this.status.textContent = '';
    setDisabled(this.computeButton, this.busy || !view.models.length);
  }

  private model(): EmbeddingModelOption | undefined {
    return this.models.find((m) => m.id === this.modelSelect.value);
  }

  private applyModel(): void {
    const m = this.model();
    clear(this.dimsSelect);
    for (const d of m?.dimensions ?? []) this.dimsSelect.appendChild(h('option', { value: d, selected: d === m?.defaultDimensions }, String(d)));
    this.dimsField.hidden = !m?.dimensions;
    this.inputTypeField.hidden = !m?.inputTypes;
    this.normalize.element.hidden = !m?.normalize;
    if (!m) { this.modelFacts.textContent = ''; return; }
    const limit = `${m.maxChars.toLocaleString('en-US')} characters per text`;
    const over = m.overLimit === 'refuse' ? 'longer texts are refused' : 'longer texts are truncated to that length';
    const batch = m.maxBatch > 1 ? `${m.maxBatch} texts per call` : 'one text per call';
    this.modelFacts.textContent = `${m.dimensions ? '' : `${m.defaultDimensions} dimensions · `}${batch} · ${limit}; ${over}.`;
  }

  private settings(): EmbeddingSettings | undefined {
    const m = this.model();
    if (!m) return undefined;
    return {
      modelId: m.id, normalize: this.normalize.checked,
      ...(m.dimensions ? { dimensions: Number(this.dimsSelect.value) } : {}),
      ...(m.inputTypes ? { inputType: this.inputTypeSelect.value as NonNullable<EmbeddingSettings['inputType']> } : {}),
    };
  }

  private async load(method: RequestType<Record<string, unknown> | undefined, TextsResult>): Promise<void> {
    try {
      const r = await this.host.request(method, {});
      if (r.texts.length) {
        this.texts.value = r.texts.map((t) => t.replace(/\r?\n/g, ' ')).join('\n');
        this.count();
        this.save();
      }
      if (r.message) this.status.textContent = r.message;
    } catch (err) {
      this.showError({ kind: 'unknown', message: err instanceof Error ? err.message : String(err), detail: '', retryable: false });
    }
  }

  showProgress(done: number, total: number): void {
    // Also on a page reloaded while the host computes (it did not start the computation).
    if (total > 1 && done < total) this.status.textContent = `Computing… ${done} of ${total} texts`;
  }

  /** The host's copy of the last results (after a reload, or a computation started by an earlier page). */
  showResult(v: EmbeddingsView): void {
    if (!this.busy) this.show(v, false);
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    setDisabled(this.computeButton, busy || !this.models.length);
    this.cancelButton.hidden = !busy;
  }

  private showError(info: BedrockErrorInfo | undefined): void {
    showErrorBox(this.errorBox, info, { actionClass: 'emb-error-action', onAction: () => void this.runErrorAction() });
  }

  /** The error's own fix (model access page, SSO sign-in…); computes again when it says to retry. */
  private async runErrorAction(): Promise<void> {
    try {
      const r = await this.host.request(EmbeddingsRequests.runErrorAction, {});
      if (r.retry) void this.compute();
    } catch (err) {
      this.errorBox.textContent = err instanceof Error ? err.message : String(err);
    }
  }

  private async compute(): Promise<void> {
    const settings = this.settings();
    if (this.busy) return;
    if (!settings) { this.status.textContent = ''; this.showError({ kind: 'validation', message: 'Pick an embedding model.', detail: '', retryable: false }); return; }
    const texts = this.lines();
    if (!texts.length) { this.status.textContent = ''; this.showError({ kind: 'validation', message: 'Enter at least one text (one per line).', detail: '', retryable: false }); this.texts.focus(); return; }
    if (texts.length > MAX_TEXTS) { this.status.textContent = ''; this.showError({ kind: 'validation', message: `At most ${MAX_TEXTS} texts at once; you have ${texts.length}.`, detail: '', retryable: false }); return; }
    this.showError(undefined);
    this.setBusy(true);
    this.status.textContent = 'Computing…';
    try {
      const r = await this.host.request(EmbeddingsRequests.compute, { settings, texts });
      if ('error' in r) {
        this.status.textContent = r.error.kind === 'cancelled' ? 'Cancelled.' : '';
        if (r.error.kind !== 'cancelled') this.showError(r.error);
        return;
      }
      this.show(r.result);
    } catch (err) {
      this.status.textContent = '';
      this.showError({ kind: 'unknown', message: err instanceof Error ? err.message : String(err), detail: '', retryable: false });
    } finally {
      this.setBusy(false);
    }
  }

  /** `rank`: also rank the query typed in (not when merely restoring, which would call the model on every reload). */
  private show(v: EmbeddingsView, rank = true): void {
    this.result = v;
    this.results.hidden = false;
    const refused = v.outcomes.filter((o) => o.status === 'refused').length;
    const truncated = v.outcomes.filter((o) => o.status === 'truncated').length;
    this.status.textContent = `${v.labels.length - refused} of ${v.labels.length} texts embedded in ${(v.durationMs / 1000).toFixed(1)} s.`;
    this.summary.textContent = [
      `${v.modelName} · ${v.dimensions} dimensions · ${v.calls} call${v.calls === 1 ? '' : 's'}`,
      v.inputTokens !== undefined ? `${v.inputTokens} input tokens` : '',
      refused ? `${refused} refused` : '',
      truncated ? `${truncated} truncated` : '',
    ].filter(Boolean).join(' · ');
    clear(this.outcomes);
    v.labels.forEach((label, i) => {
      const o = v.outcomes[i]!;
      const note = o.status === 'refused' ? `Refused: ${o.reason}` : o.status === 'truncated' ? `Truncated: the first ${o.sentChars.toLocaleString('en-US')} of ${o.originalChars.toLocaleString('en-US')} characters were embedded.` : '';
      this.outcomes.appendChild(h('li', { class: `emb-outcome emb-${o.status}` }, h('span', { class: 'emb-label' }, label), note ? h('span', { class: 'emb-note' }, note) : null));
    });
    this.heatmap.setData({ labels: v.labels, matrix: v.matrix });
    clear(this.neighbours);
    this.exportStatus.textContent = '';
    if (rank && this.query.value.trim()) void this.rank();
  }

  private async rank(): Promise<void> {
    if (!this.result) return;
    const query = this.query.value;
    clear(this.neighbours);
    try {
      const r = await this.host.request(EmbeddingsRequests.neighbours, { query });
      if ('error' in r) { this.neighbours.appendChild(h('li', { class: 'emb-error-item' }, r.error.message)); return; }
      for (const n of r.neighbours) {
        this.neighbours.appendChild(h('li', { class: 'emb-neighbour' }, h('span', { class: 'emb-score' }, formatSimilarity(n.similarity)), h('span', { class: 'emb-label' }, `#${n.index + 1} ${this.result.labels[n.index]}`)));
      }
    } catch (err) {
      this.neighbours.appendChild(h('li', { class: 'emb-error-item' }, err instanceof Error ? err.message : String(err)));
    }
  }

  private async exportJson(): Promise<void> {
    this.exportStatus.textContent = 'Exporting…';
    try {
      const r = await this.host.request(EmbeddingsRequests.exportJson, {});
      this.exportStatus.textContent = r.message;
    } catch (err) {
      this.exportStatus.textContent = err instanceof Error ? err.message : String(err);
    }
  }
}

let mounted: EmbeddingsTab | undefined;

export const embeddingsTab: TabContribution = {
  id: 'embeddings',
  title: 'Embeddings',
  mount(container: HTMLElement, ctx: TabContext) {
    linkTabStylesheet('embeddings.css');
    const tab = new EmbeddingsTab(ctx.host);
    ctx.host.on(EmbeddingsEvents.models, (v) => tab.setModels(v));
    ctx.host.on(EmbeddingsEvents.progress, (p) => tab.showProgress(p.done, p.total));
    ctx.host.on(EmbeddingsEvents.result, (e) => tab.showResult(e.result));

    container.appendChild(tab.element);
    mounted = tab;
  },
  shown() {
    mounted?.focus();
  },
};

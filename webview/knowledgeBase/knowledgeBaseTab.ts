// The playground's Knowledge base tab: pick a knowledge base, ask a question, and either Retrieve
// (the chunks with scores and sources) or Ask (RetrieveAndGenerate, streamed: the answer with its
// citations inline, each linking to its chunk). Number of results and the model are the tab's
// settings. Talks to the host only through src/protocol/knowledgeBase.ts.

import type { BedrockErrorInfo } from '../../src/protocol/bedrockTypes';
import {
  type AskEventView, type ChunkView, type CitationView, KnowledgeBaseEvents, KnowledgeBaseNotifications, KnowledgeBaseRequests, type KnowledgeBasesView,
  MAX_RESULTS, type OutputView,
} from '../../src/protocol/knowledgeBase';
import { isRecord } from '../../src/protocol/validate';
import { button, setDisabled } from '../components';
import { clear, h } from '../dom';
import { showErrorBox } from '../errorBox';
import type { HostConnection } from '../host';
import { readState, writeState } from '../state';
import type { TabContribution, TabContext } from '../tabs';
import { linkTabStylesheet } from '../stylesheet';
import { chunkCard, renderCitedAnswer } from './answerView';

interface Saved { kbId: string; modelId: string; results: number; question: string }
const isSaved = (v: unknown): v is Saved => isRecord(v) && typeof v.kbId === 'string' && typeof v.modelId === 'string' && typeof v.results === 'number' && typeof v.question === 'string';

function field(id: string, label: string, control: HTMLElement): HTMLElement {
  return h('div', { class: 'kb-field', 'data-field': id }, h('label', { for: `kb-${id}` }, label), control);
}

class KnowledgeBaseTab {
  readonly element: HTMLElement;
  private readonly kbSelect = h('select', { id: 'kb-select' });
  private readonly kbInfo = h('div', { class: 'kb-hint', id: 'kb-info' });
  private readonly resultsInput = h('input', { id: 'kb-results', type: 'number', min: 1, max: MAX_RESULTS, step: 1, value: 5 });
  private readonly modelSelect = h('select', { id: 'kb-model' });
  private readonly question = h('textarea', { id: 'kb-question', rows: 3, placeholder: 'Ask the knowledge base a question' });
  private readonly retrieveButton: HTMLElement;
  private readonly askButton: HTMLElement;
  private readonly cancelButton: HTMLElement;
  private readonly status = h('div', { class: 'kb-status', role: 'status', 'aria-live': 'polite' });
  private readonly errorBox = h('div', { class: 'kb-error', role: 'alert', hidden: true });
  private readonly output = h('div', { class: 'kb-output' });
  private view: KnowledgeBasesView | undefined;
  private running: { token: string; text: string; citations: CitationView[]; answer: HTMLElement; sources: HTMLElement } | undefined;
  private busy = false;
  private counter = 0;
  /** What the last request was, for an error action that retries. */
  private lastAction: 'retrieve' | 'ask' = 'ask';

  constructor(private readonly host: HostConnection) {
    this.retrieveButton = button({ label: 'Retrieve', className: 'kb-retrieve', title: 'The chunks that match, with scores and sources', onClick: () => void this.retrieve() });
    this.askButton = button({ label: 'Retrieve and generate', appearance: 'primary', className: 'kb-ask', title: 'An answer written by the model from the chunks, with citations', onClick: () => void this.ask() });
    this.cancelButton = button({ label: 'Cancel', className: 'kb-cancel', onClick: () => { if (this.running) host.notify(KnowledgeBaseNotifications.cancel, { token: this.running.token }); } });
    this.cancelButton.hidden = true;
    const refresh = button({ label: 'Refresh', className: 'kb-refresh', title: 'List the knowledge bases again', onClick: () => void host.request(KnowledgeBaseRequests.refresh, { refresh: true }) });
    const form = h('form', { class: 'kb-form', 'aria-label': 'Knowledge base' },
      h('div', { class: 'kb-row' }, field('select', 'Knowledge base', this.kbSelect), refresh),
      this.kbInfo,
      h('div', { class: 'kb-row kb-settings' }, field('results', 'Number of results', this.resultsInput), field('model', 'Model (for generate)', this.modelSelect)),
      field('question', 'Question', this.question),
      h('div', { class: 'kb-row' }, this.askButton, this.retrieveButton, this.cancelButton),
      this.status,
      this.errorBox,
    );
    form.addEventListener('submit', (e) => e.preventDefault());
    this.question.addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); void this.ask(); } });
    for (const el of [this.kbSelect, this.modelSelect, this.resultsInput, this.question]) el.addEventListener('change', () => this.save());
    this.question.addEventListener('input', () => this.save());
    this.kbSelect.addEventListener('change', () => this.describeKb());
    this.element = h('div', { class: 'kb-tab' }, form, this.output);
    const saved = readState('knowledgeBase', isSaved);
    if (saved) { this.question.value = saved.question; this.resultsInput.value = String(saved.results); }
  }

  focus(): void { this.question.focus(); }

  private save(): void {
    writeState('knowledgeBase', { kbId: this.kbSelect.value, modelId: this.modelSelect.value, results: Number(this.resultsInput.value) || 5, question: this.question.value });
  }

  setView(v: KnowledgeBasesView): void {
    this.view = v;
    const saved = readState('knowledgeBase', isSaved);
    const kbWanted = this.kbSelect.value || saved?.kbId || '';
    const modelWanted = this.modelSelect.value || saved?.modelId || v.defaultModelId || '';
    clear(this.kbSelect);
    for (const kb of v.knowledgeBases) this.kbSelect.appendChild(h('option', { value: kb.id }, kb.status === 'ACTIVE' ? kb.name : `${kb.name} (${kb.status})`));
    if (v.knowledgeBases.some((k) => k.id === kbWanted)) this.kbSelect.value = kbWanted;
    clear(this.modelSelect);
    for (const m of v.models) this.modelSelect.appendChild(h('option', { value: m.id }, `${m.name} (${m.provider})`));
    if (v.models.some((m) => m.id === modelWanted)) this.modelSelect.value = modelWanted;
    this.describeKb();
    this.showError(v.error);
    if (v.loading) this.status.textContent = 'Listing the knowledge bases…';
    else if (!v.error && !v.knowledgeBases.length) this.status.textContent = `No knowledge base in ${v.region}${v.local ? ' (local endpoint)' : ''}. Create one in the Amazon Bedrock console.`;
    else if (this.status.textContent?.startsWith('Listing')) this.status.textContent = '';
    this.updateButtons();
  }

  private describeKb(): void {
    const kb = this.view?.knowledgeBases.find((k) => k.id === this.kbSelect.value);
    this.kbInfo.textContent = kb ? [kb.description, `ID ${kb.id}`, kb.updatedAt ? `updated ${kb.updatedAt.slice(0, 10)}` : ''].filter(Boolean).join(' · ') : '';
  }

  private updateButtons(): void {
    const hasKb = !!this.view?.knowledgeBases.length;
    setDisabled(this.retrieveButton, this.busy || !hasKb);
    setDisabled(this.askButton, this.busy || !hasKb || !this.view?.models.length);
    this.cancelButton.hidden = !this.busy;
  }

  private showError(info: BedrockErrorInfo | undefined): void {
    showErrorBox(this.errorBox, info, { actionClass: 'kb-error-action', onAction: () => void this.runErrorAction() });
  }

  /** The error's own fix (model access page, SSO sign-in…); asks again the same way when it says to retry. */
  private async runErrorAction(): Promise<void> {
    try {
      const r = await this.host.request(KnowledgeBaseRequests.runErrorAction, {});
      if (r.retry) void (this.lastAction === 'retrieve' ? this.retrieve() : this.ask());
    } catch (err) {
      this.errorBox.textContent = err instanceof Error ? err.message : String(err);
    }
  }

  /** The question and settings, or undefined after saying what is missing. */
  private params(): { knowledgeBaseId: string; question: string; numberOfResults: number } | undefined {
    const n = Number(this.resultsInput.value);
    const problem = !this.kbSelect.value ? 'Pick a knowledge base.'
      : !this.question.value.trim() ? 'Enter a question.'
      : !Number.isInteger(n) || n < 1 || n > MAX_RESULTS ? `Number of results must be a whole number from 1 to ${MAX_RESULTS}.` : undefined;
    if (problem) {
      this.status.textContent = '';
      this.showError({ kind: 'validation', message: problem, detail: '', retryable: false });
      return undefined;
    }
    this.showError(undefined);
    return { knowledgeBaseId: this.kbSelect.value, question: this.question.value, numberOfResults: n };
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    this.updateButtons();
  }

  private openers(): { openSource(uri: string): void; openChunk(c: ChunkView): void } {
    const fail = (err: unknown) => this.showError({ kind: 'unknown', message: err instanceof Error ? err.message : String(err), detail: '', retryable: false });
    return {
      openSource: (uri) => void this.host.request(KnowledgeBaseRequests.openSource, { uri }).catch(fail),
      openChunk: (c) => void this.host.request(KnowledgeBaseRequests.openChunk, { text: c.text, ...(c.uri ? { uri: c.uri } : {}) }).catch(fail),
    };
  }

  private async retrieve(): Promise<void> {
    const p = this.params();
    if (!p || this.busy) return;
    this.lastAction = 'retrieve';
    this.setBusy(true);
    this.status.textContent = 'Retrieving…';
    // The previous output stays until the new one is there: a failed retrieve loses nothing.
    try {
      const r = await this.host.request(KnowledgeBaseRequests.retrieve, p);
      if ('error' in r) { this.status.textContent = ''; this.showError(r.error); return; }
      this.renderChunks(r.chunks, `${r.chunks.length} chunk${r.chunks.length === 1 ? '' : 's'} in ${(r.durationMs / 1000).toFixed(1)} s.`);
    } catch (err) {
      this.status.textContent = '';
      this.showError({ kind: 'unknown', message: err instanceof Error ? err.message : String(err), detail: '', retryable: false });
    } finally {
      this.setBusy(false);
    }
  }

  private async ask(): Promise<void> {
    const p = this.params();
    if (!p || this.busy) return;
    if (!this.modelSelect.value) { this.status.textContent = ''; this.showError({ kind: 'validation', message: 'Pick the model that writes the answer.', detail: '', retryable: false }); return; }
    this.lastAction = 'ask';
    const token = `kb${Date.now().toString(36)}-${++this.counter}`;
    this.startAnswer(token, '', []);
    this.status.textContent = 'Retrieving and generating…';
    try {
      const r = await this.host.request(KnowledgeBaseRequests.ask, { ...p, modelId: this.modelSelect.value, token });
      if ('error' in r) {
        this.status.textContent = r.error.kind === 'cancelled' ? 'Cancelled.' : '';
        if (r.error.kind !== 'cancelled') this.showError(r.error);
      }
      // On success the host's `output` snapshot (sent just before the reply) has set the status.
    } catch (err) {
      this.status.textContent = '';
      this.showError({ kind: 'unknown', message: err instanceof Error ? err.message : String(err), detail: '', retryable: false });
    } finally {
      this.running = undefined;
      this.setBusy(false);
    }
  }

  private renderChunks(chunks: ChunkView[], status: string): void {
    clear(this.output);
    this.status.textContent = status;
    const list = h('ol', { class: 'kb-chunks' });
    chunks.forEach((c, i) => list.appendChild(chunkCard(c, i + 1, this.openers())));
    this.output.append(h('h3', {}, 'Retrieved chunks'), list);
  }

  /** Starts showing an answer (empty, or as far as it got when the page was reloaded) and follows its token. */
  private startAnswer(token: string, text: string, citations: CitationView[]): void {
    const answer = h('div', { class: 'kb-answer', 'aria-live': 'polite' });
    const sources = h('ol', { class: 'kb-sources' });
    clear(this.output);
    this.output.append(h('h3', {}, 'Answer'), answer, h('h3', { hidden: true }, 'Sources'), sources);
    this.running = { token, text, citations: [...citations], answer, sources };
    renderCitedAnswer(answer, sources, text, citations, this.openers());
    this.setBusy(true);
  }

  /** The host's copy of the output: after a reload, and when a retrieve or an answer ends. */
  showOutput(o: OutputView): void {
    if (o.kind === 'chunks') {
      if (!this.busy) this.renderChunks(o.chunks, o.status);
      return;
    }
    if (!this.question.value.trim()) this.question.value = o.question;
    if (o.running) {
      if (this.running?.token !== o.token) this.startAnswer(o.token, o.text, o.citations);
      this.status.textContent = o.status;
      return;
    }
    // Finished: the page that asked already has the text; a reloaded one draws it from the copy.
    if (this.running?.token !== o.token) this.startAnswer(o.token, o.text, o.citations);
    const run = this.running!;
    if (!run.text && o.status.startsWith('Answered')) run.answer.textContent = 'The model gave no answer.';
    this.status.textContent = o.status;
    this.running = undefined;
    this.setBusy(false);
  }

  onAnswer(e: AskEventView): void {
    const run = this.running;
    if (!run || e.token !== run.token) return;
    if (e.type === 'text') run.text += e.text;
    else run.citations.push(e.citation);
    renderCitedAnswer(run.answer, run.sources, run.text, run.citations, this.openers());
  }
}

let mounted: KnowledgeBaseTab | undefined;

export const knowledgeBaseTab: TabContribution = {
  id: 'knowledgeBase',
  title: 'Knowledge base',
  mount(container: HTMLElement, ctx: TabContext) {
    linkTabStylesheet('knowledgeBase.css');
    const tab = new KnowledgeBaseTab(ctx.host);
    ctx.host.on(KnowledgeBaseEvents.view, (v) => tab.setView(v));
    ctx.host.on(KnowledgeBaseEvents.answer, (e) => tab.onAnswer(e));
    ctx.host.on(KnowledgeBaseEvents.output, (o) => tab.showOutput(o));
    container.appendChild(tab.element);
    mounted = tab;
  },
  shown() {
    mounted?.focus();
  },
};

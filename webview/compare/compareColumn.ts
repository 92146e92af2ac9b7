// One column of the Compare tab: its model picker and parameters (the chat's own controls), its
// conversation (the chat's turn view: streamed markdown, metrics, "View API request", errors with
// their fix), its stream, and its cell of the summary row.

import type { ChatOptions, ChatStateView, ModelOption, ModelsView, TurnView } from '../../src/protocol/chat';
import { type ColumnIndex, CompareNotifications, CompareRequests } from '../../src/protocol/compare';
import { type ColumnSummary, latestAnswer } from '../../src/protocol/compareSummary';
import type { RequestType } from '../../src/protocol/methods';
import { codeBlockDecorator } from '../chat/codeBlocks';
import { formatCount, formatMs } from '../chat/format';
import { createModelPicker } from '../chat/modelPicker';
import { createParamsPanel } from '../chat/paramsPanel';
import { TurnElement, type TurnActions } from '../chat/turnView';
import { button, setLabel, tag } from '../components';
import { append, clear, h } from '../dom';
import type { HostConnection, StreamHandle, StreamHandlers } from '../host';

export interface ColumnOwner {
  /** A column's answer changed (the summary row is recomputed). */
  changed(): void;
  /** A column's stream started or ended (Send becomes Stop while any streams). */
  busyChanged(): void;
  /** Edit-and-resend of the shared prompt. */
  edit(turn: TurnView): void;
  say(text: string): void;
}

const REFUSALS = ['malformed', 'busy', 'unknownMethod', 'invalid'];

export class CompareColumn {
  options: ChatOptions = { modelId: '', system: '', stopSequences: [], stream: true, chosen: [] };
  private models: ModelsView = { models: [], loading: true, region: '', local: false };
  private readonly turns: TurnElement[] = [];
  private active: StreamHandle | undefined;
  private saveTimer = 0;
  private stickToBottom = true;
  readonly element: HTMLElement;
  private readonly log: HTMLElement;
  private readonly status: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly picker;
  private readonly params;
  private readonly decorate;

  constructor(readonly index: ColumnIndex, private readonly host: HostConnection, private readonly owner: ColumnOwner) {
    const prefix = `compare${index}-`;
    this.picker = createModelPicker((m) => this.modelChanged(m), () => this.refreshModels(), prefix);
    this.params = createParamsPanel((patch) => this.optionsChanged(patch), prefix);
    this.decorate = codeBlockDecorator(host, (el, text) => { const old = el.textContent ?? ''; setLabel(el, text); window.setTimeout(() => setLabel(el, old), 1500); });
    this.log = h('div', { class: 'conversation compare-log', role: 'log', 'aria-label': `Column ${index + 1} conversation`, tabindex: 0 });
    this.status = h('div', { class: 'compare-column-status', role: 'status', 'aria-live': 'polite' });
    this.summary = h('div', { class: 'compare-summary-cell', 'aria-live': 'polite' });
    const continueButton = button({
      label: 'Continue with this model', className: 'compare-continue',
      title: 'Open a chat with this column\'s model, parameters and conversation', onClick: () => this.continueChat(),
    });
    const paramsBox = h('details', { class: 'compare-params' }, h('summary', {}, 'Parameters'), this.params.element);
    this.element = h('section', { class: 'compare-column', 'data-column': index, 'aria-label': `Column ${index + 1}` },
      h('header', { class: 'compare-column-header' },
        h('div', { class: 'compare-column-title' }, h('span', { class: 'compare-column-number' }, `${index + 1}`), this.picker.element),
        h('div', { class: 'compare-column-tools' }, paramsBox, continueButton)),
      this.log, this.status, this.summary);
    this.log.addEventListener('scroll', () => {
      this.stickToBottom = this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 40;
    });
  }

  get busy(): boolean {
    return this.active !== undefined;
  }

  get hasTurns(): boolean {
    return this.turns.length > 0;
  }

  get latest(): TurnView | undefined {
    return latestAnswer(this.turns.map((t) => t.turn));
  }

  get model(): ModelOption | undefined {
    return this.models.models.find((m) => m.id === this.options.modelId);
  }

  applyState(s: ChatStateView): void {
    this.options = s.options;
    for (const t of this.turns.splice(0)) t.element.remove();
    if (this.active) this.host.detachStream(this.active.id);
    this.active = undefined;
    s.turns.forEach((turn, i) => {
      const el = new TurnElement(turn, this.actions(), () => this.painted());
      el.update(turn, i >= s.turns.length - 2);
      this.turns.push(el);
      this.log.appendChild(el.element);
      // The page was reloaded while this column streamed: follow the stream the host still runs.
      if (el.isStreaming && turn.streamId) this.active = this.host.attachStream(turn.streamId, this.handlers());
    });
    this.showModel();
    this.stickToBottom = true;
    this.painted();
    // Restored answers are laid out over the next frames (markdown, code blocks): settle at the end once they are.
    requestAnimationFrame(() => requestAnimationFrame(() => this.painted()));
    this.owner.changed();
  }

  applyModels(m: ModelsView): void {
    this.models = m;
    this.picker.setModels(m, this.options.modelId);
    this.showModel();
  }

  /** The host chose or changed this column's options (a model given to a column that had none). */
  applyOptions(options: ChatOptions): void {
    this.options = options;
    this.showModel();
  }

  upsertTurn(turn: TurnView): void {
    const existing = this.turns.find((t) => t.turn.id === turn.id);
    if (existing) {
      existing.update(turn, this.turns.indexOf(existing) >= this.turns.length - 2);
    } else {
      const el = new TurnElement(turn, this.actions(), () => this.painted());
      this.turns.push(el);
      this.log.appendChild(el.element);
      this.turns.forEach((t, i) => t.setLast(i >= this.turns.length - 2));
    }
    this.painted();
    this.owner.changed();
  }

  removeTurns(ids: readonly string[]): void {
    for (let i = this.turns.length - 1; i >= 0; i--) {
      if (ids.includes(this.turns[i]!.turn.id)) this.turns.splice(i, 1)[0]!.element.remove();
    }
    this.turns.forEach((t, i) => t.setLast(i >= this.turns.length - 2));
    this.owner.changed();
  }

  /** Sends the shared prompt to this column. */
  send(mode: 'new' | 'retry' | 'edit', text: string): void {
    if (this.active) return;
    clearTimeout(this.saveTimer);
    this.say('');
    this.stickToBottom = true;
    this.active = this.host.stream(CompareRequests.send, { column: this.index, mode, text, attachments: [], options: this.options }, this.handlers());
  }

  stop(): void {
    this.active?.cancel();
  }

  /** Replaces every setting but the model (Copy settings from the first). */
  setOptions(options: ChatOptions): void {
    this.optionsChanged(options);
    this.showModel();
  }

  showSummary(s: ColumnSummary | undefined): void {
    clear(this.summary);
    const a = this.latest;
    if (!s || !a || a.status !== 'done') return;
    const m = a.metrics;
    append(this.summary,
      h('span', { class: 'summary-figure' }, `${formatMs(m?.totalLatencyMs)} · ${formatCount(m?.outputTokens)} tokens out`),
      s.fastest ? tag('FASTEST', 'Lowest total latency of the answers to this prompt', 'summary-fastest') : null,
      s.shortest ? tag('SHORTEST', 'Fewest output tokens of the answers to this prompt', 'summary-shortest') : null,
    );
  }

  say(text: string): void {
    this.status.textContent = text;
  }

  private handlers(): StreamHandlers {
    return {
      onChunk: (delta, channel) => {
        const id = this.active?.id;
        const turn = this.turns.find((t) => t.turn.streamId === id);
        if (channel === 'text') turn?.appendDelta(delta);
        else turn?.appendReasoning(delta);
      },
      onEnd: (error) => {
        this.active = undefined;
        // Bedrock failures are shown in their turn; this is for requests the host refused outright.
        if (error?.code && REFUSALS.includes(error.code)) this.say(error.message);
        this.owner.busyChanged();
        this.owner.changed();
      },
    };
  }

  private actions(): TurnActions {
    return {
      retry: () => { this.send('retry', ''); this.owner.busyChanged(); },
      edit: (turn) => this.owner.edit(turn),
      runAction: (turn, actionIndex) => {
        void this.host.request(CompareRequests.runAction, { column: this.index, turnId: turn.id, actionIndex })
          .then((r) => { if (r.retry) { this.send('retry', ''); this.owner.busyChanged(); } }, (e: Error) => this.say(e.message));
      },
      copyAsCode: (turn) => this.request(CompareRequests.copyAsCode, { column: this.index, turnId: turn.id }, 'Copied a TypeScript snippet of this request.'),
      openRequest: (turn) => this.request(CompareRequests.openRequest, { column: this.index, turnId: turn.id }),
      decorate: (block) => this.decorate(block),
    };
  }

  /** A request that answers only "done"; says `done` when it did, or why it failed. */
  private request<P>(type: RequestType<P, void>, params: NoInfer<P>, done?: string): void {
    void this.host.request(type, params).then(() => { if (done) this.say(done); }, (e: Error) => this.say(e.message));
  }

  private continueChat(): void {
    const name = this.model?.name ?? 'this model';
    void this.host.request(CompareRequests.continueChat, { column: this.index })
      .then(() => this.owner.say(`Opened a chat with ${name} and this column's conversation.`), (e: Error) => this.say(e.message));
  }

  private showModel(): void {
    this.picker.select(this.options.modelId);
    this.params.show(this.model, this.options);
  }

  private modelChanged(m: ModelOption): void {
    this.optionsChanged({ modelId: m.id });
    this.showModel();
  }

  private optionsChanged(patch: Partial<ChatOptions>): void {
    this.options = { ...this.options, ...patch };
    clearTimeout(this.saveTimer);
    this.saveTimer = window.setTimeout(() => this.host.notify(CompareNotifications.setOptions, { column: this.index, options: this.options }), 250);
  }

  private refreshModels(): void {
    this.owner.say('Reloading the model list…');
    this.request(CompareRequests.refreshModels, { refresh: true });
  }

  private painted(): void {
    if (this.stickToBottom) this.log.scrollTop = this.log.scrollHeight;
  }
}

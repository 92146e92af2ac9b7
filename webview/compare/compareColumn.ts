// One column of the Compare tab: its model picker and parameters (the chat's own controls), its
// conversation (the chat's turn view: streamed markdown, metrics, "View API request", errors with
// their fix), its stream, and its cell of the summary row.

import type { ChatOptions, ChatStateView, EarlierTurnsEvent, ModelOption, ModelsView, TurnView } from '../../src/protocol/chat';
import { type ColumnIndex, CompareNotifications, CompareRequests } from '../../src/protocol/compare';
import { type ColumnSummary, latestAnswer } from '../../src/protocol/compareSummary';
import { costDetail, costLabel } from '../../src/protocol/cost';
import { formatCount, formatMs } from '../chat/format';
import { button, tag } from '../components';
import { Conversation, type SendMode } from '../conversation/conversation';
import { pageGuardrails } from '../guardrails/guardrailSource';
import { ModelSettings } from '../conversation/modelSettings';
import { append, clear, h } from '../dom';
import type { HostConnection } from '../host';

export interface ColumnOwner {
  /** A column's answer changed (the summary row is recomputed). */
  changed(): void;
  /** A column's stream started or ended (Send becomes Stop while any streams). */
  busyChanged(): void;
  /** Edit-and-resend of the shared prompt. */
  edit(turn: TurnView): void;
  say(text: string): void;
}

export class CompareColumn {
  readonly element: HTMLElement;
  private readonly log: HTMLElement;
  private readonly status: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly settings: ModelSettings;
  private readonly conversation: Conversation;

  constructor(readonly index: ColumnIndex, private readonly host: HostConnection, private readonly owner: ColumnOwner) {
    this.settings = new ModelSettings({
      save: (options) => host.notify(CompareNotifications.setOptions, { column: index, options }),
      refresh: () => this.refreshModels(),
      idPrefix: `compare${index}-`,
      adoptPickerChoice: false,
      guardrails: pageGuardrails(host),
    });
    this.log = h('div', { class: 'conversation compare-log', role: 'log', 'aria-label': `Column ${index + 1} conversation`, tabindex: 0 });
    this.status = h('div', { class: 'compare-column-status', role: 'status', 'aria-live': 'polite' });
    this.summary = h('div', { class: 'compare-summary-cell', 'aria-live': 'polite' });
    this.conversation = new Conversation({
      host,
      calls: {
        send: (params, handlers) => host.stream(CompareRequests.send, { column: index, ...params }, handlers),
        runAction: (turnId, actionIndex) => host.request(CompareRequests.runAction, { column: index, turnId, actionIndex }),
        copyAsCode: (turnId) => host.request(CompareRequests.copyAsCode, { column: index, turnId }),
        openRequest: (turnId) => host.request(CompareRequests.openRequest, { column: index, turnId }),
      },
      settings: this.settings,
      log: this.log,
      say: (text) => this.say(text),
      edit: (turn) => owner.edit(turn),
      busyChanged: () => owner.busyChanged(),
      changed: () => owner.changed(),
      lastPairWhileBusy: true,
    });
    const continueButton = button({
      label: 'Continue with this model', className: 'compare-continue',
      title: 'Open a chat with this column\'s model, parameters and conversation', onClick: () => this.continueChat(),
    });
    const paramsBox = h('details', { class: 'compare-params' }, h('summary', {}, 'Parameters'), this.settings.params.element);
    this.element = h('section', { class: 'compare-column', 'data-column': index, 'aria-label': `Column ${index + 1}` },
      h('header', { class: 'compare-column-header' },
        h('div', { class: 'compare-column-title' }, h('span', { class: 'compare-column-number' }, `${index + 1}`), this.settings.picker.element),
        this.settings.guardrail.element,
        h('div', { class: 'compare-column-tools' }, paramsBox, continueButton)),
      this.log, this.status, this.summary);
  }

  get options(): ChatOptions {
    return this.settings.options;
  }

  get busy(): boolean {
    return this.conversation.busy;
  }

  get hasTurns(): boolean {
    return this.conversation.turnViews.length > 0;
  }

  get latest(): TurnView | undefined {
    return latestAnswer(this.conversation.turnViews);
  }

  get model(): ModelOption | undefined {
    return this.settings.model;
  }

  applyState(s: ChatStateView): void {
    this.conversation.applyState(s);
  }

  applyEarlier(e: EarlierTurnsEvent): void {
    this.conversation.applyEarlier(e);
  }

  applyModels(m: ModelsView): void {
    this.settings.applyModels(m);
  }

  /** The host chose or changed this column's options (a model given to a column that had none). */
  applyOptions(options: ChatOptions): void {
    this.settings.applyOptions(options);
  }

  upsertTurn(turn: TurnView): void {
    this.conversation.upsertTurn(turn);
  }

  removeTurns(ids: readonly string[]): void {
    this.conversation.removeTurns(ids);
  }

  /** Sends the shared prompt to this column. */
  send(mode: SendMode, text: string): void {
    this.conversation.send(mode, text);
  }

  stop(): void {
    this.conversation.stop();
  }

  /** Replaces every setting but the model (Copy settings from the first). */
  setOptions(options: ChatOptions): void {
    this.settings.setOptions(options);
  }

  showSummary(s: ColumnSummary | undefined, cheapest = false): void {
    clear(this.summary);
    const a = this.latest;
    if (!s || !a || a.status !== 'done') return;
    const m = a.metrics;
    const cost = m?.cost ? ` · ${costLabel(m.cost)}` : '';
    append(this.summary,
      h('span', { class: 'summary-figure', title: m?.cost ? costDetail(m.cost) : undefined }, `${formatMs(m?.totalLatencyMs)} · ${formatCount(m?.outputTokens)} tokens out${cost}`),
      s.fastest ? tag('FASTEST', 'Lowest total latency of the answers to this prompt', 'summary-fastest') : null,
      s.shortest ? tag('SHORTEST', 'Fewest output tokens of the answers to this prompt', 'summary-shortest') : null,
      cheapest ? tag('CHEAPEST', 'Lowest cost of the priced answers to this prompt (AWS Price List)', 'summary-cheapest') : null,
    );
  }

  say(text: string): void {
    this.status.textContent = text;
  }

  private continueChat(): void {
    const name = this.model?.name ?? 'this model';
    void this.host.request(CompareRequests.continueChat, { column: this.index })
      .then(() => this.owner.say(`Opened a chat with ${name} and this column's conversation.`), (e: Error) => this.say(e.message));
  }

  private refreshModels(): void {
    this.owner.say('Reloading the model list…');
    void this.host.request(CompareRequests.refreshModels, { refresh: true }).then(() => undefined, (e: Error) => this.say(e.message));
  }
}

// The Chat tab: model picker and parameters, the conversation, the composer. The host owns the
// conversation (it saves it); this tab shows the host's state and streams new text into the last
// turn as it arrives.

import { ChatEvents, ChatNotifications, ChatRequests, STATE_FIRST_TURNS } from '../../src/protocol/chat';
import { conversationCost, conversationCostLabel } from '../../src/protocol/cost';
import type { RequestType } from '../../src/protocol/methods';
import { button } from '../components';
import { Conversation, NO_MODEL_NOTICE } from '../conversation/conversation';
import { pageGuardrails } from '../guardrails/guardrailSource';
import { ModelSettings } from '../conversation/modelSettings';
import { h } from '../dom';
import type { HostConnection } from '../host';
import type { TabContribution, TabContext } from '../tabs';
import { createComposer } from './composer';

/** Turns of a restored conversation rendered at once (about a screen); older ones wait to be seen. */
const EAGER_TURNS = 8;

class ChatTab {
  readonly log: HTMLElement;
  readonly settings: ModelSettings;
  readonly composer;
  readonly status = h('div', { class: 'chat-status', role: 'status', 'aria-live': 'polite' });
  /** The conversation's total cost (the priced answers), in the header. */
  private readonly cost = h('span', { class: 'conversation-cost', hidden: true });
  private readonly conversation: Conversation;

  constructor(private readonly host: HostConnection, container: HTMLElement) {
    this.log = h('div', { class: 'conversation', role: 'log', 'aria-label': 'Conversation', tabindex: 0 });
    this.composer = createComposer({
      send: (text, attachments, mode) => {
        if (this.conversation.send(mode, text, attachments)) this.composer.sent();
      },
      stop: () => this.conversation.stop(),
      draftChanged: () => this.countSoon(),
    });
    this.settings = new ModelSettings({
      save: (options) => host.notify(ChatNotifications.setOptions, { options }),
      refresh: () => this.refreshModels(),
      idPrefix: '',
      modelsAction: () => this.request(ChatRequests.modelsAction, {}),
      adoptPickerChoice: true,
      shown: (m) => { this.composer.setImageInput(m?.imageInput ?? false, m?.name ?? 'This model'); this.countSoon(); },
      guardrails: pageGuardrails(host),
    });
    this.conversation = new Conversation({
      host,
      calls: {
        send: (params, handlers) => host.stream(ChatRequests.send, params, handlers),
        runAction: (turnId, actionIndex) => host.request(ChatRequests.runAction, { turnId, actionIndex }),
        copyAsCode: (turnId) => host.request(ChatRequests.copyAsCode, { turnId }),
        openRequest: (turnId) => host.request(ChatRequests.openRequest, { turnId }),
      },
      settings: this.settings,
      log: this.log,
      say: (text) => this.say(text),
      edit: (turn) => this.composer.edit(turn.text, (turn.attachments ?? []).map((a) => ({ format: a.format, base64: a.base64, name: a.name }))),
      busyChanged: (busy) => this.composer.setBusy(busy),
      ended: () => this.composer.focus(),
      lastPairWhileBusy: false,
      eagerTurns: EAGER_TURNS,
      firstTurns: STATE_FIRST_TURNS,
      changed: () => this.showCost(),
    });
    const paramsToggle = this.paramsToggle = button({ label: 'Parameters', className: 'params-toggle', title: 'Show or hide the parameters', onClick: () => this.toggleParams() });
    const header = h('div', { class: 'chat-header' }, this.settings.picker.element, this.settings.guardrail.element,
      h('div', { class: 'chat-header-actions' }, this.cost, paramsToggle,
        button({ label: 'Export', className: 'export', title: 'Export the conversation as Markdown', onClick: () => this.request(ChatRequests.export, {}) }),
        button({ label: 'Clear', className: 'clear', title: 'Start over (the current conversation is cleared)', onClick: () => this.clear() })));
    const main = h('div', { class: 'chat-main' }, this.log, this.status, this.composer.element);
    container.append(header, h('div', { class: 'chat-body' }, main, this.settings.params.element));
    // Parameters sit beside the chat when there is room and fold away when the editor is narrow,
    // until the user opens or closes them by hand.
    const narrow = window.matchMedia('(max-width: 719px)');
    this.setParamsOpen(!narrow.matches);
    narrow.addEventListener('change', () => { if (!this.paramsToggled) this.setParamsOpen(!narrow.matches); });

    host.on(ChatEvents.state, (s) => this.conversation.applyState(s));
    host.on(ChatEvents.earlierTurns, (e) => this.conversation.applyEarlier(e));
    host.on(ChatEvents.turn, ({ turn }) => this.conversation.upsertTurn(turn));
    host.on(ChatEvents.removeTurns, ({ ids }) => this.conversation.removeTurns(ids));
    host.on(ChatEvents.models, (m) => {
      this.settings.applyModels(m);
      // "Choose a model first" from an Enter before the list came: the picker has one now.
      if (this.settings.options.modelId && this.status.textContent === NO_MODEL_NOTICE) this.say('');
    });
    host.on(ChatEvents.options, ({ options }) => this.settings.applyOptions(options));
  }

  focus(): void {
    this.composer.focus();
  }

  private countTimer: ReturnType<typeof setTimeout> | undefined;
  private countSeq = 0;
  /** Asks for the draft's token count once typing pauses; an answer to an older draft is dropped. */
  private countSoon(): void {
    if (this.countTimer) clearTimeout(this.countTimer);
    this.countTimer = setTimeout(() => {
      const text = this.composer.draft;
      const options = this.settings.options;
      const seq = ++this.countSeq;
      if (!text.trim() || !options.modelId) { this.composer.setTokenCount(undefined); return; }
      this.host.request(ChatRequests.countTokens, { modelId: options.modelId, system: options.system, text }).then(
        (count) => { if (seq === this.countSeq) this.composer.setTokenCount(count); },
        () => { if (seq === this.countSeq) this.composer.setTokenCount(undefined); },
      );
    }, COUNT_DELAY_MS);
  }

  /** A request that answers only "done"; says why it failed. */
  private request<P>(type: RequestType<P, void>, params: NoInfer<P>): void {
    void this.host.request(type, params).then(() => undefined, (e: Error) => this.say(e.message));
  }

  private clear(): void {
    this.conversation.stop();
    this.request(ChatRequests.clear, {});
  }

  private refreshModels(): void {
    this.settings.showLoading();
    this.request(ChatRequests.refreshModels, { refresh: true });
  }

  private showCost(): void {
    const c = conversationCost(this.conversation.turnViews);
    this.cost.hidden = !c;
    this.cost.textContent = c ? conversationCostLabel(c) : '';
    this.cost.title = c
      ? `The sum of the answers' costs${c.standIn ? ', at the local endpoint\'s stand-in prices' : ' from the AWS Price List'}${c.unpriced ? `; ${c.unpriced} answer${c.unpriced === 1 ? '' : 's'} could not be priced (see each answer's cost)` : ''}.`
      : '';
  }

  private say(text: string): void {
    this.status.textContent = text;
  }

  private paramsOpen = true;
  private paramsToggled = false;
  private paramsToggle: HTMLElement | undefined;
  private toggleParams(): void {
    this.paramsToggled = true;
    this.setParamsOpen(!this.paramsOpen);
  }

  private setParamsOpen(open: boolean): void {
    this.paramsOpen = open;
    this.settings.params.element.hidden = !open;
    this.paramsToggle?.setAttribute('aria-pressed', String(open));
  }
}

/** Typing pause before the draft's tokens are counted (each count may be a CountTokens call). */
const COUNT_DELAY_MS = 400;

let tab: ChatTab | undefined;

export const chatTab: TabContribution = {
  id: 'chat',
  title: 'Chat',
  mount(container: HTMLElement, ctx: TabContext) {
    tab = new ChatTab(ctx.host, container);
  },
  shown() {
    tab?.focus();
  },
};

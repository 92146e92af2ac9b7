// The Chat tab: model picker and parameters, the conversation, the composer. The host owns the
// conversation (it saves it); this tab shows the host's state and streams new text into the last
// turn as it arrives.

import {
  type AttachmentInput, type ChatOptions, ChatEvents, ChatNotifications, ChatRequests, type ChatStateView, type ModelOption, type ModelsView, type TurnView,
} from '../../src/protocol/chat';
import type { RequestType } from '../../src/protocol/methods';
import { button, setLabel } from '../components';
import { h } from '../dom';
import type { HostConnection, StreamHandle, StreamHandlers } from '../host';
import type { TabContribution, TabContext } from '../tabs';
import { codeBlockDecorator } from './codeBlocks';
import { createComposer } from './composer';
import { createModelPicker } from './modelPicker';
import { createParamsPanel } from './paramsPanel';
import { TurnElement } from './turnView';

/** Turns of a restored conversation rendered at once (about a screen); older ones wait to be seen. */
const EAGER_TURNS = 8;

class ChatTab {
  private options: ChatOptions = { modelId: '', system: '', stopSequences: [], stream: true, chosen: [] };
  private models: ModelsView = { models: [], loading: true, region: '', local: false };
  private readonly turns: TurnElement[] = [];
  private active: StreamHandle | undefined;
  private saveTimer = 0;
  private stickToBottom = true;
  readonly log: HTMLElement;
  readonly picker = createModelPicker((m) => this.modelChanged(m), () => this.refreshModels(), '', () => this.request(ChatRequests.modelsAction, {}));
  readonly params = createParamsPanel((patch) => this.optionsChanged(patch));
  readonly composer;
  readonly status = h('div', { class: 'chat-status', role: 'status', 'aria-live': 'polite' });
  private readonly decorate;

  constructor(private readonly host: HostConnection, container: HTMLElement) {
    this.decorate = codeBlockDecorator(host, (el, text) => this.flash(el, text));
    this.log = h('div', { class: 'conversation', role: 'log', 'aria-label': 'Conversation', tabindex: 0 });
    this.composer = createComposer({
      send: (text, attachments, mode) => this.send(mode, text, attachments),
      stop: () => this.active?.cancel(),
    });
    const paramsToggle = this.paramsToggle = button({ label: 'Parameters', className: 'params-toggle', title: 'Show or hide the parameters', onClick: () => this.toggleParams() });
    const header = h('div', { class: 'chat-header' }, this.picker.element,
      h('div', { class: 'chat-header-actions' }, paramsToggle,
        button({ label: 'Export', className: 'export', title: 'Export the conversation as Markdown', onClick: () => this.request(ChatRequests.export, {}) }),
        button({ label: 'Clear', className: 'clear', title: 'Start over (the current conversation is cleared)', onClick: () => this.clear() })));
    const main = h('div', { class: 'chat-main' }, this.log, this.status, this.composer.element);
    container.append(header, h('div', { class: 'chat-body' }, main, this.params.element));
    // Parameters sit beside the chat when there is room and fold away when the editor is narrow,
    // until the user opens or closes them by hand.
    const narrow = window.matchMedia('(max-width: 719px)');
    this.setParamsOpen(!narrow.matches);
    narrow.addEventListener('change', () => { if (!this.paramsToggled) this.setParamsOpen(!narrow.matches); });

    this.log.addEventListener('scroll', () => {
      this.stickToBottom = this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 40;
    });
    host.on(ChatEvents.state, (s) => this.applyState(s));
    host.on(ChatEvents.turn, ({ turn }) => this.upsertTurn(turn));
    host.on(ChatEvents.removeTurns, ({ ids }) => this.removeTurns(ids));
    host.on(ChatEvents.models, (m) => this.applyModels(m));
    host.on(ChatEvents.options, ({ options }) => { this.options = options; this.showModel(); });
  }

  focus(): void {
    this.composer.focus();
  }

  private applyState(s: ChatStateView): void {
    this.options = s.options;
    for (const t of this.turns.splice(0)) t.element.remove();
    this.active = undefined;
    const fragment = document.createDocumentFragment();
    s.turns.forEach((turn, i) => {
      // The last turns are rendered now; older answers when they are scrolled near (nearViewport.ts).
      const defer = i < s.turns.length - EAGER_TURNS ? this.log : undefined;
      const el = new TurnElement(turn, this.turnActions(), () => this.painted(), defer);
      el.update(turn, i >= s.turns.length - 2);
      this.turns.push(el);
      fragment.appendChild(el.element);
      if (el.isStreaming && turn.streamId) this.active = this.host.attachStream(turn.streamId, this.streamHandlers());
    });
    this.log.appendChild(fragment);
    this.composer.setBusy(!!this.active);
    if (this.active) this.refreshLast();
    this.showModel();
    this.stickToBottom = true;
    this.painted();
    // Turns off screen are laid out lazily (content-visibility): settle at the bottom once they are.
    requestAnimationFrame(() => requestAnimationFrame(() => this.painted()));
  }

  private applyModels(m: ModelsView): void {
    this.models = m;
    // The host picks the model of a conversation that had none (setting, last used, first).
    if (m.preferredId && !m.models.some((x) => x.id === this.options.modelId)) this.options = { ...this.options, modelId: m.preferredId };
    this.picker.setModels(m, this.options.modelId);
    const chosen = this.picker.selected();
    if (chosen && chosen.id !== this.options.modelId) this.modelChanged(chosen);
    else this.showModel();
  }

  private showModel(): void {
    this.picker.select(this.options.modelId);
    const m = this.models.models.find((x) => x.id === this.options.modelId);
    this.params.show(m, this.options);
    this.composer.setImageInput(m?.imageInput ?? false, m?.name ?? 'This model');
  }

  private modelChanged(m: ModelOption): void {
    this.optionsChanged({ modelId: m.id });
    this.showModel();
  }

  private optionsChanged(patch: Partial<ChatOptions>): void {
    this.options = { ...this.options, ...patch };
    // Remembered by the host; a burst of slider moves is saved once.
    clearTimeout(this.saveTimer);
    this.saveTimer = window.setTimeout(() => this.host.notify(ChatNotifications.setOptions, { options: this.options }), 250);
  }

  private send(mode: 'new' | 'retry' | 'edit', text: string, attachments: AttachmentInput[]): void {
    if (this.active) return;
    if (!this.options.modelId) return this.say('Choose a model first.');
    clearTimeout(this.saveTimer);
    this.say('');
    this.stickToBottom = true;
    this.active = this.host.stream(ChatRequests.send, { mode, text, attachments, options: this.options }, this.streamHandlers());
    this.composer.setBusy(true);
    if (mode !== 'retry') this.composer.sent();
  }

  private streamHandlers(): StreamHandlers {
    return {
      onChunk: (delta, channel) => {
        if (!this.active) return;
        const turn = this.turns.find((t) => t.turn.streamId === this.active!.id);
        if (channel === 'text') turn?.appendDelta(delta);
        else turn?.appendReasoning(delta);
      },
      onEnd: (error) => {
        this.active = undefined;
        this.composer.setBusy(false);
        this.refreshLast();
        // Bedrock failures are shown in their turn; this is for requests the host refused outright.
        if (error && error.code && ['malformed', 'busy', 'unknownMethod', 'invalid'].includes(error.code)) this.say(error.message);
        this.composer.focus();
      },
    };
  }

  private upsertTurn(turn: TurnView): void {
    const existing = this.turns.find((t) => t.turn.id === turn.id);
    if (existing) {
      existing.update(turn, this.isLastPair(existing));
    } else {
      const el = new TurnElement(turn, this.turnActions(), () => this.painted());
      this.turns.push(el);
      this.log.appendChild(el.element);
      this.refreshLast();
      // A prompt sent by a command streams under an id the host chose: follow it.
      if (!this.active && el.isStreaming && turn.streamId) {
        this.active = this.host.attachStream(turn.streamId, this.streamHandlers());
        this.composer.setBusy(true);
      }
    }
    this.painted();
  }

  private removeTurns(ids: string[]): void {
    for (let i = this.turns.length - 1; i >= 0; i--) {
      const t = this.turns[i]!;
      if (ids.includes(t.turn.id)) {
        t.element.remove();
        this.turns.splice(i, 1);
      }
    }
    this.refreshLast();
  }

  private isLastPair(t: TurnElement): boolean {
    return !this.active && this.turns.indexOf(t) >= this.turns.length - 2;
  }

  private refreshLast(): void {
    // Edit and Retry belong to the last exchange, and only once its answer is complete.
    const busy = !!this.active;
    this.turns.forEach((t, i) => t.setLast(!busy && i >= this.turns.length - 2));
  }

  private turnActions() {
    return {
      retry: () => this.send('retry', '', []),
      edit: (turn: TurnView) => this.composer.edit(turn.text, (turn.attachments ?? []).map((a) => ({ format: a.format, base64: a.base64, name: a.name }))),
      runAction: (turn: TurnView, actionIndex: number) => {
        void this.host.request(ChatRequests.runAction, { turnId: turn.id, actionIndex })
          .then((r) => { if (r.retry) this.send('retry', '', []); }, (e: Error) => this.say(e.message));
      },
      copyAsCode: (turn: TurnView) => this.request(ChatRequests.copyAsCode, { turnId: turn.id }, 'Copied a TypeScript snippet of this request.'),
      openRequest: (turn: TurnView) => this.request(ChatRequests.openRequest, { turnId: turn.id }),
      decorate: (block: HTMLElement) => this.decorate(block),
    };
  }

  /** A request that answers only "done"; says `done` when it did, or why it failed. */
  private request<P>(type: RequestType<P, void>, params: NoInfer<P>, done?: string): void {
    void this.host.request(type, params).then(() => { if (done) this.say(done); }, (e: Error) => this.say(e.message));
  }

  private clear(): void {
    if (this.active) this.active.cancel();
    this.request(ChatRequests.clear, {});
  }

  private refreshModels(): void {
    this.picker.setModels({ ...this.models, loading: true }, this.options.modelId);
    this.request(ChatRequests.refreshModels, { refresh: true });
  }

  private painted(): void {
    if (this.stickToBottom) this.log.scrollTop = this.log.scrollHeight;
  }

  private say(text: string): void {
    this.status.textContent = text;
  }

  private flash(el: HTMLElement, text: string): void {
    const old = el.textContent ?? '';
    setLabel(el, text);
    window.setTimeout(() => setLabel(el, old), 1500);
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
    this.params.element.hidden = !open;
    this.paramsToggle?.setAttribute('aria-pressed', String(open));
  }
}

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

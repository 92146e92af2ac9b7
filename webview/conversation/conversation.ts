// One conversation in the webview, as the Chat tab and each Compare column show it: its turns
// (the host owns them and says when they change), the stream that fills the last answer, Stop,
// Retry and Edit, the answers' actions (View API request, Copy as code, an error's fix), their code
// blocks and links, and the scroll that follows a growing answer.

import type { AttachmentInput, ChatStateView, EarlierTurnsEvent, SendParams, TurnView } from '../../src/protocol/chat';
import { codeBlockDecorator } from '../chat/codeBlocks';
import { TurnElement, type TurnActions } from '../chat/turnView';
import { setLabel } from '../components';
import type { HostConnection, StreamHandle, StreamHandlers } from '../host';
import type { ModelSettings } from './modelSettings';


/** Said when a prompt is sent before the list of models has come (and taken back once it has). */
export const NO_MODEL_NOTICE = 'Choose a model first.';
export type SendMode = SendParams['mode'];

/** Requests the host refused outright; Bedrock failures are shown in their turn instead. */
const REFUSALS = ['malformed', 'busy', 'unknownMethod', 'invalid'];

/** How this conversation reaches the host: the Chat tab's methods, or a Compare column's. */
export interface ConversationCalls {
  send(params: SendParams, handlers: StreamHandlers): StreamHandle;
  runAction(turnId: string, actionIndex: number): Promise<{ retry: boolean }>;
  copyAsCode(turnId: string): Promise<void>;
  openRequest(turnId: string): Promise<void>;
}

export interface ConversationSpec {
  host: HostConnection;
  calls: ConversationCalls;
  settings: ModelSettings;
  /** The element the turns go in (it scrolls). */
  log: HTMLElement;
  say(text: string): void;
  /** Edit on the last user turn. */
  edit(turn: TurnView): void;
  /** A stream started or ended. */
  busyChanged(busy: boolean): void;
  /** The turns changed or a stream ended (Compare's summary row is recomputed). */
  changed?(): void;
  /** A stream ended. */
  ended?(): void;
  /**
   * Whether the last exchange keeps Edit and Retry while its answer streams (a Compare column, whose
   * Stop is the shared one); the Chat tab shows them once the answer is complete.
   */
  lastPairWhileBusy: boolean;
  /** How many of a restored conversation's last turns render at once; older ones when scrolled near. */
  eagerTurns?: number;
  /**
   * How many of a restored conversation's last turns are put in the DOM at once; the older ones
   * are added above them in idle time, newest first, or at once when scrolled near (all of them
   * end up in the DOM, so find-in-page reaches every turn). Undefined: all at once.
   */
  firstTurns?: number;
}

/** Older turns added per idle callback (or per scroll near the top): a few ms of work. */
const OLDER_CHUNK = 40;
/** Scrolled this close to the top (px), the next older turns are added at once. */
const NEAR_TOP = 1500;

export class Conversation {
  private readonly turns: TurnElement[] = [];
  /** A restored conversation's older turns not in the DOM yet, oldest first. */
  private older: TurnView[] = [];
  /** The older turns the last state left out, still to come from the host (`chat/earlierTurns`). */
  private awaiting: { conversationId: string; count: number } | undefined;
  private olderIdle: number | undefined;
  private active: StreamHandle | undefined;
  private stickToBottom = true;
  private readonly decorate;

  constructor(private readonly spec: ConversationSpec) {
    const log = spec.log;
    this.decorate = codeBlockDecorator(spec.host, (el, text) => flash(el, text));
    log.addEventListener('scroll', () => {
      this.stickToBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
      if (this.older.length && log.scrollTop < NEAR_TOP) this.addOlder();
    });
  }

  get busy(): boolean {
    return this.active !== undefined;
  }

  get turnViews(): TurnView[] {
    return [...this.older, ...this.turns.map((t) => t.turn)];
  }

  applyState(s: ChatStateView): void {
    this.spec.settings.options = s.options;
    for (const t of this.turns.splice(0)) t.element.remove();
    this.cancelOlder();
    if (this.active) this.spec.host.detachStream(this.active.id);
    this.active = undefined;
    const eager = this.spec.eagerTurns ?? Infinity;
    const fragment = document.createDocumentFragment();
    // The last turns go in the DOM now; the older ones above them soon after (addOlder).
    const first = Math.max(0, s.turns.length - (this.spec.firstTurns ?? Infinity));
    this.older = s.turns.slice(0, first);
    this.awaiting = s.earlier ? { conversationId: s.conversationId, count: s.earlier } : undefined;
    s.turns.forEach((turn, i) => {
      if (i < first) return;
      // The last turns are rendered now; older answers when they are scrolled near (nearViewport.ts).
      const defer = i < s.turns.length - eager ? this.spec.log : undefined;
      const el = new TurnElement(turn, this.actions(), () => this.painted(), defer);
      el.update(turn, i >= s.turns.length - 2);
      this.turns.push(el);
      fragment.appendChild(el.element);
      // The page was reloaded while this answer streamed: follow the stream the host still runs.
      if (el.isStreaming && turn.streamId) this.active = this.spec.host.attachStream(turn.streamId, this.handlers());
    });
    this.spec.log.appendChild(fragment);
    this.spec.busyChanged(this.busy);
    if (this.active) this.busyLastChanged();
    this.spec.settings.show();
    this.stickToBottom = true;
    this.painted();
    // Turns off screen are laid out lazily (content-visibility) and restored answers over the next
    // frames (markdown, code blocks): settle at the bottom once they are.
    requestAnimationFrame(() => requestAnimationFrame(() => this.painted()));
    this.scheduleOlder();
    this.spec.changed?.();
  }

  /**
   * The older turns of the last state arrived: they go above the ones shown, in idle time like
   * the rest. Those of a state replaced since (a Clear, another reload) are dropped.
   */
  applyEarlier(e: EarlierTurnsEvent): void {
    const a = this.awaiting;
    if (!a || a.conversationId !== e.conversationId || a.count !== e.turns.length) return;
    this.awaiting = undefined;
    this.older = [...e.turns, ...this.older];
    if (this.spec.log.scrollTop < NEAR_TOP && !this.stickToBottom) this.addOlder();
    this.scheduleOlder();
    this.spec.changed?.();
  }

  /** Adds the next older turns in idle time until all are in the DOM. */
  private scheduleOlder(): void {
    if (!this.older.length || this.olderIdle !== undefined) return;
    this.olderIdle = requestIdleCallback(() => {
      this.olderIdle = undefined;
      this.addOlder();
      this.scheduleOlder();
    }, { timeout: 1000 });
  }

  private cancelOlder(): void {
    if (this.olderIdle !== undefined) cancelIdleCallback(this.olderIdle);
    this.olderIdle = undefined;
    this.older = [];
  }

  /**
   * Puts the next OLDER_CHUNK older turns above the ones in the DOM, keeping what is on screen
   * where it was: the first turn already shown is measured before and after, and the scroll moves
   * by the difference (whatever the browser's own scroll anchoring did).
   */
  private addOlder(): void {
    const batch = this.older.splice(Math.max(0, this.older.length - OLDER_CHUNK));
    if (!batch.length) return;
    const log = this.spec.log;
    const anchor = this.turns[0]?.element;
    const top = anchor?.getBoundingClientRect().top ?? 0;
    const fragment = document.createDocumentFragment();
    const added = batch.map((turn) => {
      const el = new TurnElement(turn, this.actions(), () => this.painted(), log);
      el.update(turn, false);
      fragment.appendChild(el.element);
      return el;
    });
    this.turns.unshift(...added);
    log.insertBefore(fragment, anchor ?? null);
    if (this.stickToBottom) this.painted();
    else if (anchor) log.scrollTop += anchor.getBoundingClientRect().top - top;
    if (!this.older.length) this.spec.changed?.();
  }

  upsertTurn(turn: TurnView): void {
    const existing = this.turns.find((t) => t.turn.id === turn.id);
    const olderAt = existing ? -1 : this.older.findIndex((t) => t.id === turn.id);
    if (olderAt >= 0) {
      this.older[olderAt] = turn;
    } else if (existing) {
      existing.update(turn, this.isLast(existing));
    } else {
      const el = new TurnElement(turn, this.actions(), () => this.painted());
      this.turns.push(el);
      this.spec.log.appendChild(el.element);
      this.refreshLast();
      // A prompt sent by a command streams under an id the host chose: follow it.
      if (!this.active && el.isStreaming && turn.streamId) {
        this.active = this.spec.host.attachStream(turn.streamId, this.handlers());
        this.spec.busyChanged(true);
      }
    }
    this.painted();
    this.spec.changed?.();
  }

  removeTurns(ids: readonly string[]): void {
    this.older = this.older.filter((t) => !ids.includes(t.id));
    for (let i = this.turns.length - 1; i >= 0; i--) {
      if (ids.includes(this.turns[i]!.turn.id)) this.turns.splice(i, 1)[0]!.element.remove();
    }
    this.refreshLast();
    this.spec.changed?.();
  }

  /** Sends a prompt (or answers the last one again); false when a stream is running or no model is chosen. */
  send(mode: SendMode, text: string, attachments: AttachmentInput[] = []): boolean {
    if (this.active) return false;
    const settings = this.spec.settings;
    if (!settings.options.modelId) {
      this.spec.say(NO_MODEL_NOTICE);
      return false;
    }
    settings.cancelSave();
    this.spec.say('');
    this.stickToBottom = true;
    this.active = this.spec.calls.send({ mode, text, attachments, options: settings.options }, this.handlers());
    this.spec.busyChanged(true);
    return true;
  }

  stop(): void {
    this.active?.cancel();
  }

  private handlers(): StreamHandlers {
    return {
      onChunk: (delta, channel) => {
        if (!this.active) return;
        const turn = this.turns.find((t) => t.turn.streamId === this.active!.id);
        if (channel === 'text') turn?.appendDelta(delta);
        else turn?.appendReasoning(delta);
      },
      onEnd: (error) => {
        this.active = undefined;
        this.spec.busyChanged(false);
        this.busyLastChanged();
        if (error?.code && REFUSALS.includes(error.code)) this.spec.say(error.message);
        this.spec.changed?.();
        this.spec.ended?.();
      },
    };
  }

  private isLast(t: TurnElement): boolean {
    return (this.spec.lastPairWhileBusy || !this.active) && this.turns.indexOf(t) >= this.turns.length - 2;
  }

  /** A stream started or ended: Edit and Retry follow where they depend on it. */
  private busyLastChanged(): void {
    if (!this.spec.lastPairWhileBusy) this.refreshLast();
  }

  /** Edit and Retry belong to the last exchange. */
  private refreshLast(): void {
    const shown = this.spec.lastPairWhileBusy || !this.active;
    this.turns.forEach((t, i) => t.setLast(shown && i >= this.turns.length - 2));
  }

  private actions(): TurnActions {
    const { calls, say } = this.spec;
    const done = (p: Promise<void>, text?: string) => void p.then(() => { if (text) say(text); }, (e: Error) => say(e.message));
    return {
      retry: () => { this.send('retry', ''); },
      edit: (turn) => this.spec.edit(turn),
      runAction: (turn, actionIndex) => {
        void calls.runAction(turn.id, actionIndex).then((r) => { if (r.retry) this.send('retry', ''); }, (e: Error) => say(e.message));
      },
      copyAsCode: (turn) => done(calls.copyAsCode(turn.id), 'Copied a TypeScript snippet of this request.'),
      openRequest: (turn) => done(calls.openRequest(turn.id)),
      decorate: (block) => this.decorate(block),
    };
  }

  private painted(): void {
    if (this.stickToBottom) this.spec.log.scrollTop = this.spec.log.scrollHeight;
  }
}

/** Shows `text` on a button for a moment (Copied, Inserted), then its own label again. */
function flash(el: HTMLElement, text: string): void {
  const old = el.textContent ?? '';
  setLabel(el, text);
  window.setTimeout(() => setLabel(el, old), 1500);
}

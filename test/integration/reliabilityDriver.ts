// Plays a chat panel's webview against the real host side (ChatSession + HostRouter, the same
// wiring chatHost.ts registers), with the real SDK against the local endpoint and a real
// conversation store on disk. Records every message the host posts, in order.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BedrockService } from '../../src/bedrock/service';
import { ChatEvents, ChatRequests, type ChatStateView, type EarlierTurnsEvent, type SendParams, type TurnView } from '../../src/protocol/chat';
import { ChatSession } from '../../src/playground/chat/chatSession';
import { defaultOptions } from '../../src/playground/chat/conversation';
import { ConversationStore } from '../../src/playground/chat/conversationStore';
import type { EndMessage, HostToWebview } from '../../src/protocol/envelope';
import { HostRouter } from '../../src/playground/router';
import { Changes, Recorded } from '../support/changes';

export const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';

/** Every message a ChatDriver's host posts, and every save that lands, is announced here. */
export const hostEvents = new Changes();

/**
 * Resolves with the first value `what` gives other than undefined or false, re-checked each time a
 * driver's host posts a message or a save lands (what these conditions read): no polling.
 */
export function until<T>(what: () => T | undefined | false, label: string, timeoutMs = 30_000): Promise<T> {
  return hostEvents.until(what, label, timeoutMs);
}

/** What a save of the conversation held of the answer, once it reached the disk. */
export interface SavedAnswer { status: string; text: string }

export function tempStoreRoot(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-reliability-'));
}

export class ChatDriver {
  readonly received = new Recorded<HostToWebview>(hostEvents);
  /** Each save of this conversation, in the order they reached the disk, with its last answer then. */
  readonly saves = new Recorded<SavedAnswer>(hostEvents);
  readonly logged: string[] = [];
  readonly router: HostRouter;
  session: ChatSession;
  // Far from the small ids a fuzzer or another driver would use, so an old `end` is never mistaken for ours.
  private nextId = 1_000_000_000 + Math.floor(Math.random() * 1_000_000_000);
  private readonly sentAt = new Map<number, number>();

  readonly store: ConversationStore;

  constructor(readonly id: string, readonly storeRoot: string, readonly service: BedrockService) {
    this.store = new ConversationStore(storeRoot);
    const save = this.store.save.bind(this.store);
    this.store.save = (c) => {
      const answer = c.turns.at(-1);
      const snapshot: SavedAnswer = { status: answer?.status ?? '', text: answer?.role === 'assistant' ? answer.text : '' };
      return save(c).then(() => { this.saves.push(snapshot); });
    };
    this.router = new HostRouter((m) => this.received.push(m), {
      warn: (m) => this.logged.push(`warn ${m}`),
      error: (m) => this.logged.push(`error ${m instanceof Error ? m.message : m}`),
    });
    this.session = this.newSession();
    this.router.onStream(ChatRequests.send, (p, c) => this.session.send(p, c));
  }

  private newSession(): ChatSession {
    return new ChatSession(this.id, this.store, this.service, {
      // The session posts live objects it keeps mutating; the webview gets a copy (as postMessage does).
      notify: (e, params) => this.received.push({ type: 'notify', method: e.method, params: structuredClone(params) }),
      setTitle: () => undefined,
      warn: (m) => this.logged.push(`warn ${m}`),
    }, () => defaultOptions(HAIKU));
  }

  /** Starts `chat/send`; returns the stream id. A "long" question is answered up to `maxTokens`. */
  send(text: string, mode: SendParams['mode'] = 'new', model = HAIKU, maxTokens = 400): number {
    const id = this.nextId++;
    this.sentAt.set(id, this.received.length);
    const params: SendParams = { mode, text, attachments: [], options: { ...defaultOptions(model), maxTokens } };
    this.router.handle({ type: 'request', id, method: ChatRequests.send.method, params });
    return id;
  }

  cancel(id: number): void {
    this.router.handle({ type: 'cancel', id });
  }

  end(id: number, timeoutMs = 30_000): Promise<EndMessage> {
    const from = this.sentAt.get(id) ?? 0;
    return until(() => this.received.slice(from).find((m): m is EndMessage => m.type === 'end' && m.id === id), `the end of stream ${id}`, timeoutMs);
  }

  /** Every `chat/turn` update of the assistant turn filled by stream `id`, in order. */
  turnUpdates(id: number): TurnView[] {
    const updates = this.received.flatMap((m) => (m.type === 'notify' && m.method === ChatEvents.turn.method ? [(m.params as { turn: TurnView }).turn] : []));
    const first = updates.find((t) => t.role === 'assistant' && t.streamId === id);
    return first ? updates.filter((t) => t.id === first.id) : [];
  }

  /** The text chunks of stream `id`, joined. */
  chunks(id: number): string {
    return this.received.flatMap((m) => (m.type === 'chunk' && m.id === id && m.channel !== 'reasoning' ? [m.delta] : [])).join('');
  }

  /** The conversation as saved on disk, read by a fresh session (what a reload would show). */
  async reloaded(): Promise<ChatStateView> {
    await this.store.flush();
    const fresh = new ConversationStore(this.storeRoot);
    const states: ChatStateView[] = [];
    const earlier: TurnView[] = [];
    const s = new ChatSession(this.id, fresh, this.service, {
      notify: (e, params) => {
        if (e === ChatEvents.state) states.push(params as ChatStateView);
        // A long chat's older turns follow the state in a message of their own.
        if (e === ChatEvents.earlierTurns) earlier.push(...(params as EarlierTurnsEvent).turns);
      },
      setTitle: () => undefined,
      warn: () => undefined,
    }, () => defaultOptions(HAIKU));
    await s.sendState();
    const state = states[0]!;
    assert.equal(earlier.length, state.earlier ?? 0, 'every older turn the state announced arrived');
    return { ...state, turns: [...earlier, ...state.turns] };
  }

  dispose(): void {
    this.router.dispose();
  }
}

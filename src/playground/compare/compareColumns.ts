// The columns of one panel's Compare tab: each is a chat session of its own (its own conversation,
// saved under its own id, its own stream and AbortController), so streaming, saving, reloads and
// failures behave exactly as in the Chat tab. The chat session's events are re-addressed to the
// column (`chat/turn` → `compare/turn` with the column's index). No `vscode` here.

import { randomUUID } from 'node:crypto';
import type { ChatOptions } from '../../protocol/chat';
import { ChatEvents } from '../../protocol/chat';
import { type ChatBackend, ChatSession } from '../chat/chatSession';
import { type ColumnIndex, CompareEvents, MAX_COLUMNS } from '../../protocol/compare';
import { type EventMessage, type EventType, eventMessage, type Notify } from '../../protocol/methods';
import { type Conversation, defaultOptions, isLive } from '../chat/conversation';
import type { ConversationStore } from '../chat/conversationStore';
import { ProtocolFailure } from '../router';

/** A chat session's event, addressed to its column; undefined for those the tab has no use for. */
export function columnNotification<P>(column: ColumnIndex, e: EventType<P>, params: P): EventMessage | undefined {
  // Each chat event is matched by its descriptor, so its params have that event's type.
  const is = <Q>(chat: EventType<Q>, _p: unknown): _p is Q => (e as EventType<unknown>) === chat;
  if (is(ChatEvents.state, params)) return eventMessage(CompareEvents.columnState, { column, state: params });
  if (is(ChatEvents.earlierTurns, params)) return eventMessage(CompareEvents.columnEarlierTurns, { column, ...params });
  if (is(ChatEvents.turn, params)) return eventMessage(CompareEvents.turn, { column, ...params });
  if (is(ChatEvents.removeTurns, params)) return eventMessage(CompareEvents.removeTurns, { column, ...params });
  if (is(ChatEvents.options, params)) return eventMessage(CompareEvents.options, { column, ...params });
  return undefined;
}

/** The conversation id of a column (the store takes ids of up to 100 word characters). */
export function columnConversationId(panelId: string, column: ColumnIndex): string {
  return `${panelId.slice(0, 90)}-compare${column}`;
}

export class CompareColumns {
  readonly sessions: readonly ChatSession[];

  constructor(panelId: string, store: ConversationStore, backend: ChatBackend, notify: Notify, warn: (m: string) => void) {
    const sessions: ChatSession[] = [];
    for (let i = 0; i < MAX_COLUMNS; i++) {
      const column = i as ColumnIndex;
      sessions.push(new ChatSession(columnConversationId(panelId, column), store, backend, {
        notify: (e, params) => {
          const m = columnNotification(column, e, params);
          if (m) notify(m.event, m.params);
        },
        // The panel's title belongs to its Chat tab.
        setTitle: () => undefined,
        warn,
      }, () => defaultOptions('')));
    }
    this.sessions = sessions;
  }

  session(column: ColumnIndex): ChatSession {
    return this.sessions[column]!;
  }

  get busy(): boolean {
    return this.sessions.some((s) => s.busy);
  }

  /** Empties every column (refused while any answer is still arriving). */
  async clear(): Promise<void> {
    if (this.busy) throw new ProtocolFailure('Answers are still arriving; stop them first.', 'busy');
    for (const s of this.sessions) await s.clear();
  }

  async options(column: ColumnIndex): Promise<ChatOptions> {
    return (await this.session(column).conversationNow()).options;
  }

  /**
   * A new chat conversation holding this column's history (the shared prompts and this column's
   * answers), its model and parameters; the column itself is left as it is.
   */
  async forkConversation(column: ColumnIndex, id: string = randomUUID(), now = Date.now()): Promise<Conversation> {
    const session = this.session(column);
    if (session.busy) throw new ProtocolFailure('This column is still answering; wait for it or stop it first.', 'busy');
    const c = await session.conversationNow();
    if (!c.turns.length) throw new ProtocolFailure('This column has no conversation yet; send a prompt first.', 'invalid');
    return {
      id,
      createdAt: now,
      updatedAt: now,
      options: { ...c.options, stopSequences: [...c.options.stopSequences], chosen: [...c.options.chosen] },
      turns: c.turns.filter((t) => !isLive(t)).map((t) => ({ ...t })),
      invocationOverrides: { ...c.invocationOverrides },
    };
  }
}

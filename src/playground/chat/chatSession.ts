// The host side of one panel's chat: owns the conversation (saved before each request and after
// each reply or failure, and every few seconds while one streams), turns Bedrock's chat events
// into turn updates and coalesced text chunks, and keeps failures in the conversation with the
// error in plain words.

import { randomUUID } from 'node:crypto';
import type { BedrockErrorInfo, ChatEvent, ModelRecord } from '../../bedrock/types';
import type { AnswerCost, UsageCounts } from '../../bedrock/cost';
import type { AttachmentInput, ChatOptions, ChatStateView, ModelsView, SendParams, TurnView } from '../../protocol/chat';
import { ChatEvents, STATE_FIRST_TURNS } from '../../protocol/chat';
import type { Notify } from '../../protocol/methods';
import { DeltaCoalescer } from '../coalescer';
import { buildMessages, type Conversation, conversationTitle, inferenceSettings, isLive, newConversation } from './conversation';
import type { ConversationStore } from './conversationStore';
import { PANEL_CLOSED, ProtocolFailure, type StreamContext } from '../router';

/** What the session needs from the Bedrock layer (the BedrockService facade satisfies it). */
export interface ChatBackend {
  findModel(id: string): Promise<ModelRecord | undefined>;
  chat(request: import('../../bedrock/types').ChatRequest, signal?: AbortSignal): AsyncIterable<ChatEvent>;
  describeError(err: unknown, context?: { modelId?: string }): BedrockErrorInfo;
  parameterSpec(model: ModelRecord): import('../../bedrock/types').ParameterSpec;
  readonly connection: { region: string; demo?: boolean };
  /** The cost of an answer from its usage (never throws; see BedrockService.priceAnswer). */
  priceAnswer?(model: ModelRecord, usage: UsageCounts, invokedId?: string): Promise<AnswerCost>;
}

export interface SessionHost {
  notify: Notify;
  setTitle(title: string): void;
  warn(message: string): void;
}

/** While a reply streams, the conversation is saved at most this often. */
const STREAM_SAVE_MS = 2000;

export class ChatSession {
  private conversation: Conversation | undefined;
  readonly loaded: Promise<Conversation>;
  private live: { turn: TurnView; text: DeltaCoalescer; reasoning: DeltaCoalescer; usage?: UsageCounts } | undefined;
  /** The pricing of the last answer (tests wait for it). */
  pricing: Promise<void> = Promise.resolve();

  constructor(
    readonly id: string,
    private readonly store: ConversationStore,
    private readonly backend: ChatBackend,
    private readonly host: SessionHost,
    initialOptions: () => ChatOptions,
  ) {
    this.loaded = store.load(id).then((c) => {
      this.conversation = c ?? newConversation(id, initialOptions());
      this.host.setTitle(conversationTitle(this.conversation));
      return this.conversation;
    });
  }

  get busy(): boolean {
    return this.live !== undefined;
  }

  /** The webview (re)loaded: pending text is already in the state, so it is dropped, not sent twice. */
  async sendState(): Promise<void> {
    const c = await this.loaded;
    this.live?.text.discard();
    this.live?.reasoning.discard();
    // A long chat: its last turns first, the older ones in a message of their own a moment later.
    const split = Math.max(0, c.turns.length - STATE_FIRST_TURNS);
    const state: ChatStateView = { conversationId: c.id, title: conversationTitle(c), turns: c.turns.slice(split), options: c.options };
    if (split) state.earlier = split;
    this.host.notify(ChatEvents.state, state);
    if (!split) return;
    const earlier = c.turns.slice(0, split);
    // The next turn of the event loop: the first message is on its way before this one is serialized.
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.host.notify(ChatEvents.earlierTurns, { conversationId: c.id, turns: earlier });
  }

  async setOptions(options: ChatOptions): Promise<void> {
    const c = await this.loaded;
    c.options = options;
    c.updatedAt = Date.now();
    await this.store.save(c);
  }

  /** Selects a model from outside (the model tree's "Chat with this model"). */
  async selectModel(modelId: string): Promise<void> {
    const c = await this.loaded;
    await this.setOptions({ ...c.options, modelId });
    this.host.notify(ChatEvents.options, { options: c.options });
  }

  async setInvocationOverride(modelId: string, invocationId: string): Promise<void> {
    const c = await this.loaded;
    c.invocationOverrides = { ...c.invocationOverrides, [modelId]: invocationId };
    await this.store.save(c);
  }

  async clear(): Promise<void> {
    const c = await this.loaded;
    if (this.live) throw new ProtocolFailure('An answer is still arriving; stop it first.', 'busy');
    c.turns = [];
    c.updatedAt = Date.now();
    await this.store.save(c);
    this.host.setTitle(conversationTitle(c));
    await this.sendState();
  }

  /** Renames the conversation (an empty title goes back to the first words of the first message). */
  async rename(title: string): Promise<void> {
    const c = await this.loaded;
    const t = title.trim().slice(0, 200);
    if (t) c.title = t;
    else delete c.title;
    c.updatedAt = Date.now();
    this.host.setTitle(conversationTitle(c));
    await this.store.save(c);
  }

  async conversationNow(): Promise<Conversation> {
    return this.loaded;
  }

  async turn(turnId: string): Promise<TurnView | undefined> {
    return (await this.loaded).turns.find((t) => t.id === turnId);
  }

  /** Handles `chat/send`: adds the turns, saves, streams the answer, saves again. */
  async send(p: SendParams, ctx: StreamContext): Promise<void> {
    const c = await this.loaded;
    if (this.live) throw new ProtocolFailure('An answer is still arriving; stop it first.', 'busy');
    if (!p.options.modelId) throw new ProtocolFailure('Choose a model first.', 'invalid');
    c.options = p.options;
    const removed = this.prepareTurns(c, p);
    const userTurn = [...c.turns].reverse().find((t) => t.role === 'user');
    if (!userTurn) throw new ProtocolFailure('There is no message to answer.', 'invalid');

    const turn: TurnView = { id: randomUUID(), role: 'assistant', text: '', status: 'pending', streamId: ctx.id, modelId: p.options.modelId, createdAt: Date.now() };
    c.turns.push(turn);
    c.updatedAt = Date.now();
    const text = new DeltaCoalescer((t) => ctx.chunk(t));
    const reasoning = new DeltaCoalescer((t) => ctx.chunk(t, 'reasoning'));
    this.live = { turn, text, reasoning };
    if (removed.length) this.host.notify(ChatEvents.removeTurns, { ids: removed });
    if (p.mode !== 'retry') this.host.notify(ChatEvents.turn, { turn: userTurn });
    this.host.notify(ChatEvents.turn, { turn });
    this.host.setTitle(conversationTitle(c));
    await this.store.save(c);

    let failure: BedrockErrorInfo | undefined;
    let model: ModelRecord | undefined;
    const live = this.live;
    try {
      model = await this.backend.findModel(p.options.modelId);
      if (!model) throw new ModelMissing(p.options.modelId, this.backend.connection.region);
      turn.modelName = model.name;
      const override = c.invocationOverrides[model.id];
      const request = {
        model,
        ...(override ? { invocationId: override } : {}),
        system: c.options.system,
        messages: buildMessages(c.turns.slice(0, -1)),
        settings: inferenceSettings(c.options, this.backend.parameterSpec(model)),
        stream: c.options.stream,
        ...(c.options.guardrail ? { guardrail: c.options.guardrail } : {}),
      };
      let lastSave = Date.now();
      for await (const ev of this.backend.chat(request, ctx.signal)) {
        this.apply(turn, ev);
        if (ev.type === 'text' && Date.now() - lastSave > STREAM_SAVE_MS) {
          lastSave = Date.now();
          void this.store.save(c);
        }
      }
      text.flush();
      reasoning.flush();
      turn.status = 'done';
    } catch (err) {
      text.flush();
      reasoning.flush();
      failure = err instanceof ModelMissing ? err.info() : this.backend.describeError(err, { modelId: p.options.modelId });
      // Stopped by the user reads "Stopped"; cut short by the panel going away (a window reload) reads "Interrupted".
      if (failure.kind === 'cancelled') turn.status = ctx.signal.reason === PANEL_CLOSED ? 'interrupted' : 'cancelled';
      else {
        turn.status = 'error';
        turn.error = failure;
      }
    } finally {
      delete turn.streamId;
      delete turn.retry;
      this.live = undefined;
      c.updatedAt = Date.now();
      this.host.notify(ChatEvents.turn, { turn });
      await this.store.save(c);
    }
    if (model && live.usage) {
      // priceAnswer never throws; only saving the priced turn can, and the user hears of it.
      this.pricing = this.priceTurn(c, turn, model, live.usage).catch((err: unknown) => this.host.warn(`The answer's cost could not be saved: ${(err as Error).message}`));
    }
    if (failure) throw new ProtocolFailure(failure.message, failure.kind);
  }

  private prepareTurns(c: Conversation, p: SendParams): string[] {
    const lastUser = findLastIndex(c.turns, (t) => t.role === 'user');
    const removed: string[] = [];
    if (p.mode === 'retry') {
      if (lastUser < 0) throw new ProtocolFailure('There is no message to answer again.', 'invalid');
      removed.push(...c.turns.splice(lastUser + 1).map((t) => t.id));
      return removed;
    }
    if (!p.text.trim() && !p.attachments.length) throw new ProtocolFailure('Write a message first.', 'invalid');
    if (p.mode === 'edit' && lastUser >= 0) removed.push(...c.turns.splice(lastUser).map((t) => t.id));
    // Anything still marked live (cannot be, but a stale turn must never look like it streams) is closed.
    for (const t of c.turns) if (isLive(t)) t.status = 'interrupted';
    c.turns.push(userTurn(p.text, p.attachments));
    return removed;
  }

  /** Prices the answer after it ended (the Price List may take a moment on first need); the turn shows its cost then. */
  private async priceTurn(c: Conversation, turn: TurnView, model: ModelRecord, usage: UsageCounts): Promise<void> {
    if (!this.backend.priceAnswer) return;
    const cost = await this.backend.priceAnswer(model, usage, turn.invokedId);
    if (!c.turns.includes(turn)) return;
    turn.metrics = { ...turn.metrics, cost };
    this.host.notify(ChatEvents.turn, { turn });
    await this.store.save(c);
  }

  private apply(turn: TurnView, ev: ChatEvent): void {
    const live = this.live!;
    switch (ev.type) {
      case 'request':
        turn.request = ev.request;
        turn.adjustments = ev.adjustments;
        if (ev.correction) turn.correction = ev.correction;
        else delete turn.correction;
        turn.invokedId = ev.invocation.invocationId;
        if (ev.invocation.note) turn.invocationNote = ev.invocation.note;
        this.host.notify(ChatEvents.turn, { turn });
        return;
      case 'retry':
        live.text.flush();
        turn.status = 'retrying';
        turn.retry = { attempt: ev.attempt, maxAttempts: ev.maxAttempts, reason: ev.reason, delayMs: ev.delayMs };
        this.host.notify(ChatEvents.turn, { turn });
        return;
      case 'text':
        if (turn.status !== 'streaming') {
          turn.status = 'streaming';
          delete turn.retry;
        }
        turn.text += ev.text;
        live.text.push(ev.text);
        return;
      case 'reasoning':
        turn.reasoning = (turn.reasoning ?? '') + ev.text;
        live.reasoning.push(ev.text);
        return;
      case 'stop':
        turn.metrics = { ...turn.metrics, stopReason: ev.stopReason };
        return;
      case 'guardrail':
        turn.guardrail = { intervened: ev.outcome.intervened, summary: ev.outcome.summary, findings: ev.outcome.findings };
        return;
      case 'usage':
        turn.metrics = {
          ...turn.metrics, inputTokens: ev.inputTokens, outputTokens: ev.outputTokens,
          ...(ev.cacheReadInputTokens ? { cacheReadInputTokens: ev.cacheReadInputTokens } : {}),
          ...(ev.cacheWriteInputTokens ? { cacheWriteInputTokens: ev.cacheWriteInputTokens } : {}),
        };
        live.usage = {
          inputTokens: ev.inputTokens, outputTokens: ev.outputTokens,
          ...(ev.cacheReadInputTokens !== undefined ? { cacheReadInputTokens: ev.cacheReadInputTokens } : {}),
          ...(ev.cacheWriteInputTokens !== undefined ? { cacheWriteInputTokens: ev.cacheWriteInputTokens } : {}),
        };
        return;
      case 'metrics':
        turn.metrics = {
          ...turn.metrics,
          ...(ev.timeToFirstTokenMs !== undefined ? { timeToFirstTokenMs: ev.timeToFirstTokenMs } : {}),
          totalLatencyMs: ev.totalLatencyMs,
          ...(this.backend.connection.demo ? { demo: true } : {}),
        };
        return;
    }
  }

  /** The models list for this panel, with the model a fresh conversation should start on. */
  async modelsView(view: Omit<ModelsView, 'preferredId'>, preferred: (models: ModelsView['models']) => string): Promise<ModelsView> {
    const c = await this.loaded;
    const has = view.models.some((m) => m.id === c.options.modelId);
    if (!has && view.models.length) {
      const id = preferred(view.models);
      if (id && id !== c.options.modelId) {
        c.options = { ...c.options, modelId: id };
        void this.store.save(c);
      }
    }
    return { ...view, preferredId: c.options.modelId };
  }
}

function userTurn(text: string, attachments: AttachmentInput[]): TurnView {
  const turn: TurnView = { id: randomUUID(), role: 'user', text, status: 'done', createdAt: Date.now() };
  if (attachments.length) turn.attachments = attachments.map((a) => ({ format: a.format, base64: a.base64, name: a.name }));
  return turn;
}

function findLastIndex<T>(list: readonly T[], pred: (t: T) => boolean): number {
  for (let i = list.length - 1; i >= 0; i--) if (pred(list[i]!)) return i;
  return -1;
}

class ModelMissing extends Error {
  constructor(readonly modelId: string, readonly region: string) {
    super(`Model ${modelId} is not in the catalog`);
  }

  info(): BedrockErrorInfo {
    return {
      kind: 'notFound',
      message: `The model ${this.modelId} is not available in ${this.region}. Pick another model, or change the Region.`,
      detail: 'The live catalog of this Region does not list it.',
      retryable: false,
      action: { kind: 'configure', label: 'Change Region', setting: 'bedrock.region' },
    };
  }
}

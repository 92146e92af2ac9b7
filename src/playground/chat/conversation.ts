// A chat conversation as plain data, and the pure rules around it: what is sent to Bedrock from
// the turns, which parameters are sent, what a reload does to a reply that was still arriving.

import type { ChatTurn, InferenceSettings, ParameterName, ParameterSpec } from '../../bedrock/types';
import type { ChatOptions, TurnView } from '../../protocol/chat';

export interface Conversation {
  id: string;
  createdAt: number;
  updatedAt: number;
  options: ChatOptions;
  turns: TurnView[];
  /** Per model id, the id to invoke instead (set by the "use the profile" error action). */
  invocationOverrides: Record<string, string>;
  /** A title the user gave it (the Chats view's Rename); otherwise the first words of the first message. */
  title?: string;
}

export function newConversation(id: string, options: ChatOptions, now = Date.now()): Conversation {
  return { id, createdAt: now, updatedAt: now, options, turns: [], invocationOverrides: {} };
}

export function defaultOptions(modelId = ''): ChatOptions {
  return { modelId, system: '', stopSequences: [], stream: true, chosen: [] };
}

const LIVE: ReadonlySet<TurnView['status']> = new Set(['pending', 'retrying', 'streaming']);

export function isLive(turn: TurnView): boolean {
  return LIVE.has(turn.status);
}

/** After a reload nothing is streaming any more: a reply that was arriving is marked interrupted. */
export function markInterrupted(turns: TurnView[]): TurnView[] {
  return turns.map((t) => {
    if (!isLive(t)) return t;
    const { streamId: _s, retry: _r, ...rest } = t;
    return { ...rest, status: 'interrupted' };
  });
}

/**
 * The messages Bedrock gets: user and assistant turns alternating, starting and ending with the
 * user. Assistant turns without text (failed before any arrived) are left out; two user turns in a
 * row (the answer between them failed) are joined into one.
 */
export function buildMessages(turns: readonly TurnView[]): ChatTurn[] {
  const out: ChatTurn[] = [];
  for (const t of turns) {
    if (t.role === 'assistant') {
      if (!t.text.trim() || out.length === 0) continue;
      const prev = out[out.length - 1]!;
      if (prev.role === 'assistant') prev.text += t.text;
      else out.push({ role: 'assistant', text: t.text });
      continue;
    }
    const images = (t.attachments ?? []).map((a) => ({ format: a.format, base64: a.base64 }));
    const prev = out[out.length - 1];
    if (prev?.role === 'user') {
      prev.text = [prev.text, t.text].filter((x) => x.trim()).join('\n\n');
      if (images.length) prev.images = [...(prev.images ?? []), ...images];
    } else {
      out.push(images.length ? { role: 'user', text: t.text, images } : { role: 'user', text: t.text });
    }
  }
  while (out.length && out[out.length - 1]!.role !== 'user') out.pop();
  return out;
}

/** For each exclusive pair, the member the user chose to send (else the first of the pair). */
export function sentOfPairs(spec: ParameterSpec, chosen: readonly ParameterName[]): { sent: Set<ParameterName>; dropped: Set<ParameterName> } {
  const sent = new Set<ParameterName>();
  const dropped = new Set<ParameterName>();
  for (const [a, b] of spec.exclusive) {
    const pick = chosen.includes(b) && !chosen.includes(a) ? b : a;
    sent.add(pick);
    dropped.add(pick === a ? b : a);
  }
  for (const s of sent) dropped.delete(s);
  return { sent, dropped };
}

/**
 * The settings sent with a request: only what the user set, only what the model takes, and of
 * each exclusive pair only the chosen member (a combination the model refuses is never sent).
 */
export function inferenceSettings(options: ChatOptions, spec: ParameterSpec): InferenceSettings {
  const { dropped } = sentOfPairs(spec, options.chosen);
  const reasoning = spec.reasoning && options.reasoningBudget !== undefined && Number.isFinite(options.reasoningBudget);
  const out: InferenceSettings = {};
  for (const name of ['temperature', 'topP', 'topK', 'maxTokens'] as const) {
    const v = options[name];
    const s = spec[name];
    if (v === undefined || !Number.isFinite(v) || !s.supported || dropped.has(name)) continue;
    if (reasoning && spec.reasoning!.refuses.includes(name)) continue; // refused while reasoning (the panel says so)
    out[name] = Math.min(s.max, Math.max(s.min, v));
  }
  if (options.stopSequences.length && spec.stopSequences.supported && !dropped.has('stopSequences')) {
    out.stopSequences = options.stopSequences.filter((x) => x.length > 0).slice(0, spec.stopSequences.max);
  }
  if (reasoning) out.reasoningBudget = options.reasoningBudget;
  if (spec.reasoningEffort && options.reasoningEffort !== undefined && spec.reasoningEffort.levels.includes(options.reasoningEffort)) out.reasoningEffort = options.reasoningEffort;
  if (options.cachePrompt && spec.promptCache) out.cachePrompt = true;
  return out;
}

/** The conversation's title: the one the user gave it, or the first words of its first message. */
export function conversationTitle(c: { title?: string; turns: ReadonlyArray<Pick<TurnView, 'role' | 'text'>> }): string {
  return c.title?.trim() ? c.title.trim() : titleOf(c.turns);
}

/** A short title for the tab and the export: the first words of the first message. */
export function titleOf(turns: ReadonlyArray<Pick<TurnView, 'role' | 'text'>>): string {
  const first = turns.find((t) => t.role === 'user' && t.text.trim());
  if (!first) return 'Bedrock Chat';
  const words = first.text.trim().replace(/\s+/g, ' ');
  return words.length > 40 ? `${words.slice(0, 39)}…` : words;
}

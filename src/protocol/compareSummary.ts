// Pure rules of the Compare tab: which column's latest answer was the fastest and which the
// shortest, and "Copy settings from the first" (every parameter but the model, fitted to the
// target model's ranges). No DOM, no `vscode`: unit-tested in Node, used by the webview.

import type { ParameterSpec } from '../bedrock/types';
import type { ChatOptions, TurnView } from './chat';

export interface ColumnSummary {
  /** Lowest total latency among the finished answers (ties are all marked). */
  fastest: boolean;
  /** Fewest output tokens among the finished answers (ties are all marked). */
  shortest: boolean;
}

/** The last answer of a column's turns, if its last turn is an answer. */
export function latestAnswer(turns: readonly TurnView[]): TurnView | undefined {
  const last = turns[turns.length - 1];
  return last?.role === 'assistant' ? last : undefined;
}

/**
 * Marks the fastest and the shortest of the answers to the same prompt. Only finished answers take
 * part, and only when at least two finished (a lone answer is not "the fastest" of anything).
 * Shortest is by output tokens when every finished answer reports them, else by characters.
 */
export function summarize(answers: ReadonlyArray<TurnView | undefined>): ColumnSummary[] {
  const done = answers.map((a) => (a?.status === 'done' ? a : undefined));
  const finished = done.filter((a): a is TurnView => a !== undefined);
  const none = answers.map(() => ({ fastest: false, shortest: false }));
  if (finished.length < 2) return none;

  const latency = (a: TurnView) => a.metrics?.totalLatencyMs;
  const allTimed = finished.every((a) => latency(a) !== undefined);
  const byTokens = finished.every((a) => a.metrics?.outputTokens !== undefined);
  const size = (a: TurnView) => (byTokens ? a.metrics!.outputTokens! : a.text.length);
  const minLatency = allTimed ? Math.min(...finished.map((a) => latency(a)!)) : undefined;
  const minSize = Math.min(...finished.map(size));
  return done.map((a) => ({
    fastest: !!a && minLatency !== undefined && latency(a) === minLatency,
    shortest: !!a && size(a) === minSize,
  }));
}

export interface CopiedSettings {
  options: ChatOptions;
  /** What could not be carried over as it was, in words (the target model's limits). */
  notes: string[];
}

const NUMERIC = [['temperature', 'Temperature'], ['topP', 'Top P'], ['topK', 'Top K'], ['maxTokens', 'Max tokens']] as const;

/**
 * The target column's options with every setting of the source but the model: system prompt,
 * stop sequences, streaming, sampling values and the choice within exclusive pairs. A value
 * outside the target model's range is brought inside it, and said so.
 */
export function copySettings(source: ChatOptions, target: ChatOptions, targetSpec?: ParameterSpec, targetName = 'This model'): CopiedSettings {
  const options: ChatOptions = {
    modelId: target.modelId,
    system: source.system,
    stopSequences: [...source.stopSequences],
    stream: source.stream,
    chosen: [...source.chosen],
  };
  const notes: string[] = [];
  for (const [name, label] of NUMERIC) {
    const v = source[name];
    if (v === undefined) continue;
    const s = targetSpec?.[name];
    if (!s) { options[name] = v; continue; }
    if (!s.supported) { notes.push(`${targetName} does not take ${label.toLowerCase()}.`); continue; }
    const fitted = Math.min(s.max, Math.max(s.min, v));
    if (fitted !== v) notes.push(`${label} ${v} is outside ${targetName}'s range (${s.min}–${s.max}); set to ${fitted}.`);
    options[name] = fitted;
  }
  if (targetSpec && options.stopSequences.length > targetSpec.stopSequences.max && targetSpec.stopSequences.supported) {
    notes.push(`${targetName} takes at most ${targetSpec.stopSequences.max} stop sequences; the rest are not sent.`);
  }
  return { options, notes };
}

/**
 * The model a column without one starts on: the first column takes `first` (the chat's own choice),
 * the others the first active, callable, streaming model no earlier column uses, so a fresh Compare tab
 * compares different models at once.
 */
export function columnModel(models: ReadonlyArray<{ id: string; legacy: boolean; streaming: boolean; callable?: boolean }>, taken: readonly string[], first: string): string {
  if (!taken.length && first) return first;
  const free = models.find((m) => !m.legacy && m.streaming && m.callable !== false && !taken.includes(m.id)) ?? models.find((m) => !taken.includes(m.id));
  return free?.id ?? first;
}

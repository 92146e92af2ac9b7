import type { ChatRequest, ParameterAdjustment } from './types';
import { buildInferenceRequest } from './parameters';
import { modelRules } from './families/registry';
import type { LearnedRule } from './learnedRules';

// Text models that Converse cannot chat with (Cohere Command text, AI21 Jurassic-2) are called
// through InvokeModel with their own body; the conversation becomes one prompt.

export type InvokeTextFamily = 'cohere-command-text' | 'ai21-jurassic';

/** The native body family for text models Converse does not serve (the registry's chatApi). */
export function invokeTextFamily(modelId: string): InvokeTextFamily | undefined {
  const api = modelRules({ id: modelId }).chatApi;
  if (api === 'invoke-cohere-command-text') return 'cohere-command-text';
  if (api === 'invoke-ai21-jurassic') return 'ai21-jurassic';
  return undefined;
}

/** The conversation as one prompt, in the transcript form these models were trained on. */
export function transcript(request: ChatRequest, userLabel: string, botLabel: string): string {
  const lines: string[] = [];
  if (request.system?.trim()) lines.push(request.system.trim(), '');
  if (request.messages.length === 1) return [...lines, request.messages[0]?.text ?? ''].join('\n');
  for (const turn of request.messages) lines.push(`${turn.role === 'user' ? userLabel : botLabel}: ${turn.text}`);
  lines.push(`${botLabel}:`);
  return lines.join('\n');
}

export interface InvokeTextBody {
  body: Record<string, unknown>;
  adjustments: ParameterAdjustment[];
}

export function buildInvokeTextBody(family: InvokeTextFamily, request: ChatRequest, stream: boolean, learned: readonly LearnedRule[] = []): InvokeTextBody {
  const { values: v, adjustments } = buildInferenceRequest(request.model, request.settings, learned);
  if (family === 'cohere-command-text') {
    const body: Record<string, unknown> = { prompt: transcript(request, 'User', 'Chatbot') };
    if (v.maxTokens !== undefined) body.max_tokens = v.maxTokens;
    if (v.temperature !== undefined) body.temperature = v.temperature;
    if (v.topP !== undefined) body.p = v.topP;
    if (v.topK !== undefined) body.k = v.topK;
    if (v.stopSequences?.length) body.stop_sequences = v.stopSequences;
    if (stream) body.stream = true;
    return { body, adjustments };
  }
  const body: Record<string, unknown> = { prompt: transcript(request, 'User', 'Assistant') };
  if (v.maxTokens !== undefined) body.maxTokens = v.maxTokens;
  if (v.temperature !== undefined) body.temperature = v.temperature;
  if (v.topP !== undefined) body.topP = v.topP;
  if (v.stopSequences?.length) body.stopSequences = v.stopSequences;
  return { body, adjustments };
}

export interface InvokeTextPiece {
  text?: string;
  stopReason?: string;
  inputTokens?: number;
  outputTokens?: number;
  serverLatencyMs?: number;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Bedrock appends its own metrics to the last chunk of every invoke stream. */
function invocationMetrics(o: Json, piece: InvokeTextPiece): void {
  const m = o['amazon-bedrock-invocationMetrics'];
  if (!isObj(m)) return;
  if (typeof m.inputTokenCount === 'number') piece.inputTokens = m.inputTokenCount;
  if (typeof m.outputTokenCount === 'number') piece.outputTokens = m.outputTokenCount;
  if (typeof m.invocationLatency === 'number') piece.serverLatencyMs = m.invocationLatency;
}

/** One response body or stream chunk of either family → text, stop reason, token counts. */
export function decodeInvokeText(family: InvokeTextFamily, json: unknown): InvokeTextPiece {
  const piece: InvokeTextPiece = {};
  if (!isObj(json)) return piece;
  invocationMetrics(json, piece);
  if (family === 'cohere-command-text') {
    // Stream chunks: {text, is_finished, finish_reason}; whole responses: {generations:[{text, finish_reason}]}.
    if (typeof json.text === 'string') piece.text = json.text;
    const gens = json.generations;
    if (Array.isArray(gens) && isObj(gens[0])) {
      if (typeof gens[0].text === 'string') piece.text = gens[0].text;
      if (typeof gens[0].finish_reason === 'string') piece.stopReason = gens[0].finish_reason;
    }
    if (typeof json.finish_reason === 'string') piece.stopReason = json.finish_reason;
    return piece;
  }
  const completions = json.completions;
  if (Array.isArray(completions) && isObj(completions[0])) {
    const c = completions[0];
    if (isObj(c.data) && typeof c.data.text === 'string') piece.text = c.data.text;
    if (isObj(c.finishReason) && typeof c.finishReason.reason === 'string') piece.stopReason = c.finishReason.reason;
  }
  return piece;
}

/** Cohere and AI21 name their stop reasons their own way; map them onto Converse's. */
export function normalizeStopReason(reason: string | undefined): string {
  switch ((reason ?? '').toUpperCase()) {
    case 'COMPLETE':
    case 'ENDOFTEXT':
    case 'END_TURN':
      return 'end_turn';
    case 'MAX_TOKENS':
    case 'LENGTH':
      return 'max_tokens';
    case 'STOP':
    case 'STOP_SEQUENCE':
      return 'stop_sequence';
    case 'ERROR_TOXIC':
    case 'ERROR':
      return 'content_filtered';
    case '':
      return 'end_turn';
    default:
      return reason ?? 'end_turn';
  }
}

// Deterministic markdown replies that visibly depend on the request, cut to maxTokens.
import { countTokens, hash32, splitTokens } from './tokens';

/** What a text request asked for, whatever API (Converse or a model's own body) carried it. */
export interface TextRequest {
  modelId: string;
  modelName: string;
  lastUserText: string;
  systemText?: string;
  turns: number;
  images: number;
  maxTokens: number;
  /** The sampling parameters exactly as received, for the reply to name them. */
  parameters: Record<string, unknown>;
  stopSequences: string[];
  /** Thinking budget when extended thinking / reasoning is enabled. */
  reasoningBudget?: number;
  /** The reasoning is billed but shown as "[REDACTED]" (Nova 2 Lite: Nova 2 user guide, "Reasoning capabilities"). */
  reasoningRedacted?: boolean;
  inputTokens: number;
  /** Converse cachePoint blocks: the tokens before each, and a key for its prefix (promptCache.ts). */
  cachePoints?: Array<{ tokens: number; key: string }>;
}

export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence';

export interface TextResult {
  reasoning: string[];
  tokens: string[];
  text: string;
  stopReason: StopReason;
  /** The stop sequence that ended the text, when stopReason is stop_sequence. */
  stopSequence?: string;
  outputTokens: number;
}

const FILLER = [
  'Streaming keeps the editor responsive while the answer arrives piece by piece.',
  'Each paragraph here is generated deterministically from your message, so tests can rely on it.',
  'Inference parameters shape the output of a real model; this stand-in simply reports them back.',
  'Markdown blocks that are already finished never need to be rendered again.',
  'A longer answer exercises scrolling, coalescing of deltas and the maxTokens cut.',
];

const fmt = (v: unknown): string => (v === undefined ? 'default' : typeof v === 'string' ? v : JSON.stringify(v));

export function composeReply(req: TextRequest): string {
  const quote = req.lastUserText.trim() === '' ? '> (empty message)' : req.lastUserText.split('\n').map((l) => `> ${l}`).join('\n');
  const params = Object.entries(req.parameters);
  const list = params.length === 0 ? ['- no inference parameters (model defaults)'] : params.map(([k, v]) => `- ${k}: ${fmt(v)}`);
  const words = countTokens(req.lastUserText);
  const parts = [
    `**${req.modelName}** (local stand-in for \`${req.modelId}\`) received your message:`,
    quote,
    'Parameters received:',
    [...list, `- stop sequences: ${req.stopSequences.length ? req.stopSequences.map((s) => JSON.stringify(s)).join(', ') : 'none'}`].join('\n'),
    '| Conversation | Value |\n|---|---|\n' +
      `| turns | ${req.turns} |\n| images | ${req.images} |\n| system prompt | ${req.systemText ? `${countTokens(req.systemText)} words` : 'none'} |\n| input tokens | ${req.inputTokens} |`,
    'A code block, to check highlighting:',
    '```ts\nfunction wordCount(text: string): number {\n  return text.split(/\\s+/).filter(Boolean).length; // ' + words + ' for your message\n}\n```',
  ];
  if (/\blong\b/i.test(req.lastUserText)) {
    // "long" asks for a reply that runs until maxTokens cuts it.
    const seed = hash32(req.lastUserText);
    const needed = req.maxTokens + 10;
    let n = countTokens(parts.join('\n\n'));
    for (let i = 1; n < needed; i++) {
      const p = `${i}. ${FILLER[(seed + i) % FILLER.length]} ${FILLER[(seed + 2 * i) % FILLER.length]}`;
      parts.push(p);
      n += countTokens(p);
    }
  }
  parts.push(`That is all from the stand-in for ${req.modelId}.`);
  return parts.join('\n\n');
}

function reasoningText(req: TextRequest): string {
  const gist = req.lastUserText.split(/\s+/).filter(Boolean).slice(0, 12).join(' ');
  return `The user wrote: "${gist}". I should quote the message, list the parameters I received, ` +
    'then add a table and a short code block. Keep the answer deterministic.';
}

/** Generates the reply (or `override`, from /_local/reply) and applies stop sequences and maxTokens. */
export function generateText(req: TextRequest, override?: string): TextResult {
  let reasoning: string[] = [];
  let budget = req.maxTokens;
  if (req.reasoningBudget !== undefined) {
    reasoning = splitTokens(reasoningText(req)).slice(0, Math.min(req.reasoningBudget, Math.max(0, req.maxTokens - 1)));
    budget = req.maxTokens - reasoning.length;
  }
  let text = override ?? composeReply(req);
  let stopReason: StopReason = 'end_turn';
  let cutAt = -1;
  let stopSequence: string | undefined;
  for (const s of req.stopSequences) {
    const i = s ? text.indexOf(s) : -1;
    if (i >= 0 && (cutAt < 0 || i < cutAt)) { cutAt = i; stopSequence = s; }
  }
  if (cutAt >= 0) {
    text = text.slice(0, cutAt);
    stopReason = 'stop_sequence';
  }
  let tokens = splitTokens(text);
  if (tokens.length > budget) {
    tokens = tokens.slice(0, budget);
    stopReason = 'max_tokens';
    stopSequence = undefined;
  }
  const reasoningTokens = reasoning.length;
  if (req.reasoningRedacted && reasoning.length) reasoning = ['[REDACTED]'];
  return { reasoning, tokens, text: tokens.join(''), stopReason, stopSequence, outputTokens: reasoningTokens + tokens.length };
}

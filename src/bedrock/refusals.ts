import type { LearnedRule } from './learnedRules';

// Reads a rule off a Bedrock ValidationException that names what it refuses. Each pattern follows
// a real Bedrock error text (source beside it); a refusal that matches none is not corrected, so
// an unfamiliar wording costs a visible error, never a wrong retry.

type Parsed = { kind: 'removed'; parameter: 'temperature' | 'topP' | 'topK' | 'stopSequences' } | { kind: 'exclusive'; pair: ['temperature', 'topP'] } | { kind: 'maxTokens'; limit: number } | { kind: 'noSystem' };

const WIRE_NAMES: Record<string, 'temperature' | 'topP' | 'topK' | 'stopSequences'> = {
  temperature: 'temperature', top_p: 'topP', topp: 'topP', top_k: 'topK', topk: 'topK', k: 'topK', stop_sequences: 'stopSequences', stopsequences: 'stopSequences',
};

const PATTERNS: Array<{ re: RegExp; rule: (m: RegExpExecArray) => Parsed | undefined }> = [
  // "`temperature` and `top_p` cannot both be specified for this model. Please use only one."
  // (open-webui/functions#9, aws-samples/bedrock-chat#979)
  { re: /`?temperature`? and `?top_?p`? cannot both be specified/i, rule: () => ({ kind: 'exclusive', pair: ['temperature', 'topP'] }) },
  // "`temperature` is deprecated for this model." (Opus 4.7: Comfy-Org/ComfyUI#13923, sipeed/picoclaw#2939)
  { re: /`?(temperature|top_p|top_k|topP|topK|stop_sequences)`? is deprecated for this model/i, rule: (m) => removed(m[1]!) },
  // "The maximum tokens you requested exceeds the model limit of 4096. …" (vercel/ai#2772)
  { re: /exceeds the model limit of (\d+)/i, rule: (m) => limit(m[1]!) },
  // "Malformed input request: #: extraneous key [top_k] is not permitted, …" (BerriAI/litellm#9106
  // quotes the wording): only keys we map to a parameter are corrected.
  { re: /extraneous key \[(top_k|k|temperature|top_p|stop_sequences)\] is not permitted/i, rule: (m) => removed(m[1]!) },
  // "This model doesn't support system messages." — wording not confirmed from a public source;
  // if Bedrock words it otherwise, the refusal is shown as it is, uncorrected.
  { re: /doesn't support system messages/i, rule: () => ({ kind: 'noSystem' }) },
];

function removed(wire: string): Parsed | undefined {
  const parameter = WIRE_NAMES[wire.toLowerCase()];
  return parameter ? { kind: 'removed', parameter } : undefined;
}

function limit(n: string): Parsed | undefined {
  const v = Number(n);
  return Number.isInteger(v) && v >= 1 ? { kind: 'maxTokens', limit: v } : undefined;
}

/** The SDK's ValidationException (name and message), or undefined for anything else. */
function validationMessage(err: unknown): string | undefined {
  if (!(err instanceof Error)) return undefined;
  return err.name === 'ValidationException' ? err.message : undefined;
}

/** The rule a refusal teaches, or undefined when it names nothing we can correct. */
export function ruleFromRefusal(err: unknown, now: Date = new Date()): LearnedRule | undefined {
  const message = validationMessage(err);
  if (!message) return undefined;
  for (const { re, rule } of PATTERNS) {
    const m = re.exec(message);
    const parsed = m ? rule(m) : undefined;
    if (parsed) return { ...parsed, evidence: message.slice(0, 300), learnedAt: now.toISOString() };
  }
  return undefined;
}

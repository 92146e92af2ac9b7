// The stand-in's guardrails: a fixed table, and the check Bedrock runs for ApplyGuardrail and for
// Converse's guardrailConfig. Shapes from the Bedrock API reference (API_GuardrailSummary,
// API_runtime_ApplyGuardrail, API_runtime_GuardrailAssessment, API_runtime_GuardrailTraceAssessment)
// and the SDK's types. Matching is deliberately simple (fixed word lists, an e-mail regex): a real
// guardrail uses classifiers; what is copied here is Bedrock's request and response behaviour.
import { BedrockError, validation } from './errors';

export interface StandInGuardrail {
  id: string;
  name: string;
  description: string;
  /** Published versions; DRAFT always exists. */
  versions: string[];
  /** Denied topics: a topic is detected when any of its cue words occurs. */
  topics: { name: string; cues: string[] }[];
  /** Word filter: custom words, blocked. */
  words: string[];
  /** Sensitive information: e-mail addresses masked as {EMAIL}. */
  maskEmail: boolean;
  /** blockedInputMessaging / blockedOutputsMessaging (API_CreateGuardrail); these are the console's default texts. */
  blockedInput: string;
  blockedOutput: string;
}

const BLOCKED_DEFAULT = 'Sorry, the model cannot answer this question.';

export const GUARDRAILS: StandInGuardrail[] = [
  {
    id: 'gr1topicword',
    name: 'No investment advice',
    description: 'Denies the topic Investment advice and blocks the words of a fixed list.',
    versions: ['1', '2'],
    topics: [{ name: 'Investment advice', cues: ['invest', 'investing', 'investment', 'stocks', 'portfolio', 'crypto'] }],
    words: ['pineapple', 'sneaky'],
    maskEmail: false,
    blockedInput: BLOCKED_DEFAULT,
    blockedOutput: BLOCKED_DEFAULT,
  },
  {
    id: 'gr2emailmask',
    name: 'Mask e-mail addresses',
    description: 'Masks e-mail addresses in prompts and answers.',
    versions: ['1'],
    topics: [],
    words: [],
    maskEmail: true,
    blockedInput: BLOCKED_DEFAULT,
    blockedOutput: BLOCKED_DEFAULT,
  },
];

const CREATED = '2026-10-01T09:00:00Z';
const ACCOUNT = '123456789012';

export const guardrailArn = (g: StandInGuardrail, region: string): string => `arn:aws:bedrock:${region}:${ACCOUNT}:guardrail/${g.id}`;

/** Accepts an id or an ARN, as Bedrock does (API_runtime_GuardrailConfiguration's pattern). */
export function findGuardrail(identifier: string): StandInGuardrail | undefined {
  const id = /^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:\d{12}:guardrail\/([a-z0-9]+)$/.exec(identifier)?.[2] ?? identifier;
  return GUARDRAILS.find((g) => g.id === id);
}

/**
 * Bedrock's answer to an unknown guardrail id or version on Converse and ApplyGuardrail: a
 * ValidationException with this text, quoted from real responses in public repositories' notes.
 */
export const UNKNOWN_GUARDRAIL = 'The guardrail identifier or version provided in the request does not exist.';

/** The guardrail and version of a runtime call; Bedrock's ValidationException when either is unknown. */
export function resolveGuardrail(identifier: unknown, version: unknown): { g: StandInGuardrail; version: string } {
  if (typeof identifier !== 'string' || typeof version !== 'string') throw validation(UNKNOWN_GUARDRAIL);
  // Version pattern (([1-9][0-9]{0,7})|(DRAFT)): API_runtime_GuardrailConfiguration.
  if (!/^([1-9]\d{0,7}|DRAFT)$/.test(version)) {
    throw validation(`1 validation error detected: Value '${version}' at 'guardrailVersion' failed to satisfy constraint: Member must satisfy regular expression pattern: (([1-9][0-9]{0,7})|(DRAFT))`);
  }
  const g = findGuardrail(identifier);
  if (!g || (version !== 'DRAFT' && !g.versions.includes(version))) throw validation(UNKNOWN_GUARDRAIL);
  return { g, version };
}

/** ListGuardrails (control plane, GET /guardrails): every DRAFT, or one guardrail's versions. */
export function listGuardrails(query: URLSearchParams, region: string): unknown {
  const summary = (g: StandInGuardrail, version: string) => ({
    id: g.id, arn: guardrailArn(g, region), status: 'READY', name: g.name, description: g.description, version, createdAt: CREATED, updatedAt: CREATED,
  });
  const identifier = query.get('guardrailIdentifier');
  if (identifier) {
    const g = findGuardrail(identifier);
    // Source not found for the exact text of this 404; the code (ResourceNotFoundException) is in API_ListGuardrails' errors.
    if (!g) throw new BedrockError('ResourceNotFoundException', `Guardrail ${identifier} not found.`);
    return { guardrails: ['DRAFT', ...g.versions].map((v) => summary(g, v)) };
  }
  return { guardrails: GUARDRAILS.map((g) => summary(g, 'DRAFT')) };
}

export interface Check {
  intervened: boolean;
  blocked: boolean;
  /** The assessment (API_runtime_GuardrailAssessment), only the policies that found something. */
  assessment: Record<string, unknown>;
  /** The text with masked parts replaced ({EMAIL}), when something was masked. */
  masked?: string;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/** Runs the guardrail's policies over a text. */
export function check(g: StandInGuardrail, text: string): Check {
  const lower = text.toLowerCase();
  const wordsIn = (list: string[]) => list.filter((w) => new RegExp(`\\b${w}\\b`, 'i').test(lower));
  const assessment: Record<string, unknown> = {};
  let blocked = false;
  const topics = g.topics.filter((t) => wordsIn(t.cues).length > 0);
  if (topics.length) {
    blocked = true;
    assessment.topicPolicy = { topics: topics.map((t) => ({ name: t.name, type: 'DENY', action: 'BLOCKED', detected: true })) };
  }
  const words = wordsIn(g.words);
  if (words.length) {
    blocked = true;
    assessment.wordPolicy = { customWords: words.map((w) => ({ match: w, action: 'BLOCKED', detected: true })), managedWordLists: [] };
  }
  let masked: string | undefined;
  if (g.maskEmail) {
    const found = text.match(EMAIL) ?? [];
    if (found.length) {
      // Bedrock masks with the entity type in braces ({EMAIL}): Bedrock user guide, "Remove PII from conversations by using sensitive information filters".
      masked = text.replace(EMAIL, '{EMAIL}');
      assessment.sensitiveInformationPolicy = { piiEntities: found.map((m) => ({ match: m, type: 'EMAIL', action: 'ANONYMIZED', detected: true })), regexes: [] };
    }
  }
  const length = text.length;
  assessment.invocationMetrics = {
    guardrailProcessingLatency: 1,
    usage: usage(g, length),
    guardrailCoverage: { textCharacters: { guarded: length, total: length } },
  };
  return { intervened: blocked || masked !== undefined, blocked, assessment, ...(masked !== undefined && !blocked ? { masked } : {}) };
}

/** GuardrailUsage: text units are 1,000 characters each (Amazon Bedrock pricing, "Guardrails"). */
export function usage(g: StandInGuardrail, chars: number): Record<string, number> {
  const units = Math.max(1, Math.ceil(chars / 1000));
  return {
    topicPolicyUnits: g.topics.length ? units : 0, contentPolicyUnits: 0, wordPolicyUnits: g.words.length ? units : 0,
    sensitiveInformationPolicyUnits: g.maskEmail ? units : 0, sensitiveInformationPolicyFreeUnits: 0, contextualGroundingPolicyUnits: 0,
  };
}

import type { ParameterName, ParameterSpec } from './types';
import { baseModelId } from './families/modelId';

// Rules Bedrock taught us about one model by refusing a request (refusals.ts reads them off the
// error). Kept per model id (profile prefixes looked through), applied over the registry's rules,
// shown in the model's details, and forgettable. The store persists through the host's callback.

interface Learned {
  /** Bedrock's own words, as it refused. */
  evidence: string;
  /** ISO date and time it was learned. */
  learnedAt: string;
}

export type LearnedRule = Learned & (
  | { kind: 'removed'; parameter: Exclude<ParameterName, 'maxTokens'> }
  | { kind: 'exclusive'; pair: ['temperature', 'topP'] }
  | { kind: 'maxTokens'; limit: number }
  | { kind: 'noSystem' }
);

const LABEL: Record<ParameterName, string> = { temperature: 'temperature', topP: 'top P', topK: 'top K', maxTokens: 'max tokens', stopSequences: 'stop sequences' };

export function ruleKey(modelId: string): string {
  return baseModelId(modelId);
}

/** How requests change under the rule, to follow "sent …" ("without temperature"). */
export function describeRule(rule: LearnedRule): string {
  switch (rule.kind) {
    case 'removed': return `without ${LABEL[rule.parameter]}`;
    case 'exclusive': return 'without top P when temperature is set (the model refuses both)';
    case 'maxTokens': return `with max tokens at most ${rule.limit}`;
    case 'noSystem': return 'with the system prompt at the head of the first message';
  }
}

function sameRule(a: LearnedRule, b: LearnedRule): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'removed' && b.kind === 'removed') return a.parameter === b.parameter;
  return a.kind !== 'maxTokens' || (b.kind === 'maxTokens' && a.limit === b.limit);
}

/** Adds `rule` unless an equal one is there (a newer limit replaces an older one). */
export function withRule(rules: readonly LearnedRule[], rule: LearnedRule): LearnedRule[] {
  const kept = rules.filter((r) => !sameRule(r, rule) && !(rule.kind === 'maxTokens' && r.kind === 'maxTokens'));
  return [...kept, rule];
}

const learnedNote = (rule: LearnedRule): string => `Bedrock refused it for this model on ${rule.learnedAt.slice(0, 10)} ("${rule.evidence}"). Remembered; forget it in the model's details.`;

/** The registry's spec with what Bedrock taught us on top. */
export function applyLearned(spec: ParameterSpec, rules: readonly LearnedRule[]): ParameterSpec {
  if (rules.length === 0) return spec;
  const out: ParameterSpec = { ...spec, exclusive: [...spec.exclusive] };
  for (const rule of rules) {
    switch (rule.kind) {
      case 'removed':
        if (rule.parameter === 'stopSequences') out.stopSequences = { ...out.stopSequences, supported: false, reason: learnedNote(rule) };
        else out[rule.parameter] = { ...out[rule.parameter], supported: false, reason: learnedNote(rule) };
        break;
      case 'exclusive':
        if (!out.exclusive.some(([a, b]) => a === 'temperature' && b === 'topP')) out.exclusive.push(['temperature', 'topP']);
        break;
      case 'maxTokens': {
        const m = out.maxTokens;
        const max = Math.max(m.min, Math.min(m.max, rule.limit));
        out.maxTokens = { ...m, max, default: Math.min(m.default, max), note: `At most ${max}: ${learnedNote(rule)}` };
        break;
      }
      case 'noSystem':
        out.systemPrompt = { supported: false, fold: true, reason: `Sent at the head of the first message. ${learnedNote(rule)}` };
        break;
    }
  }
  return out;
}

/** Where learned rules live; the extension persists them across sessions. */
export interface LearnedRuleStore {
  get(modelId: string): readonly LearnedRule[];
  add(modelId: string, rule: LearnedRule): void;
  forget(modelId: string): void;
  /** Every model with rules, by key. */
  all(): Readonly<Record<string, readonly LearnedRule[]>>;
  /** Called after each change (the playground re-reads each model's parameters). */
  onDidChange(listener: () => void): { dispose(): void };
}

/** In memory; `save` (when given) is called with the whole table after each change. */
export class LearnedRules implements LearnedRuleStore {
  private table: Record<string, LearnedRule[]>;
  private readonly listeners = new Set<() => void>();

  constructor(initial: Readonly<Record<string, readonly LearnedRule[]>> = {}, private readonly save?: (table: Record<string, LearnedRule[]>) => void) {
    this.table = {};
    for (const [k, v] of Object.entries(initial)) if (Array.isArray(v)) this.table[k] = v.filter(isLearnedRule);
  }

  get(modelId: string): readonly LearnedRule[] {
    return this.table[ruleKey(modelId)] ?? [];
  }

  add(modelId: string, rule: LearnedRule): void {
    const key = ruleKey(modelId);
    this.table[key] = withRule(this.table[key] ?? [], rule);
    this.changed();
  }

  forget(modelId: string): void {
    delete this.table[ruleKey(modelId)];
    this.changed();
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private changed(): void {
    this.save?.(this.table);
    // A failing listener must not stop the others, nor the chat that taught the rule.
    for (const l of [...this.listeners]) {
      try {
        l();
      } catch {
        /* the listener logs its own failures */
      }
    }
  }

  all(): Readonly<Record<string, readonly LearnedRule[]>> {
    return this.table;
  }
}

/** What was stored by an earlier version (or edited by hand) is read only when it is a rule. */
export function isLearnedRule(v: unknown): v is LearnedRule {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  if (typeof r.evidence !== 'string' || typeof r.learnedAt !== 'string') return false;
  switch (r.kind) {
    case 'removed': return r.parameter === 'temperature' || r.parameter === 'topP' || r.parameter === 'topK' || r.parameter === 'stopSequences';
    case 'exclusive': return true;
    case 'maxTokens': return typeof r.limit === 'number' && Number.isInteger(r.limit) && r.limit >= 1;
    case 'noSystem': return true;
    default: return false;
  }
}

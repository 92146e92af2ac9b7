import type { GuardrailAssessment, GuardrailTraceAssessment } from '@aws-sdk/client-bedrock-runtime';
import type { GuardrailFinding, GuardrailOutcome, GuardrailRef } from './types';

// A guardrail's assessment in plain words: which policy (denied topic, content filter, word
// filter, sensitive information, contextual grounding), what it matched, and what it did.
// Shapes: GuardrailAssessment and GuardrailTraceAssessment of the Bedrock Runtime API reference
// (API_runtime_GuardrailAssessment, API_runtime_GuardrailTraceAssessment). The text returned is
// plain text: callers show it as text, never as HTML (it holds words from the user's prompt).

/** PII entity types (API_runtime_GuardrailPiiEntityFilter) in words; others are shown as Bedrock names them. */
const PII_WORDS: Record<string, string> = {
  EMAIL: 'e-mail address', PHONE: 'phone number', NAME: 'name', ADDRESS: 'address', AGE: 'age', USERNAME: 'user name',
  PASSWORD: 'password', IP_ADDRESS: 'IP address', URL: 'URL', CREDIT_DEBIT_CARD_NUMBER: 'card number',
  CREDIT_DEBIT_CARD_CVV: 'card CVV', CREDIT_DEBIT_CARD_EXPIRY: 'card expiry date', PIN: 'PIN',
  US_SOCIAL_SECURITY_NUMBER: 'US social security number', US_BANK_ACCOUNT_NUMBER: 'US bank account number',
  US_PASSPORT_NUMBER: 'US passport number', DRIVER_ID: "driver's licence number", AWS_ACCESS_KEY: 'AWS access key',
  AWS_SECRET_KEY: 'AWS secret key', INTERNATIONAL_BANK_ACCOUNT_NUMBER: 'IBAN', SWIFT_CODE: 'SWIFT code', LICENSE_PLATE: 'licence plate',
};

const CONTENT_WORDS: Record<string, string> = {
  HATE: 'hate', INSULTS: 'insults', SEXUAL: 'sexual content', VIOLENCE: 'violence', MISCONDUCT: 'misconduct', PROMPT_ATTACK: 'prompt attack',
};

const quote = (s: string | undefined): string => `'${(s ?? '').replace(/\s+/g, ' ').trim().slice(0, 200)}'`;

/** A filter counts when it acted, or when it detected something in detect-only mode (action NONE, detected true). */
const counts = (f: { action?: string | undefined; detected?: boolean | undefined }): boolean => (f.action !== undefined && f.action !== 'NONE') || f.detected === true;

/** Every finding of one assessment, in policy order. */
export function assessmentFindings(a: GuardrailAssessment, source: GuardrailFinding['source']): GuardrailFinding[] {
  const out: GuardrailFinding[] = [];
  const add = (policy: GuardrailFinding['policy'], what: string, action: string | undefined) => out.push({ policy, what, action: action ?? 'NONE', source });
  for (const t of a.topicPolicy?.topics ?? []) if (counts(t)) add('topic', `denied topic ${quote(t.name)}`, t.action);
  for (const f of a.contentPolicy?.filters ?? []) {
    if (!counts(f)) continue;
    const kind = CONTENT_WORDS[f.type ?? ''] ?? String(f.type ?? 'content').toLowerCase();
    add('content', `content filter: ${kind}${f.confidence ? ` (${String(f.confidence).toLowerCase()} confidence)` : ''}`, f.action);
  }
  for (const w of a.wordPolicy?.customWords ?? []) if (counts(w)) add('word', `word ${quote(w.match)}`, w.action);
  for (const w of a.wordPolicy?.managedWordLists ?? []) if (counts(w)) add('word', `${String(w.type ?? 'managed').toLowerCase()} word ${quote(w.match)}`, w.action);
  for (const p of a.sensitiveInformationPolicy?.piiEntities ?? []) {
    if (counts(p)) add('sensitiveInformation', `${PII_WORDS[p.type ?? ''] ?? String(p.type)} (${String(p.type)})`, p.action);
  }
  for (const r of a.sensitiveInformationPolicy?.regexes ?? []) if (counts(r)) add('sensitiveInformation', `pattern ${quote(r.name ?? r.regex)}`, r.action);
  for (const g of a.contextualGroundingPolicy?.filters ?? []) {
    if (!counts(g)) continue;
    const kind = g.type === 'RELEVANCE' ? 'relevance' : 'grounding';
    add('contextualGrounding', `contextual ${kind} score ${g.score ?? '?'} below the threshold ${g.threshold ?? '?'}`, g.action);
  }
  const ar = a.automatedReasoningPolicy?.findings?.length ?? 0;
  if (ar > 0) add('automatedReasoning', `automated reasoning: ${ar} finding${ar === 1 ? '' : 's'}`, 'NONE');
  return out;
}

/** The findings of a Converse trace (input assessment first, then the output assessments). */
export function traceFindings(trace: GuardrailTraceAssessment | undefined): GuardrailFinding[] {
  if (!trace) return [];
  const out: GuardrailFinding[] = [];
  for (const a of Object.values(trace.inputAssessment ?? {})) out.push(...assessmentFindings(a, 'input'));
  for (const list of Object.values(trace.outputAssessments ?? {})) for (const a of list) out.push(...assessmentFindings(a, 'output'));
  return out;
}

const VERBS: Record<string, string> = { BLOCKED: 'blocked', ANONYMIZED: 'masked' };

/**
 * One sentence: "Guardrail 'x' (version 1) blocked the prompt: denied topic 'Investment advice'".
 * Findings are grouped by what was done to which side, strongest (blocked) first.
 */
export function outcomeSummary(guardrail: GuardrailRef, intervened: boolean, findings: readonly GuardrailFinding[]): string {
  const who = `Guardrail ${quote(guardrail.name ?? guardrail.id)} (version ${guardrail.version})`;
  const acted = findings.filter((f) => f.action !== 'NONE');
  if (acted.length === 0) {
    if (findings.length) return `${who} detected, without acting: ${findings.map((f) => f.what).join('; ')}.`;
    return intervened ? `${who} intervened.` : `${who} found nothing to act on.`;
  }
  const groups = new Map<string, string[]>();
  for (const f of [...acted].sort((x, y) => rank(x.action) - rank(y.action))) {
    const key = `${VERBS[f.action] ?? `acted (${f.action}) on`} the ${f.source === 'input' ? 'prompt' : 'answer'}`;
    const list = groups.get(key) ?? [];
    if (!list.includes(f.what)) list.push(f.what);
    groups.set(key, list);
  }
  return `${who} ${[...groups].map(([k, v]) => `${k}: ${v.join(', ')}`).join('; ')}.`;
}

function rank(action: string): number {
  return action === 'BLOCKED' ? 0 : action === 'ANONYMIZED' ? 1 : 2;
}

/** The outcome of one turn from Converse's stopReason and trace; undefined when the guardrail found nothing. */
export function traceOutcome(guardrail: GuardrailRef, stopReason: string | undefined, trace: GuardrailTraceAssessment | undefined): GuardrailOutcome | undefined {
  const intervened = stopReason === 'guardrail_intervened';
  const findings = traceFindings(trace);
  if (!intervened && findings.length === 0) return undefined;
  return { guardrail, intervened, summary: outcomeSummary(guardrail, intervened, findings), findings };
}

// ApplyGuardrail, and Converse/ConverseStream with guardrailConfig, for the stand-in guardrails.
// Behaviour from the Bedrock user guide ("Use a guardrail with the Converse API", "Use the
// ApplyGuardrail API in your application") and the API reference shapes: when the prompt is
// blocked the model is not called and the answer is the guardrail's blockedInputMessaging, with
// stopReason guardrail_intervened; a blocked answer is replaced by blockedOutputsMessaging; masked
// text ({EMAIL}) replaces the original; the trace (trace: enabled) carries inputAssessment keyed
// by guardrail id and outputAssessments (a list per guardrail id), and modelOutput when the
// answer was changed.
import { sendJson, validation } from './errors';
import { check, resolveGuardrail, usage, type StandInGuardrail } from './guardrails';
import type { Exchange } from './transport';
import type { TextRequest, TextResult } from './textReply';
import { countTokens, splitTokens } from './tokens';

type Json = Record<string, unknown>;

/** POST /guardrail/{id}/version/{v}/apply */
export function applyGuardrail(ex: Exchange, identifier: string, version: string, body: Json): void {
  const { g } = resolveGuardrail(identifier, version);
  const source = body.source;
  if (source !== 'INPUT' && source !== 'OUTPUT') throw validation(`1 validation error detected: Value '${String(source)}' at 'source' failed to satisfy constraint: Member must satisfy enum value set: [INPUT, OUTPUT]`);
  if (!Array.isArray(body.content) || body.content.length === 0) throw validation("1 validation error detected: Value null at 'content' failed to satisfy constraint: Member must not be null");
  const text = body.content.map((c) => ((c as { text?: { text?: unknown } }).text?.text)).filter((t): t is string => typeof t === 'string').join('\n');
  const c = check(g, text);
  const outputs = !c.intervened ? [] : c.blocked ? [{ text: source === 'INPUT' ? g.blockedInput : g.blockedOutput }] : [{ text: c.masked ?? text }];
  sendJson(ex, 200, {
    usage: usage(g, text.length),
    action: c.intervened ? 'GUARDRAIL_INTERVENED' : 'NONE',
    // actionReason is optional and its wording is not documented (source not found): not sent.
    outputs,
    assessments: [c.assessment],
    guardrailCoverage: { textCharacters: { guarded: text.length, total: text.length } },
  });
}

export interface GuardedResult extends Omit<TextResult, 'stopReason'> {
  stopReason: string;
  /** ConverseTrace / ConverseStreamTrace, when trace is enabled. */
  trace?: { guardrail: Json };
}

function userTexts(body: Json): string {
  const out: string[] = [];
  for (const m of Array.isArray(body.messages) ? body.messages : []) {
    const msg = m as { role?: unknown; content?: unknown };
    if (msg.role !== 'user' || !Array.isArray(msg.content)) continue;
    for (const b of msg.content) if (typeof (b as { text?: unknown }).text === 'string') out.push((b as { text: string }).text);
  }
  return out.join('\n');
}

function fixed(text: string, reasoning: string[] = []): Omit<GuardedResult, 'stopReason'> {
  const tokens = splitTokens(text);
  return { reasoning, tokens, text, outputTokens: countTokens(text) };
}

/**
 * The answer of a Converse call: generated as usual when there is no guardrailConfig; otherwise
 * the prompt is checked first (blocked: the model is not called), then the answer.
 */
export function guardedReply(body: Json, req: TextRequest, generate: (req: TextRequest) => TextResult): GuardedResult {
  const config = body.guardrailConfig as Json | undefined;
  if (config === undefined) return generate(req);
  const { g } = resolveGuardrail(config.guardrailIdentifier, config.guardrailVersion);
  const traceOn = config.trace === 'enabled' || config.trace === 'enabled_full';
  const input = check(g, userTexts(body));
  const inputAssessment = { [g.id]: input.assessment };
  const withTrace = (r: Omit<GuardedResult, 'trace'>, guardrail: Json): GuardedResult => (traceOn ? { ...r, trace: { guardrail } } : r);
  if (input.blocked) return withTrace({ ...fixed(g.blockedInput), stopReason: 'guardrail_intervened' }, { inputAssessment });
  const prompt = input.masked !== undefined ? { ...req, lastUserText: maskLast(g, req.lastUserText) } : req;
  const result = generate(prompt);
  const output = check(g, result.text);
  const outputAssessments = { [g.id]: [output.assessment] };
  if (!output.intervened) return withTrace(result, { inputAssessment, outputAssessments });
  const replaced = output.blocked ? g.blockedOutput : output.masked ?? result.text;
  return withTrace({ ...fixed(replaced, result.reasoning), stopReason: 'guardrail_intervened' }, { modelOutput: [result.text], inputAssessment, outputAssessments });
}

function maskLast(g: StandInGuardrail, text: string): string {
  return check(g, text).masked ?? text;
}

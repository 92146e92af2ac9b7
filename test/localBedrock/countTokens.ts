// CountTokens: POST /model/{modelId}/count-tokens with `{input: {converse: {...}} | {invokeModel: {body}}}`
// (the SDK's CountTokens operation and its serializer; AWS API reference, CountTokens). Answers
// `{inputTokens}` by the stand-in's token rule, the same count Converse would report.
import { sendJson, validation } from './errors';
import { parseConverse, malformed } from './converseRequest';
import { findModel } from './models';
import type { OperationContext } from './operation';
import { countTokens } from './tokens';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Models that count tokens: AWS user guide, "Monitor your token usage by counting tokens before running
 * inference" (Claude 3.5 Haiku, 3.5 Sonnet, 3.5 Sonnet v2, 3.7 Sonnet, Opus 4, Sonnet 4), by their bare
 * foundation-model id. Inference-profile ids are refused with the same text (alchemy.run's CountTokens
 * binding page, which also quotes the refusal "The provided model doesn't support counting tokens").
 */
const COUNTS = new Set([
  'anthropic.claude-3-5-sonnet-20240620-v1:0',
  'anthropic.claude-3-5-sonnet-20241022-v2:0',
  'anthropic.claude-3-7-sonnet-20250219-v1:0',
]);

export async function countTokensOperation(ctx: OperationContext): Promise<void> {
  const id = ctx.modelId;
  if (!COUNTS.has(id)) throw validation("The provided model doesn't support counting tokens.");
  const body = ctx.json();
  const input = isObj(body.input) ? body.input : undefined;
  // CountTokensInput is a union: exactly one of converse / invokeModel (SDK model). Wording: source not found.
  if (!input || (input.converse === undefined) === (input.invokeModel === undefined)) {
    throw malformed('#/input: exactly one of [converse, invokeModel] is required');
  }
  const model = findModel(id)!;
  let inputTokens: number;
  if (isObj(input.converse)) {
    // The converse member takes messages, system, toolConfig and additionalModelRequestFields (SDK model,
    // ConverseTokensRequest); they are checked as Converse checks them.
    inputTokens = parseConverse(model, { ...input.converse, messages: input.converse.messages }).inputTokens;
  } else {
    const raw = isObj(input.invokeModel) ? input.invokeModel.body : undefined;
    if (typeof raw !== 'string') throw malformed('#/input/invokeModel/body: expected type: String');
    // The body is a blob, sent base64-encoded in the JSON (the SDK's serializer).
    inputTokens = countTokens(Buffer.from(raw, 'base64').toString('utf8'));
  }
  sendJson(ctx.ex, 200, { inputTokens });
}

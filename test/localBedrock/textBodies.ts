// Each text family's own InvokeModel body → the generator's TextRequest, validated like Bedrock.
// Keys and ranges are those of each model's parameter page in the AWS user guide. Re-checked for this
// stand-in: Titan Text (temperature and topP 0–1, maxTokenCount ≤ 8192 for Express), Cohere Command
// (temperature 0–5, num_generations 1–5, max_tokens ≤ 4096); the rest were not re-checked (Llama's
// max_gen_len ≤ 2048 is marked unverified in the project's notes). Refusals use Bedrock's schema wording (malformed()).
import { BodyCheck, isObj, type Json } from './bodyCheck';
import { IMAGE_TOKENS, malformed } from './converseRequest';
import { validation } from './errors';
import { checkSampling, checkTitanStops } from './modelRules';
import type { StandInModel } from './models';
import type { TextRequest } from './textReply';
import { countTokens } from './tokens';

interface Turn { role: string; text: string; images: number }

function request(model: StandInModel, turns: Turn[], systemText: string | undefined, maxTokens: number, params: Record<string, unknown>, stopSequences: string[], reasoningBudget?: number): TextRequest {
  for (const k of Object.keys(params)) if (params[k] === undefined) delete params[k];
  const images = turns.reduce((n, t) => n + t.images, 0);
  // InvokeModel: the wording for an image sent to a text-only model there: source not found.
  if (images > 0 && !model.inputModalities.includes('IMAGE')) {
    throw validation("This model doesn't support the image content block that you provided. Try again with a supported content block.");
  }
  const lastUser = [...turns].reverse().find((t) => t.role === 'user');
  return {
    modelId: model.modelId, modelName: model.modelName, lastUserText: lastUser?.text ?? '', systemText, turns: turns.length, images,
    maxTokens, parameters: params, stopSequences, reasoningBudget,
    inputTokens: turns.reduce((n, t) => n + countTokens(t.text) + t.images * IMAGE_TOKENS, 0) + countTokens(systemText ?? ''),
  };
}

const limitOf = (m: StandInModel): number => m.maxTokens ?? 4096;

/** Messages in the Anthropic / Nova / Jamba shapes: string content or a list of typed blocks. */
function turnsOf(messages: unknown[]): Turn[] {
  return messages.map((m, i) => {
    if (!isObj(m) || typeof m.role !== 'string') throw malformed(`#/messages/${i}: required key [role] not found`);
    const c = m.content;
    if (typeof c === 'string') return { role: m.role, text: c, images: 0 };
    if (!Array.isArray(c)) throw malformed(`#/messages/${i}: required key [content] not found`);
    let text = '';
    let images = 0;
    for (const b of c) {
      if (!isObj(b)) continue;
      if (typeof b.text === 'string') text += (text ? '\n' : '') + b.text;
      if (b.type === 'image' || b.image !== undefined) images++;
    }
    return { role: m.role, text, images };
  });
}

function claude(model: StandInModel, b: BodyCheck): TextRequest {
  b.only(['anthropic_version', 'anthropic_beta', 'max_tokens', 'messages', 'system', 'temperature', 'top_p', 'top_k', 'stop_sequences', 'thinking', 'tools', 'tool_choice', 'metadata']);
  b.string('anthropic_version', { required: true });
  const maxTokens = b.number('max_tokens', 1, model.invokeMaxTokens ?? limitOf(model), { integer: true, required: true })!;
  const turns = turnsOf(b.array('messages', { required: true, minItems: 1 }));
  const sys = b.body.system;
  const systemText = typeof sys === 'string' ? sys : Array.isArray(sys) ? sys.map((s) => (isObj(s) && typeof s.text === 'string' ? s.text : '')).join('\n') : undefined;
  const params = { temperature: b.number('temperature', 0, 1), top_p: b.number('top_p', 0, 1), top_k: b.number('top_k', 0, 500, { integer: true }) };
  checkSampling(model, 'invoke', { temperature: params.temperature, topP: params.top_p, topK: params.top_k });
  let budget: number | undefined;
  if (b.body.thinking !== undefined) {
    if (!model.reasoning) throw malformed('#: extraneous key [thinking] is not permitted');
    const t = b.object('thinking');
    if (t.oneOf('type', ['enabled', 'disabled'], { required: true }) === 'enabled') budget = t.number('budget_tokens', 1024, maxTokens - 1, { integer: true, required: true });
  }
  // A max_tokens above the model's limit but within invokeMaxTokens is accepted and the reply stops at the limit.
  return request(model, turns, systemText, Math.min(maxTokens, limitOf(model)), params, b.strings('stop_sequences', 8191), budget);
}

function nova(model: StandInModel, b: BodyCheck): TextRequest {
  b.only(['schemaVersion', 'messages', 'system', 'inferenceConfig', 'toolConfig']);
  const turns = turnsOf(b.array('messages', { required: true, minItems: 1 }));
  const sys = b.array('system');
  const systemText = sys.length ? sys.map((s) => (isObj(s) && typeof s.text === 'string' ? s.text : '')).join('\n') : undefined;
  const cfg = b.object('inferenceConfig').only(['max_new_tokens', 'maxTokens', 'temperature', 'top_p', 'topP', 'top_k', 'topK', 'stopSequences']);
  const max = cfg.number('max_new_tokens', 1, limitOf(model), { integer: true }) ?? cfg.number('maxTokens', 1, limitOf(model), { integer: true });
  const params = {
    max_new_tokens: max, temperature: cfg.number('temperature', 0, 1),
    top_p: cfg.number('top_p', 0, 1) ?? cfg.number('topP', 0, 1), top_k: cfg.number('top_k', 0, 128, { integer: true }) ?? cfg.number('topK', 0, 128, { integer: true }),
  };
  return request(model, turns, systemText, max ?? Math.min(limitOf(model), 5000), params, cfg.strings('stopSequences', 4));
}

function titanText(model: StandInModel, b: BodyCheck): TextRequest {
  b.only(['inputText', 'textGenerationConfig']);
  const text = b.string('inputText', { required: true, minLength: 1, maxLength: 50000 })!;
  const cfg = b.object('textGenerationConfig').only(['maxTokenCount', 'temperature', 'topP', 'stopSequences']);
  const max = cfg.number('maxTokenCount', 0, limitOf(model), { integer: true });
  const params = { maxTokenCount: max, temperature: cfg.number('temperature', 0, 1), topP: cfg.number('topP', 0, 1) };
  const stops = cfg.strings('stopSequences');
  checkTitanStops(stops);
  return request(model, [{ role: 'user', text, images: 0 }], undefined, max ?? 512, params, stops);
}

function llama(model: StandInModel, b: BodyCheck): TextRequest {
  b.only(['prompt', 'temperature', 'top_p', 'max_gen_len', 'images']);
  const prompt = b.string('prompt', { required: true, minLength: 1 })!;
  const max = b.number('max_gen_len', 1, limitOf(model), { integer: true });
  const params = { temperature: b.number('temperature', 0, 1), top_p: b.number('top_p', 0, 1), max_gen_len: max };
  return request(model, [{ role: 'user', text: prompt, images: b.array('images').length }], undefined, max ?? 512, params, []);
}

function mistral(model: StandInModel, b: BodyCheck): TextRequest {
  b.only(model.noTopK ? ['prompt', 'max_tokens', 'stop', 'temperature', 'top_p'] : ['prompt', 'max_tokens', 'stop', 'temperature', 'top_p', 'top_k']);
  const prompt = b.string('prompt', { required: true, minLength: 1 })!;
  const max = b.number('max_tokens', 1, limitOf(model), { integer: true });
  const params = { max_tokens: max, temperature: b.number('temperature', 0, 1), top_p: b.number('top_p', 0, 1), top_k: model.noTopK ? undefined : b.number('top_k', 1, 200, { integer: true }) };
  return request(model, [{ role: 'user', text: prompt, images: 0 }], undefined, max ?? 512, params, b.strings('stop', 10));
}

function cohereR(model: StandInModel, b: BodyCheck): TextRequest {
  b.only(['message', 'chat_history', 'preamble', 'documents', 'search_queries_only', 'max_tokens', 'temperature', 'p', 'k', 'prompt_truncation', 'frequency_penalty', 'presence_penalty', 'seed', 'return_prompt', 'tools', 'tool_results', 'stop_sequences', 'raw_prompting']);
  const message = b.string('message', { required: true })!;
  const history = b.array('chat_history').map((h) => (isObj(h) ? { role: h.role === 'CHATBOT' ? 'assistant' : 'user', text: String(h.message ?? ''), images: 0 } : { role: 'user', text: '', images: 0 }));
  const max = b.number('max_tokens', 1, limitOf(model), { integer: true });
  const params = { max_tokens: max, temperature: b.number('temperature', 0, 1), p: b.number('p', 0.01, 0.99), k: b.number('k', 0, 500, { integer: true }) };
  return request(model, [...history, { role: 'user', text: message, images: 0 }], b.string('preamble'), max ?? 512, params, b.strings('stop_sequences', 4));
}

function cohereText(model: StandInModel, b: BodyCheck): TextRequest {
  b.only(['prompt', 'temperature', 'p', 'k', 'max_tokens', 'stop_sequences', 'return_likelihoods', 'stream', 'num_generations', 'logit_bias', 'truncate']);
  const prompt = b.string('prompt', { required: true, minLength: 1 })!;
  const max = b.number('max_tokens', 1, limitOf(model), { integer: true });
  const params = { max_tokens: max, temperature: b.number('temperature', 0, 5), p: b.number('p', 0, 1), k: b.number('k', 0, 500, { integer: true }), num_generations: b.number('num_generations', 1, 5, { integer: true }) };
  b.oneOf('return_likelihoods', ['GENERATION', 'ALL', 'NONE']);
  return request(model, [{ role: 'user', text: prompt, images: 0 }], undefined, max ?? 20, params, b.strings('stop_sequences', 4));
}

function jamba(model: StandInModel, b: BodyCheck): TextRequest {
  b.only(['messages', 'max_tokens', 'temperature', 'top_p', 'stop', 'n', 'frequency_penalty', 'presence_penalty', 'response_format', 'documents', 'tools']);
  const all = turnsOf(b.array('messages', { required: true, minItems: 1 }));
  const system = all.filter((t) => t.role === 'system').map((t) => t.text).join('\n');
  const max = b.number('max_tokens', 1, limitOf(model), { integer: true });
  const params = { max_tokens: max, temperature: b.number('temperature', 0, 2), top_p: b.number('top_p', 0, 1), n: b.number('n', 1, 16, { integer: true }) };
  const stop = typeof b.body.stop === 'string' ? [b.body.stop] : b.strings('stop');
  return request(model, all.filter((t) => t.role !== 'system'), system || undefined, max ?? 4096, params, stop);
}

/** Where an InvokeModel body arrived: the operation's streaming flag and the model id in the path. */
export interface InvokeContext { streaming: boolean; modelId: string }

/**
 * OpenAI gpt-oss: the Chat Completions body (AWS user guide, "OpenAI models"; fields and ranges
 * from OpenAI's "Create chat completion"). `model`, when given, must match the id in the path, and
 * `stream` must match the operation (false for InvokeModel); the texts of those two refusals are
 * not confirmed. The reply carries the model's reasoning in <reasoning> tags before the text, as
 * that AWS page says InvokeModel responses do.
 */
function openai(model: StandInModel, b: BodyCheck, ctx: InvokeContext): TextRequest {
  b.only(['model', 'messages', 'max_completion_tokens', 'max_tokens', 'stop', 'temperature', 'top_p', 'stream', 'stream_options', 'reasoning_effort',
    'frequency_penalty', 'presence_penalty', 'seed', 'n', 'tools', 'tool_choice', 'response_format', 'logprobs', 'top_logprobs', 'user']);
  const named = b.string('model');
  if (named !== undefined && named !== ctx.modelId) throw validation(`The model field (${named}) does not match the model ID in the request (${ctx.modelId}). Omit it or make them the same, and try again.`);
  if (b.body.stream !== undefined && b.body.stream !== ctx.streaming) {
    throw validation(`The stream field must be ${ctx.streaming} for ${ctx.streaming ? 'InvokeModelWithResponseStream' : 'InvokeModel'}. Omit it or set it to ${ctx.streaming}, and try again.`);
  }
  const all = turnsOf(b.array('messages', { required: true, minItems: 1 }));
  const system = all.filter((t) => t.role === 'system' || t.role === 'developer').map((t) => t.text).join('\n');
  const max = b.number('max_completion_tokens', 1, limitOf(model), { integer: true }) ?? b.number('max_tokens', 1, limitOf(model), { integer: true });
  const params = {
    max_completion_tokens: max, temperature: b.number('temperature', 0, 2), top_p: b.number('top_p', 0, 1),
    reasoning_effort: b.oneOf('reasoning_effort', ['low', 'medium', 'high']),
    frequency_penalty: b.number('frequency_penalty', -2, 2), presence_penalty: b.number('presence_penalty', -2, 2),
  };
  const stop = typeof b.body.stop === 'string' ? [b.body.stop] : b.strings('stop', 4);
  return request(model, all.filter((t) => t.role === 'user' || t.role === 'assistant'), system || undefined, max ?? 4096, params, stop, OPENAI_REASONING_BUDGET);
}

/** gpt-oss always reasons; the stand-in lets its reasoning run up to this many tokens. */
const OPENAI_REASONING_BUDGET = 1024;

type Parser = (m: StandInModel, b: BodyCheck, ctx: InvokeContext) => TextRequest;
const PARSERS: Partial<Record<StandInModel['family'], Parser>> = {
  claude, nova, titanText, llama, mistral, cohereR, cohereText, jamba, openai,
};

export const isTextFamily = (m: StandInModel): boolean => PARSERS[m.family] !== undefined;

export function parseTextBody(model: StandInModel, body: Json, ctx: InvokeContext): TextRequest {
  const parse = PARSERS[model.family];
  if (!parse) throw validation(`Model ${model.modelId} has no text body.`);
  return parse(model, new BodyCheck(body), ctx);
}

// Validates a Converse / ConverseStream body the way Bedrock does for the target model, and
// turns it into a TextRequest for the generator.
import { messageContent, systemText as joinSystem } from './converseContent';
import { validation } from './errors';
import { checkSampling, checkTitanStops, modelError } from './modelRules';
import type { StandInModel } from './models';
import type { TextRequest } from './textReply';
import { cacheCheckpoints } from './promptCache';
import { countTokens } from './tokens';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Tokens an image adds to inputTokens (the stand-in's fixed rule; see README). */
export const IMAGE_TOKENS = 100;

const CHAT_FAMILIES = new Set(['claude', 'nova', 'titanText', 'llama', 'mistral', 'cohereR', 'jamba', 'openai', 'qwen']);

/**
 * Bedrock's schema refusal of a model body: "Malformed input request: <detail>, please reformat your input
 * and try again." (boto/boto3#3993, langgenius/dify#3326, fumito-ito/AnthropicSwiftSDK#19,
 * aws-samples/serverless-pdf-chat#35). The details are the JSON-schema validator's ("#: extraneous key [k]
 * is not permitted", "#/stopSequences: expected type: JSONArray, found: String", "expected minLength: 1,
 * actual: 0" in aws-samples/aws-genai-llm-chatbot#279); "#/k: N is not less or equal to M" follows the same
 * validator but was not seen quoted (unconfirmed).
 */
export function malformed(detail: string): Error {
  return validation(`Malformed input request: ${detail}, please reformat your input and try again.`);
}

/**
 * Coral's constraint refusals for the Converse request shape: "1 validation error detected: Value … at
 * '<path>' failed to satisfy constraint: Member must …" (format: CherryHQ/cherry-studio#4922). Ranges from
 * the bedrock-runtime service model: maxTokens ≥ 1, temperature and topP 0–1.
 */
export function checkRange(path: string, v: unknown, min: number, max: number, integer = false): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || Number.isNaN(v) || (integer && !Number.isInteger(v))) {
    throw validation(`1 validation error detected: Value '${String(v)}' at '${path}' failed to satisfy constraint: Member must be a ${integer ? 'integer' : 'number'}`);
  }
  if (v < min) throw validation(`1 validation error detected: Value '${v}' at '${path}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`);
  if (v > max) throw validation(`1 validation error detected: Value '${v}' at '${path}' failed to satisfy constraint: Member must have value less than or equal to ${max}`);
  return v;
}

function schemaRange(key: string, v: unknown, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw malformed(`#/${key}: expected type: Integer, found: ${typeof v}`);
  if (v < min) throw malformed(`#/${key}: ${v} is not greater or equal to ${min}`);
  if (v > max) throw malformed(`#/${key}: ${v} is not less or equal to ${max}`);
  return v;
}

/**
 * additionalModelRequestFields per family: the top-k key and, for Claude, extended thinking. Keys and
 * ranges from the AWS user guide's model parameter pages (Anthropic Claude top_k 0–500, Nova
 * inferenceConfig.topK 0–128, Cohere Command R k 0–500, Mistral 7B/Mixtral top_k 1–200, none for Mistral
 * Large); thinking budget_tokens ≥ 1024 (AWS user guide, Claude 3.7 extended thinking). Any other key:
 * "Malformed input request: extraneous key [k] is not permitted" (aws-samples/serverless-pdf-chat#35).
 */
function additionalFields(model: StandInModel, extra: Json, params: Record<string, unknown>): { reasoningBudget?: number; reasoningRedacted?: boolean } {
  const allowed: Record<string, (v: unknown) => void> = {};
  let reasoningBudget: number | undefined;
  let reasoningRedacted: boolean | undefined;
  switch (model.family) {
    case 'claude':
      allowed.top_k = (v) => { params.top_k = schemaRange('top_k', v, 0, 500); };
      allowed.anthropic_beta = () => undefined;
      if (model.reasoning) {
        allowed.thinking = (v) => {
          if (model.adaptiveThinkingOnly) {
            // AWS user guide, "Adaptive thinking": Opus 4.7 takes only {type: "adaptive"}; "enabled" with budget_tokens
            // returns a 400. The wording below is a guess (no quoted Bedrock text found).
            if (!isObj(v) || v.type !== 'adaptive') throw modelError('converse', `thinking.type: "${isObj(v) ? String(v.type) : ''}" is not supported for this model. Use thinking.type: "adaptive" with output_config.effort.`);
            reasoningBudget = ADAPTIVE_TOKENS;
            params.thinking = v;
            return;
          }
          if (!isObj(v) || (v.type !== 'enabled' && v.type !== 'disabled')) throw malformed('#/thinking/type: enabled or disabled expected');
          if (v.type === 'enabled') {
            // Anthropic's refusal, passed on by Bedrock: "thinking.enabled.budget_tokens: Input should be greater
            // than or equal to 1024" (quoted in public trackers; rule: AWS user guide, Claude extended thinking).
            if (typeof v.budget_tokens !== 'number' || !Number.isInteger(v.budget_tokens)) throw malformed('#/thinking/budget_tokens: expected type: Integer');
            if (v.budget_tokens < 1024) throw modelError('converse', 'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024');
            reasoningBudget = v.budget_tokens;
          }
          params.thinking = v;
        };
        if (model.adaptiveThinkingOnly) {
          // output_config.effort (AWS user guide, "Adaptive thinking"): low, medium, high are the levels all sources
          // agree on; xhigh and max are named by third parties for Opus 4.7 and accepted too. Refusal wording: a guess.
          allowed.output_config = (v) => {
            if (!isObj(v) || !['low', 'medium', 'high', 'xhigh', 'max'].includes(String(v.effort))) throw malformed(`#/output_config/effort: ${JSON.stringify(isObj(v) ? v.effort : v)} is not a valid enum value`);
            params.output_config = v;
          };
        }
      }
      break;
    case 'nova':
      allowed.inferenceConfig = (v) => {
        if (!isObj(v)) throw malformed('#/inferenceConfig: expected type: JSONObject');
        for (const k of Object.keys(v)) if (k !== 'topK') throw malformed(`extraneous key [inferenceConfig.${k}] is not permitted`);
        params.topK = schemaRange('inferenceConfig/topK', v.topK, 0, 128);
      };
      if (model.reasoning) {
        // Nova 2: reasoningConfig {type: "enabled" | "disabled", maxReasoningEffort: "low" | "medium" | "high"}
        // (Nova 2 user guide, "Extended thinking"); Nova 2 Lite returns the reasoning as "[REDACTED]" but bills
        // its tokens ("Reasoning capabilities"). The refusal texts below follow the schema validator's wording
        // of the other Malformed input requests (a guess: no quoted Nova 2 refusal found).
        allowed.reasoningConfig = (v) => {
          if (!isObj(v)) throw malformed('#/reasoningConfig: expected type: JSONObject');
          for (const k of Object.keys(v)) if (k !== 'type' && k !== 'maxReasoningEffort') throw malformed(`extraneous key [reasoningConfig.${k}] is not permitted`);
          if (v.type !== 'enabled' && v.type !== 'disabled') throw malformed(`#/reasoningConfig/type: ${JSON.stringify(v.type)} is not a valid enum value`);
          if (v.type === 'disabled') return;
          const effort = v.maxReasoningEffort ?? 'low';
          if (typeof effort !== 'string' || !(effort in EFFORT_TOKENS)) throw malformed(`#/reasoningConfig/maxReasoningEffort: ${JSON.stringify(effort)} is not a valid enum value`);
          reasoningBudget = EFFORT_TOKENS[effort];
          reasoningRedacted = true;
          params.reasoningConfig = v;
        };
      }
      break;
    case 'cohereR':
      allowed.k = (v) => { params.k = schemaRange('k', v, 0, 500); };
      break;
    case 'mistral':
      if (!model.noTopK) allowed.top_k = (v) => { params.top_k = schemaRange('top_k', v, 1, 200); };
      break;
    case 'openai':
      // Other Chat Completions fields go in additionalModelRequestFields (AWS user guide, "OpenAI models");
      // the keys and ranges below are OpenAI's "Create chat completion" ones that gpt-oss uses.
      allowed.reasoning_effort = (v) => {
        if (v !== 'low' && v !== 'medium' && v !== 'high') throw malformed(`#/reasoning_effort: ${JSON.stringify(v)} is not a valid enum value`);
        params.reasoning_effort = v;
        // gpt-oss reasons on every request; the stand-in streams its reasoning under Converse only when an
        // effort is sent (a simplification, so the plain replies of other tests stay as they were).
        reasoningBudget = EFFORT_TOKENS[v];
      };
      for (const key of ['frequency_penalty', 'presence_penalty']) {
        allowed[key] = (v) => {
          if (typeof v !== 'number' || v < -2 || v > 2) throw malformed(`#/${key}: ${JSON.stringify(v)} is not between -2 and 2`);
          params[key] = v;
        };
      }
      allowed.seed = (v) => { params.seed = schemaRange('seed', v, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER); };
      break;
    default:
      break;
  }
  for (const [k, v] of Object.entries(extra)) {
    const check = allowed[k];
    if (!check) throw malformed(`extraneous key [${k}] is not permitted`);
    check(v);
  }
  return { reasoningBudget, ...(reasoningRedacted ? { reasoningRedacted } : {}) };
}

/** The most reasoning tokens the stand-in writes per effort level: its own numbers, not Bedrock's. */
const EFFORT_TOKENS: Record<string, number> = { low: 256, medium: 1024, high: 4096 };
/** Adaptive thinking decides its own length; the stand-in lets it run up to this many tokens. */
const ADAPTIVE_TOKENS = 1024;

/**
 * inferenceConfig.stopSequences: at most 2500 items (the bedrock-runtime Smithy model,
 * InferenceConfiguration.stopSequences length max 2500; older botocore models said 4).
 * The Coral-style wording follows Bedrock's other constraint messages (unconfirmed for this field).
 */
function stopList(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  if (v.length > 2500) {
    throw validation(`1 validation error detected: Value '[${v.join(', ')}]' at 'inferenceConfig.stopSequences' failed to satisfy constraint: Member must have length less than or equal to 2500`);
  }
  return v.filter((s): s is string => typeof s === 'string');
}

export function parseConverse(model: StandInModel, body: Json): TextRequest {
  // "The Converse API doesn't support any embedding or image generation model" (AWS user guide, Converse
  // "Supported models and model features"); completion-only models: no chat there. Wording: source not found.
  if (!CHAT_FAMILIES.has(model.family)) {
    throw validation("This action doesn't support the model that you provided. Try again with a supported text or chat model.");
  }
  const messages = body.messages;
  // "A conversation must start with a user message…" (elastic/kibana#246393); "…must alternate between user
  // and assistant roles…" (microsoft/semantic-kernel#10281, langchain-ai/langchain-aws#130).
  if (!Array.isArray(messages) || messages.length === 0) throw validation('A conversation must start with a user message. Try again with a conversation that starts with a user message.');
  let inputTokens = 0;
  let images = 0;
  let lastUserText = '';
  messages.forEach((m: unknown, i) => {
    const role = isObj(m) ? m.role : undefined;
    if (i === 0 && role !== 'user') throw validation('A conversation must start with a user message. Try again with a conversation that starts with a user message.');
    if (i > 0 && role === (messages[i - 1] as Json).role) throw validation('A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.');
    const stats = messageContent(model, isObj(m) ? m : {}, i);
    inputTokens += countTokens(stats.text) + stats.images * IMAGE_TOKENS;
    images += stats.images;
    if (role === 'user') lastUserText = stats.text;
  });
  let systemText: string | undefined;
  if (Array.isArray(body.system) && body.system.length > 0) {
    // No system prompt under Converse: Amazon Titan models (AWS user guide, Converse "Supported models and
    // model features" table); Mistral 7B / Mixtral: the stand-in's earlier rule, not re-checked in that table.
    // The wording of this refusal: source not found.
    if (!model.systemPrompt) throw validation("This model doesn't support system messages. Try again without a system message or with a model that supports them.");
    systemText = joinSystem(body.system);
    inputTokens += countTokens(systemText);
  }
  const cfg = isObj(body.inferenceConfig) ? body.inferenceConfig : {};
  const params: Record<string, unknown> = {};
  const temperature = checkRange('inferenceConfig.temperature', cfg.temperature, 0, 1);
  const topP = checkRange('inferenceConfig.topP', cfg.topP, 0, 1);
  const maxTokens = checkRange('inferenceConfig.maxTokens', cfg.maxTokens, 1, Number.MAX_SAFE_INTEGER, true);
  const limit = model.maxTokens ?? 4096;
  // vercel/ai#2772, sigoden/aichat#813, langgenius/dify#10390 quote this text.
  if (maxTokens !== undefined && maxTokens > limit) {
    throw validation(`The maximum tokens you requested exceeds the model limit of ${limit}. Try again with a maximum tokens value that is lower than ${limit}.`);
  }
  if (temperature !== undefined) params.temperature = temperature;
  if (topP !== undefined) params.topP = topP;
  if (maxTokens !== undefined) params.maxTokens = maxTokens;
  const stopSequences = stopList(cfg.stopSequences);
  if (model.family === 'titanText') checkTitanStops(stopSequences);
  const extra = body.additionalModelRequestFields;
  const { reasoningBudget, reasoningRedacted } = additionalFields(model, isObj(extra) ? extra : {}, params);
  checkSampling(model, 'converse', { temperature, topP, topK: params.top_k });
  for (const k of Object.keys(params)) if (params[k] === undefined) delete params[k];
  if (reasoningBudget !== undefined && model.family === 'claude' && !model.adaptiveThinkingOnly) {
    // Claude 3.7 on Bedrock Converse: BerriAI/litellm#9524, cline/cline#2712 quote this one (without backticks).
    if (temperature !== undefined && temperature !== 1) throw modelError('converse', 'temperature may only be set to 1 when thinking is enabled.');
    // Anthropic's extended-thinking rules (no top_p / top_k, budget below max_tokens); these three wordings are not confirmed.
    if (topP !== undefined) throw validation('`top_p` must be unset when thinking is enabled.');
    if (params.top_k !== undefined) throw validation('`top_k` must be unset when thinking is enabled.');
    // Anthropic's text for a budget at or above max_tokens, quoted in public trackers: "`max_tokens` must be greater than `thinking.budget_tokens`."
    if (maxTokens !== undefined && reasoningBudget >= maxTokens) throw modelError('converse', '`max_tokens` must be greater than `thinking.budget_tokens`.');
  }
  const cachePoints = cacheCheckpoints(model, body, IMAGE_TOKENS);
  return {
    modelId: model.modelId, modelName: model.modelName, lastUserText, systemText, turns: messages.length, images,
    maxTokens: maxTokens ?? Math.min(limit, 4096), parameters: params, stopSequences, reasoningBudget, inputTokens,
    ...(reasoningRedacted ? { reasoningRedacted } : {}),
    ...(cachePoints.length ? { cachePoints } : {}),
  };
}

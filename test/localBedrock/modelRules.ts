// Rules a model holds on its sampling parameters, the same whether the request came through
// Converse or through the model's own InvokeModel body. Each rule names where it was seen.
import { validation } from './errors';
import type { StandInModel } from './models';

export type Api = 'converse' | 'invoke';

/**
 * A refusal from the model behind Bedrock. Converse prefixes it with "The model returned the
 * following errors: " (BerriAI/litellm#15070, mem0ai/mem0#4004, aws-samples/bedrock-access-gateway#191,
 * DayuanJiang/next-ai-draw-io#861); InvokeModel passes the model's text on as it is
 * (lobehub/lobehub#9523, logancyang/obsidian-copilot#2600, promptfoo/promptfoo#10307).
 * Some Opus 4.7 reports show the model's JSON error object after the prefix instead
 * (openclaw/openclaw#73663, tinovyatkin/amazon-bedrock-copilot-chat#546); the stand-in uses the plain form.
 */
export function modelError(api: Api, message: string): Error {
  return validation(api === 'converse' ? `The model returned the following errors: ${message}` : message);
}

export interface Sampling { temperature?: unknown; topP?: unknown; topK?: unknown }

export function checkSampling(model: StandInModel, api: Api, s: Sampling): void {
  if (model.removedSampling) {
    // Opus 4.7 removed temperature, top_p and top_k. Only the temperature text was seen
    // ("`temperature` is deprecated for this model.": Comfy-Org/ComfyUI#13923, openclaw/openclaw#73663,
    // Mintplex-Labs/anything-llm#5821); the top_p / top_k texts follow the same pattern (unconfirmed).
    for (const [name, value] of [['temperature', s.temperature], ['top_p', s.topP], ['top_k', s.topK]] as const) {
      if (value !== undefined) throw modelError(api, `\`${name}\` is deprecated for this model.`);
    }
  }
  // Claude Sonnet/Haiku 4.5 and Opus 4.1 (open-webui/functions#9, aws-samples/bedrock-chat#979,
  // BerriAI/litellm#15070, lobehub/lobehub#9523).
  if (model.exclusiveTemperatureTopP && s.temperature !== undefined && s.topP !== undefined) {
    throw modelError(api, '`temperature` and `top_p` cannot both be specified for this model. Please use only one.');
  }
}

/**
 * Titan Text: at most one stop sequence, and it must be `|` (one or more) or `User:`. Texts from
 * boto/boto3#3993 ("Malformed input request: string [Human:] does not match pattern ^(\|+|User:)$, …"
 * and "… expected maximum item count: 1, found: 5, …"); langchain-ai/langchain#18565.
 */
export function checkTitanStops(stops: string[]): void {
  const malformed = (detail: string): Error => validation(`Malformed input request: ${detail}, please reformat your input and try again.`);
  if (stops.length > 1) throw malformed(`expected maximum item count: 1, found: ${stops.length}`);
  for (const s of stops) if (!/^(\|+|User:)$/.test(s)) throw malformed(`string [${s}] does not match pattern ^(\\|+|User:)$`);
}

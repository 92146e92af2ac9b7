import { CONVERSE_API, NO_TOOLS, num, off, type ModelRules } from './types';

// A model no family knows (Bedrock adds models every month; the live catalog lists them at once).
// It gets the conservative request: Converse with maxTokens / temperature / topP only, nothing in
// additionalModelRequestFields, no tools. The ranges are the Converse API's own (InferenceConfiguration:
// temperature and topP 0–1, maxTokens ≥ 1), not the model's, and the UI says the limits are unknown.
// What Bedrock refuses for it is corrected once and remembered (learnedRules.ts).

/** Only a span for the slider: Converse sets no upper bound on maxTokens, and this model's is unknown. */
const MAX_TOKENS_SPAN = 65_536;

const UNKNOWN_LIMIT = 'Limit not known for this model: Bedrock applies its own. If it refuses a value, the request is corrected once and the limit remembered.';

export function unknownModelRules(provider: string): ModelRules {
  return {
    family: 'unknown',
    known: false,
    chatApi: 'converse',
    parameters: {
      family: provider ? `${provider} (unknown family)` : 'unknown family',
      temperature: { ...num(0, 1, 0.01, 0.7), note: 'Range of the Converse API (0–1); this model\'s own default applies unless you set one.' },
      topP: { ...num(0, 1, 0.01, 0.9), note: 'Range of the Converse API (0–1); this model\'s own default applies unless you set one.' },
      topK: off('Not sent: top-k has no common key in Converse, and this model\'s own key is not known.', 0, 500, 1, 0),
      maxTokens: { ...num(1, MAX_TOKENS_SPAN, 1, 4096), note: UNKNOWN_LIMIT },
      stopSequences: { supported: true, max: 4 },
      systemPrompt: { supported: true },
      exclusive: [],
      limitsKnown: false,
    },
    tools: NO_TOOLS,
    reasoning: false,
    sources: {
      parameters: `${CONVERSE_API}: temperature and topP 0–1, maxTokens ≥ 1; nothing model-specific is sent`,
      maxTokens: 'not found: unknown model, corrected by Bedrock\'s refusal',
      stopSequences: 'not found: unknown model; 4 kept as a conservative count (Converse takes up to 2500)',
      tools: 'not found: unknown model, so no tools are offered',
    },
  };
}

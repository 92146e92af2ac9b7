import { awsDoc, CONVERSE_FEATURES, num, off, type ModelFamily } from './types';

// Mistral AI: 7B and Mixtral take top_k (1–200) and no system prompt; Mistral Large takes no top_k.

const TEXT_COMPLETION = awsDoc('model-parameters-mistral-text-completion');
const LARGE = awsDoc('model-parameters-mistral-chat-completion');

export const mistral: ModelFamily = {
  id: 'mistral',
  matches: (id) => id.startsWith('mistral.'),
  rules: (id) => {
    const large = /mistral-large|pixtral-large/.test(id);
    const instruct = /mistral-7b-instruct|mixtral-8x7b-instruct/.test(id);
    return {
      family: large ? 'mistral-large' : 'mistral',
      known: true,
      chatApi: 'converse',
      parameters: {
        family: large ? 'mistral-large' : 'mistral',
        temperature: num(0, 1, 0.01, large ? 0.7 : 0.5),
        topP: num(0, 1, 0.01, large ? 1 : 0.9),
        topK: large ? off('Mistral Large takes no top-k.', 1, 200, 1, 50) : num(1, 200, 1, 50),
        maxTokens: num(1, /mixtral/.test(id) ? 4096 : 8192, 1, 512),
        stopSequences: { supported: true, max: 10 },
        systemPrompt: instruct ? { supported: false, reason: 'Mistral 7B and Mixtral Instruct take no system prompt.' } : { supported: true },
        exclusive: [],
        ...(large ? {} : { topKKey: 'top_k' as const }),
      },
      contextWindow: /mistral-large-2407/.test(id) ? 128_000 : 32_000,
      tools: large ? { tools: true, streaming: false } : { tools: false, streaming: false },
      reasoning: false,
      sources: {
        parameters: `${TEXT_COMPLETION} (top_k 1–200, stop ≤ 10); ${LARGE} (Mistral Large: no top_k)`,
        maxTokens: `${TEXT_COMPLETION} (7B 8192, Mixtral 4096)`,
        systemPrompt: CONVERSE_FEATURES,
        contextWindow: 'Mistral AI model cards (32K; Large 2407 128K)',
        tools: CONVERSE_FEATURES,
      },
    };
  },
};

import { awsDoc, CONVERSE_FEATURES, num, off, type ModelFamily } from './types';

// DeepSeek (R1 and V3 on Bedrock).

const PARAMS = awsDoc('model-parameters-deepseek');

export const deepseek: ModelFamily = {
  id: 'deepseek',
  matches: (id) => id.startsWith('deepseek.'),
  rules: (id) => ({
    family: 'deepseek',
    known: true,
    chatApi: 'converse',
    parameters: {
      family: 'deepseek',
      temperature: num(0, 1, 0.01, 1),
      topP: num(0, 1, 0.01, 1),
      topK: off('DeepSeek models take no top-k.', 0, 500, 1, 0),
      maxTokens: num(1, 32768, 1, 8192),
      stopSequences: { supported: true, max: 10 },
      systemPrompt: { supported: true },
      exclusive: [],
      ...(/r1/.test(id) ? { reasoningAlwaysOn: 'DeepSeek-R1 reasons on every request; Bedrock documents no setting to turn it off or bound it.' } : {}),
    },
    contextWindow: 128_000,
    tools: { tools: true, streaming: true },
    reasoning: /r1/.test(id),
    sources: {
      parameters: `${PARAMS} (temperature 0–1, top_p 0–1, stop ≤ 10, no top_k)`,
      maxTokens: `${PARAMS} (max_tokens ≤ 32,768)`,
      contextWindow: 'DeepSeek model card (128K)',
      tools: CONVERSE_FEATURES,
      reasoning: `${PARAMS} (R1 returns reasoning content; the request body has no reasoning field); ${awsDoc('model-card-deepseek-deepseek-r1')} ("the reasoning model that uses chain of thought", Reasoning: supported)`,
    },
  }),
};

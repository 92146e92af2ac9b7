import { awsDoc, CONVERSE_FEATURES, NO_TOOLS, num, off, type ModelFamily } from './types';

// AI21 Labs: Jamba through Converse; the legacy Jurassic-2 through InvokeModel with its own body.

const JAMBA = awsDoc('model-parameters-jamba');
const JURASSIC = awsDoc('model-parameters-jurassic2');

export const ai21Jamba: ModelFamily = {
  id: 'ai21-jamba',
  matches: (id) => id.startsWith('ai21.jamba'),
  rules: () => ({
    family: 'ai21-jamba',
    known: true,
    chatApi: 'converse',
    parameters: {
      family: 'ai21-jamba',
      // Jamba itself takes up to 2, but Converse's inferenceConfig caps temperature at 1.
      temperature: num(0, 1, 0.01, 1),
      topP: num(0, 1, 0.01, 1),
      topK: off('AI21 Jamba models take no top-k.', 0, 500, 1, 0),
      maxTokens: num(1, 4096, 1, 4096),
      stopSequences: { supported: true, max: 4 },
      systemPrompt: { supported: true },
      exclusive: [],
    },
    contextWindow: 256_000,
    tools: { tools: true, streaming: false },
    reasoning: false,
    sources: {
      parameters: `${JAMBA} (temperature 0–2, top_p 0–1, no top_k); ${'botocore service model for bedrock-runtime (InferenceConfiguration)'} caps temperature at 1`,
      maxTokens: `${JAMBA} (max_tokens 0–4096)`,
      stopSequences: 'source not found for the limit of 4; kept as a conservative count',
      contextWindow: 'AI21 Jamba 1.5 model card (256K)',
      tools: CONVERSE_FEATURES,
    },
  }),
};

export const ai21Jurassic: ModelFamily = {
  id: 'ai21-jurassic',
  matches: (id) => id.startsWith('ai21.j2'),
  rules: () => ({
    family: 'ai21-jurassic',
    known: true,
    chatApi: 'invoke-ai21-jurassic',
    parameters: {
      family: 'ai21-jurassic',
      temperature: num(0, 1, 0.01, 0.5),
      topP: num(0, 1, 0.01, 1),
      topK: off('AI21 Jurassic-2 models take no top-k.', 0, 500, 1, 0),
      maxTokens: num(1, 8191, 1, 200),
      stopSequences: { supported: true, max: 4 },
      systemPrompt: { supported: true },
      exclusive: [],
    },
    contextWindow: 8_191,
    tools: NO_TOOLS,
    reasoning: false,
    sources: {
      parameters: `${JURASSIC} (temperature 0–1 default 0.5, topP 0–1 default 1)`,
      maxTokens: `${JURASSIC} (maxTokens 0–8191, default 200)`,
      chatApi: `${CONVERSE_FEATURES} (Jurassic-2 is not served by Converse)`,
      stopSequences: 'source not found for the limit of 4; kept as a conservative count',
      contextWindow: `${JURASSIC} (8191 tokens in all)`,
    },
  }),
};

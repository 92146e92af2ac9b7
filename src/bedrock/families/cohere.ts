import { awsDoc, CONVERSE_FEATURES, NO_TOOLS, num, type ModelFamily } from './types';

// Cohere's text models: Command R / R+ through Converse (top-k as `k`), and the legacy Command
// (command-text) that Converse does not serve, called through InvokeModel with its own body.

const COMMAND_R = awsDoc('model-parameters-cohere-command-r-plus');
const COMMAND = awsDoc('model-parameters-cohere-command');

export const cohereCommandR: ModelFamily = {
  id: 'cohere-command-r',
  matches: (id) => id.startsWith('cohere.command-r'),
  rules: () => ({
    family: 'cohere-command-r',
    known: true,
    chatApi: 'converse',
    parameters: {
      family: 'cohere-command-r',
      temperature: num(0, 1, 0.01, 0.3),
      topP: num(0.01, 0.99, 0.01, 0.75),
      topK: num(0, 500, 1, 0),
      maxTokens: num(1, 4000, 1, 512),
      stopSequences: { supported: true, max: 4 },
      systemPrompt: { supported: true },
      exclusive: [],
      topKKey: 'k',
    },
    contextWindow: 128_000,
    tools: { tools: true, streaming: false },
    reasoning: false,
    sources: {
      parameters: `${COMMAND_R} (temperature default 0.3, p 0.01–0.99 default 0.75, k 0–500)`,
      maxTokens: `${COMMAND_R} (max_tokens 1–4000)`,
      stopSequences: 'source not found for the limit of 4; kept as a conservative count',
      contextWindow: 'Cohere Command R model card (128K)',
      tools: CONVERSE_FEATURES,
    },
  }),
};

export const cohereCommandText: ModelFamily = {
  id: 'cohere-command-text',
  matches: (id) => /^cohere\.command-(light-)?text/.test(id),
  rules: () => ({
    family: 'cohere-command-text',
    known: true,
    chatApi: 'invoke-cohere-command-text',
    parameters: {
      family: 'cohere-command-text',
      temperature: num(0, 5, 0.01, 0.9),
      topP: num(0, 1, 0.01, 0.75),
      topK: num(0, 500, 1, 0),
      maxTokens: num(1, 4096, 1, 400),
      stopSequences: { supported: true, max: 4 },
      systemPrompt: { supported: true },
      exclusive: [],
      topKKey: 'k',
    },
    contextWindow: 4_000,
    tools: NO_TOOLS,
    reasoning: false,
    sources: {
      parameters: `${COMMAND} (temperature 0–5 default 0.9, p 0–1 default 0.75, k 0–500)`,
      maxTokens: `${COMMAND} (max_tokens up to 4096, default 20; 400 here as a useful answer length)`,
      chatApi: `${CONVERSE_FEATURES} (Command is not served by Converse)`,
      stopSequences: 'source not found for the limit of 4; kept as a conservative count',
      contextWindow: 'Cohere Command model card (4K)',
    },
  }),
};

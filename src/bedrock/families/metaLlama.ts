import { awsDoc, CONVERSE_FEATURES, num, off, type ModelFamily } from './types';

// Meta Llama: prompt, temperature, top_p, max_gen_len; no top-k.

const PARAMS = awsDoc('model-parameters-meta');

export const metaLlama: ModelFamily = {
  id: 'meta-llama',
  matches: (id) => id.startsWith('meta.llama'),
  rules: (id) => {
    const llama4 = /llama4/.test(id);
    const max = llama4 ? 8192 : 2048;
    return {
      family: 'meta-llama',
      known: true,
      chatApi: 'converse',
      parameters: {
        family: 'meta-llama',
        temperature: num(0, 1, 0.01, 0.5),
        topP: num(0, 1, 0.01, 0.9),
        topK: off('Meta Llama models take no top-k.', 0, 500, 1, 0),
        maxTokens: num(1, max, 1, 512),
        stopSequences: { supported: true, max: 4 },
        systemPrompt: { supported: true },
        exclusive: [],
      },
      contextWindow: llama4 ? 1_000_000 : /llama3-[123]-/.test(id) ? 128_000 : 8_000,
      tools: /llama3-[123]-|llama4-/.test(id) ? { tools: true, streaming: false } : { tools: false, streaming: false },
      reasoning: false,
      sources: {
        parameters: `${PARAMS} (temperature default 0.5, top_p default 0.9, no top_k)`,
        maxTokens: llama4 ? 'source not found for Llama 4 (8192 kept; a refusal naming the limit corrects it)' : `${PARAMS} (max_gen_len ≤ 2048)`,
        stopSequences: 'source not found for the limit of 4; kept as a conservative count',
        contextWindow: 'Meta Llama model cards (Llama 3 8K, 3.1+ 128K, Llama 4 up to 1M)',
        tools: CONVERSE_FEATURES,
      },
    };
  },
};

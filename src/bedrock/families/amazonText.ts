import { COUNT_TOKENS_SOURCE, PROMPT_CACHING_SOURCE, promptCacheSpec } from './promptCaching';
import { awsDoc, CONVERSE_FEATURES, NO_TOOLS, num, off, type ModelFamily } from './types';

// Amazon's text models: Nova (understanding models) and Titan Text.

const NOVA_SCHEMA = 'https://docs.aws.amazon.com/nova/latest/userguide/complete-request-schema.html';
const TITAN_TEXT = awsDoc('model-parameters-titan-text');

export const amazonNova: ModelFamily = {
  id: 'amazon-nova',
  matches: (id, out) => id.startsWith('amazon.nova') && out.includes('TEXT'),
  rules: (id) => {
    const max = /premier/.test(id) ? 32000 : 10000;
    const cache = promptCacheSpec(id);
    return {
      family: 'amazon-nova',
      known: true,
      chatApi: 'converse',
      parameters: {
        family: 'amazon-nova',
        temperature: num(0, 1, 0.01, 0.7),
        topP: num(0, 1, 0.01, 0.9),
        topK: num(0, 128, 1, 50),
        maxTokens: num(1, max, 1, Math.min(max, 5000)),
        stopSequences: { supported: true, max: 4 },
        systemPrompt: { supported: true },
        exclusive: [],
        topKKey: 'inferenceConfig.topK',
        ...(cache ? { promptCache: cache } : {}),
      },
      countTokens: false,
      contextWindow: /micro/.test(id) ? 128_000 : /premier/.test(id) ? 1_000_000 : 300_000,
      tools: /nova-(pro|lite|micro|premier|2-)/.test(id) ? { tools: true, streaming: true } : NO_TOOLS,
      reasoning: /nova-2-/.test(id),
      sources: {
        parameters: `${NOVA_SCHEMA} (temperature default 0.7, topP default 0.9, topK 0–128 under inferenceConfig in additionalModelRequestFields)`,
        maxTokens: `${NOVA_SCHEMA} (max_new_tokens 10K; Premier 32K)`,
        stopSequences: 'source not found for the limit of 4; kept as a conservative count',
        contextWindow: 'Amazon Nova user guide, model comparison (Micro 128K, Lite/Pro 300K, Premier 1M)',
        tools: CONVERSE_FEATURES,
        reasoning: 'Amazon Nova 2 user guide (extended thinking)',
        promptCache: PROMPT_CACHING_SOURCE,
        countTokens: `${COUNT_TOKENS_SOURCE}: Nova is not listed`,
      },
    };
  },
};

export const amazonTitanText: ModelFamily = {
  id: 'amazon-titan-text',
  matches: (id) => id.startsWith('amazon.titan-text') || id.startsWith('amazon.titan-tg1'),
  rules: (id) => {
    const max = /lite/.test(id) ? 4096 : /premier/.test(id) ? 3072 : 8192;
    return {
      family: 'amazon-titan-text',
      known: true,
      chatApi: 'converse',
      parameters: {
        family: 'amazon-titan-text',
        temperature: num(0, 1, 0.01, 0.7),
        topP: num(0, 1, 0.01, 0.9),
        topK: off('Titan Text models take no top-k.', 0, 500, 1, 0),
        maxTokens: num(1, max, 1, 512),
        // Real 400s: "string does not match pattern ^(\|+|User:)$" / "expected maximum item count: 1"
        // (boto/boto3#3993, aws/aws-sdk#692), as the Titan Text parameters page says.
        stopSequences: { supported: true, max: 1, pattern: '^(\\|+|User:)$', patternHint: 'one or more "|", or "User:"' },
        systemPrompt: { supported: false, reason: 'Titan Text models take no system prompt.' },
        exclusive: [],
      },
      contextWindow: /premier/.test(id) ? 32_000 : /lite/.test(id) ? 4_000 : 8_000,
      tools: NO_TOOLS,
      reasoning: false,
      sources: {
        parameters: `${TITAN_TEXT} (temperature 0–1 default 0.7, topP 0–1 default 0.9, no topK)`,
        maxTokens: `${TITAN_TEXT} (Express 8192, Lite 4096, Premier 3072)`,
        stopSequences: `${TITAN_TEXT}; real 400 "…does not match pattern ^(\\|+|User:)$" (boto/boto3#3993, aws/aws-sdk#692)`,
        systemPrompt: CONVERSE_FEATURES,
        contextWindow: 'Amazon Titan Text model cards (Express 8K, Lite 4K, Premier 32K)',
        tools: CONVERSE_FEATURES,
      },
    };
  },
};

import type { NumericParameterSpec, ParameterName, ParameterSpec } from './types';

// What each model family takes, from the providers' Bedrock documentation: which of the
// inference parameters, their ranges and defaults, the top-k key, and refused combinations.

/** Where top-k goes in Converse's additionalModelRequestFields (or the model's own body). */
export type TopKKey = 'top_k' | 'inferenceConfig.topK' | 'k';

export interface FamilySpec extends ParameterSpec {
  topKKey?: TopKKey;
}

function num(min: number, max: number, step: number, dflt: number): NumericParameterSpec {
  return { supported: true, min, max, step, default: dflt };
}
function off(reason: string, min = 0, max = 1, step = 0.01, dflt = 0): NumericParameterSpec {
  return { supported: false, reason, min, max, step, default: dflt };
}

const STOP4 = { supported: true, max: 4 };
const SYSTEM_OK = { supported: true };

/** The model id without a cross-region profile prefix or ARN. */
export function baseModelId(id: string): string {
  let s = id;
  const slash = s.lastIndexOf('/');
  if (s.startsWith('arn:') && slash >= 0) s = s.slice(slash + 1);
  return s.replace(/^(us|eu|apac|jp|au|ca|us-gov|global)\./, '');
}

/** Claude's version as a number (3.5, 3.7, 4, 4.5…), or undefined for ids it cannot read. */
export function claudeVersion(id: string): number | undefined {
  const base = baseModelId(id);
  // claude-3-5-sonnet-…, claude-3-haiku-…
  let m = /claude-(\d)(?:-(\d))?-(?:sonnet|haiku|opus)/.exec(base);
  if (m) return Number(m[1]) + (m[2] ? Number(m[2]) / 10 : 0);
  // claude-sonnet-4-5-20250929, claude-opus-4-20250514, claude-haiku-4-5-…
  m = /claude-(?:sonnet|haiku|opus)-(\d)(?:-(\d)(?!\d))?/.exec(base);
  if (m) return Number(m[1]) + (m[2] ? Number(m[2]) / 10 : 0);
  if (/claude-(v2|instant)/.test(base)) return 2;
  return undefined;
}

function claudeMaxTokens(base: string, version: number): number {
  if (version < 3) return 4096;
  if (/claude-3-haiku|claude-3-sonnet|claude-3-opus/.test(base)) return 4096;
  if (/claude-3-5/.test(base)) return 8192;
  if (/opus-4(?:-1)?-\d{8}|opus-4-1/.test(base) && version < 4.5) return 32000;
  return 64000;
}

function anthropic(base: string): FamilySpec {
  const version = claudeVersion(base) ?? 3;
  const refusesBoth = version >= 4.5;
  return {
    family: refusesBoth ? 'anthropic-claude-4.5+' : 'anthropic-claude',
    temperature: num(0, 1, 0.01, 1),
    topP: num(0, 1, 0.001, 0.999),
    topK: num(0, 500, 1, 250),
    maxTokens: num(1, claudeMaxTokens(base, version), 1, Math.min(4096, claudeMaxTokens(base, version))),
    stopSequences: { supported: true, max: 8191 },
    systemPrompt: SYSTEM_OK,
    exclusive: refusesBoth ? [['temperature', 'topP']] : [],
    topKKey: 'top_k',
  };
}

function nova(base: string): FamilySpec {
  const max = /premier/.test(base) ? 32000 : 10000;
  return {
    family: 'amazon-nova',
    temperature: num(0, 1, 0.01, 0.7),
    topP: num(0, 1, 0.01, 0.9),
    topK: num(0, 128, 1, 50),
    maxTokens: num(1, max, 1, Math.min(max, 5000)),
    stopSequences: STOP4,
    systemPrompt: SYSTEM_OK,
    exclusive: [],
    topKKey: 'inferenceConfig.topK',
  };
}

function titanText(base: string): FamilySpec {
  const max = /lite/.test(base) ? 4096 : /premier/.test(base) ? 3072 : 8192;
  return {
    family: 'amazon-titan-text',
    temperature: num(0, 1, 0.01, 0.7),
    topP: num(0, 1, 0.01, 0.9),
    topK: off('Titan Text models take no top-k.', 0, 500, 1, 0),
    maxTokens: num(1, max, 1, 512),
    stopSequences: STOP4,
    systemPrompt: { supported: false, reason: 'Titan Text models take no system prompt.' },
    exclusive: [],
  };
}

function llama(base: string): FamilySpec {
  const max = /llama4/.test(base) ? 8192 : 2048;
  return {
    family: 'meta-llama',
    temperature: num(0, 1, 0.01, 0.5),
    topP: num(0, 1, 0.01, 0.9),
    topK: off('Meta Llama models take no top-k.', 0, 500, 1, 0),
    maxTokens: num(1, max, 1, 512),
    stopSequences: STOP4,
    systemPrompt: SYSTEM_OK,
    exclusive: [],
  };
}

function mistral(base: string): FamilySpec {
  const large = /mistral-large|pixtral-large/.test(base);
  const instruct = /mistral-7b-instruct|mixtral-8x7b-instruct/.test(base);
  return {
    family: large ? 'mistral-large' : 'mistral',
    temperature: num(0, 1, 0.01, large ? 0.7 : 0.5),
    topP: num(0, 1, 0.01, large ? 1 : 0.9),
    topK: large ? off('Mistral Large takes no top-k.', 1, 200, 1, 50) : num(1, 200, 1, 50),
    maxTokens: num(1, /mixtral/.test(base) ? 4096 : 8192, 1, 512),
    stopSequences: { supported: true, max: 10 },
    systemPrompt: instruct ? { supported: false, reason: 'Mistral 7B and Mixtral Instruct take no system prompt.' } : SYSTEM_OK,
    exclusive: [],
    ...(large ? {} : { topKKey: 'top_k' as const }),
  };
}

function cohereCommandR(): FamilySpec {
  return {
    family: 'cohere-command-r',
    temperature: num(0, 1, 0.01, 0.3),
    topP: num(0.01, 0.99, 0.01, 0.75),
    topK: num(0, 500, 1, 0),
    maxTokens: num(1, 4000, 1, 512),
    stopSequences: STOP4,
    systemPrompt: SYSTEM_OK,
    exclusive: [],
    topKKey: 'k',
  };
}

function cohereCommandText(): FamilySpec {
  return {
    family: 'cohere-command-text',
    temperature: num(0, 5, 0.01, 0.9),
    topP: num(0, 1, 0.01, 0.75),
    topK: num(0, 500, 1, 0),
    // Cohere documents 4096; 4000 is what every endpoint we test against accepts.
    maxTokens: num(1, 4000, 1, 400),
    stopSequences: STOP4,
    systemPrompt: SYSTEM_OK,
    exclusive: [],
    topKKey: 'k',
  };
}

function jamba(): FamilySpec {
  return {
    family: 'ai21-jamba',
    // Jamba itself takes up to 2, but Converse's inferenceConfig caps temperature at 1.
    temperature: num(0, 1, 0.01, 1),
    topP: num(0, 1, 0.01, 1),
    topK: off('AI21 Jamba models take no top-k.', 0, 500, 1, 0),
    maxTokens: num(1, 4096, 1, 4096),
    stopSequences: STOP4,
    systemPrompt: SYSTEM_OK,
    exclusive: [],
  };
}

function jurassic(): FamilySpec {
  return {
    family: 'ai21-jurassic',
    temperature: num(0, 1, 0.01, 0.5),
    topP: num(0, 1, 0.01, 1),
    topK: off('AI21 Jurassic-2 models take no top-k.', 0, 500, 1, 0),
    maxTokens: num(1, 8191, 1, 200),
    stopSequences: STOP4,
    systemPrompt: SYSTEM_OK,
    exclusive: [],
  };
}

function deepseek(): FamilySpec {
  return {
    family: 'deepseek',
    temperature: num(0, 1, 0.01, 1),
    topP: num(0, 1, 0.01, 1),
    topK: off('DeepSeek models take no top-k.', 0, 500, 1, 0),
    maxTokens: num(1, 32768, 1, 8192),
    stopSequences: { supported: true, max: 10 },
    systemPrompt: SYSTEM_OK,
    exclusive: [],
  };
}

function generic(provider: string): FamilySpec {
  return {
    family: provider ? `${provider}-generic` : 'generic',
    temperature: num(0, 1, 0.01, 0.7),
    topP: num(0, 1, 0.01, 0.9),
    topK: off('This model family takes no top-k through Converse.', 0, 500, 1, 0),
    maxTokens: num(1, 4096, 1, 1024),
    stopSequences: STOP4,
    systemPrompt: SYSTEM_OK,
    exclusive: [],
  };
}

const notText = (what: string): FamilySpec => ({
  family: what,
  temperature: off(`${what} models take no text inference parameters.`),
  topP: off(`${what} models take no text inference parameters.`),
  topK: off(`${what} models take no text inference parameters.`, 0, 500, 1, 0),
  maxTokens: off(`${what} models take no text inference parameters.`, 1, 1, 1, 1),
  stopSequences: { supported: false, reason: `${what} models take no text inference parameters.`, max: 0 },
  systemPrompt: { supported: false, reason: `${what} models take no system prompt.` },
  exclusive: [],
});

/** The family spec for a model id (profile prefixes and ARNs are looked through). */
export function familySpec(modelId: string, outputModalities: readonly string[] = ['TEXT']): FamilySpec {
  const base = baseModelId(modelId);
  if (outputModalities.length > 0 && !outputModalities.includes('TEXT')) {
    return notText(outputModalities.includes('IMAGE') ? 'Image' : outputModalities.includes('EMBEDDING') ? 'Embedding' : 'Non-text');
  }
  const provider = base.split('.')[0] ?? '';
  if (base.startsWith('anthropic.claude')) return anthropic(base);
  if (base.startsWith('amazon.nova')) return nova(base);
  if (base.startsWith('amazon.titan-text') || base.startsWith('amazon.titan-tg1')) return titanText(base);
  if (base.startsWith('meta.llama')) return llama(base);
  if (base.startsWith('mistral.')) return mistral(base);
  if (/^cohere\.command-(light-)?text/.test(base)) return cohereCommandText();
  if (base.startsWith('cohere.command-r')) return cohereCommandR();
  if (base.startsWith('ai21.jamba')) return jamba();
  if (base.startsWith('ai21.j2')) return jurassic();
  if (base.startsWith('deepseek.')) return deepseek();
  return generic(provider);
}

export const NUMERIC_PARAMETERS: ReadonlyArray<Exclude<ParameterName, 'stopSequences'>> = ['temperature', 'topP', 'topK', 'maxTokens'];

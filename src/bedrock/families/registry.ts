import { ai21Jamba, ai21Jurassic } from './ai21';
import { amazonNova, amazonTitanText } from './amazonText';
import { anthropicClaude } from './anthropic';
import { cohereCommandR, cohereCommandText } from './cohere';
import { deepseek } from './deepseek';
import { embeddingSpecFor, EMBEDDING_SOURCES } from './embeddingModels';
import { imageFamily, imageModelSpec, IMAGE_SOURCES } from './imageModels';
import { metaLlama } from './metaLlama';
import { mistral } from './mistral';
import { baseModelId, providerOf } from './modelId';
import { reasoningEffortSource, reasoningEffortSpec } from './reasoningEffort';
import { NO_TOOLS, off, type ModelFamily, type ModelRules } from './types';
import { unknownModelRules } from './unknown';

// The model registry: one place that says what a model takes, with the source of each rule. Every
// consumer (parameters, chat bodies, tools, image and embedding forms, VS Code's model picker)
// reads modelRules(). A new family is one file here plus its tests (CONTRIBUTING.md).

const TEXT_FAMILIES: readonly ModelFamily[] = [
  anthropicClaude, amazonNova, amazonTitanText, metaLlama, mistral, cohereCommandText, cohereCommandR, ai21Jamba, ai21Jurassic, deepseek,
];

/** What the registry needs of a model: its id, and (when known) its name and modalities from the catalog. */
export interface ModelLike { id: string; name?: string; inputModalities?: readonly string[]; outputModalities?: readonly string[] }

function notText(what: string, known: boolean): ModelRules {
  const why = `${what} models take no text inference parameters.`;
  return {
    family: what.toLowerCase(),
    known,
    chatApi: 'none',
    parameters: {
      family: what,
      temperature: off(why),
      topP: off(why),
      topK: off(why, 0, 500, 1, 0),
      maxTokens: off(why, 1, 1, 1, 1),
      stopSequences: { supported: false, reason: why, max: 0 },
      systemPrompt: { supported: false, reason: `${what} models take no system prompt.` },
      exclusive: [],
    },
    tools: NO_TOOLS,
    reasoning: false,
    sources: {},
  };
}

/** Everything the registry knows about a model (profile prefixes and ARNs are looked through). */
export function modelRules(model: ModelLike): ModelRules {
  const base = baseModelId(model.id);
  const out = model.outputModalities ?? ['TEXT'];
  if (out.length > 0 && !out.includes('TEXT')) {
    if (out.includes('IMAGE')) {
      const family = imageFamily(base);
      const image = imageModelSpec({ id: base });
      const rules = notText('Image', family !== undefined && image !== undefined);
      if (family && image) {
        rules.image = image;
        rules.sources.image = IMAGE_SOURCES[family];
      }
      return rules;
    }
    if (out.includes('EMBEDDING')) {
      const embedding = embeddingSpecFor({ id: base });
      const rules = notText('Embedding', embedding !== undefined);
      if (embedding) {
        rules.embedding = embedding;
        rules.sources.embedding = EMBEDDING_SOURCES[embedding.family];
      }
      return rules;
    }
    return notText('Non-text', false);
  }
  const family = TEXT_FAMILIES.find((f) => f.matches(base, out));
  const rules = family ? family.rules(base, { inputModalities: model.inputModalities ?? ['TEXT'] }) : unknownModelRules(providerOf(base));
  if (family) rules.parameters.limitsKnown = true;
  return withReasoningEffort(base, rules);
}

/** Adds the documented effort control (families/reasoningEffort.ts), also to a model no family knows (gpt-oss). */
function withReasoningEffort(base: string, rules: ModelRules): ModelRules {
  const effort = reasoningEffortSpec(base);
  if (!effort) return rules;
  rules.parameters.reasoningEffort = effort;
  rules.reasoning = true;
  rules.sources.reasoningEffort = reasoningEffortSource(effort);
  return rules;
}

/** The families the registry knows, for tests and the developer notes. */
export function knownTextFamilies(): readonly ModelFamily[] {
  return TEXT_FAMILIES;
}

/** Converse's tool support for a model (none for models the registry does not know). */
export function toolSupport(model: ModelLike): ModelRules['tools'] {
  return modelRules(model).tools;
}

/** The registry has a way to chat with the model: Converse, or the model's own InvokeModel body. */
export function canChat(model: ModelLike): boolean {
  return (model.inputModalities ?? ['TEXT']).includes('TEXT') && modelRules(model).chatApi !== 'none';
}

/** The model chats through Converse (what VS Code's language-model API needs: content blocks, tools). */
export function canConverse(model: ModelLike): boolean {
  return (model.inputModalities ?? ['TEXT']).includes('TEXT') && modelRules(model).chatApi === 'converse';
}

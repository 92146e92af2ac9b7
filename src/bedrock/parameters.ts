import type { InferenceSettings, ModelRecord, ParameterAdjustment, ParameterName, ParameterSpec } from './types';
import { modelRules } from './families/registry';
import { reasoningEffortFields } from './families/reasoningEffort';
import { applyLearned, type LearnedRule } from './learnedRules';

export const NUMERIC_PARAMETERS: ReadonlyArray<Exclude<ParameterName, 'stopSequences'>> = ['temperature', 'topP', 'topK', 'maxTokens'];

// Turns what the user asked for into a request the model accepts: unsupported parameters are
// dropped, values clamped to the model's limits, top-k moved to the family's own key, refused
// combinations resolved, and every change reported with its reason.

/** Converse's common inference parameters. */
export interface InferenceConfig {
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
}

export interface InferenceRequestParts {
  inferenceConfig: InferenceConfig;
  /** Model-specific fields (top-k under the family's key); undefined when there are none. */
  additionalModelRequestFields?: Record<string, unknown>;
  adjustments: ParameterAdjustment[];
  /** The normalized values, for adapters that build the model's own body (InvokeModel). */
  values: InferenceSettings;
  /** Where `cachePoint` blocks may go and how many, when caching was asked for and the model takes it. */
  promptCache?: NonNullable<ParameterSpec['promptCache']>;
}

const LABEL: Record<ParameterName, string> = {
  temperature: 'temperature',
  topP: 'top-p',
  topK: 'top-k',
  maxTokens: 'max tokens',
  stopSequences: 'stop sequences',
};

/** What the model takes (the registry's rules, then what Bedrock taught us), for the UI and for buildInferenceRequest. */
export function parameterSpec(model: Pick<ModelRecord, 'id' | 'outputModalities'>, learned: readonly LearnedRule[] = []): ParameterSpec {
  return applyLearned(modelRules(model).parameters, learned);
}

function modelLabel(model: Pick<ModelRecord, 'id'> & { name?: string }): string {
  return model.name || model.id;
}

/** The one place user settings become a valid request. */
export function buildInferenceRequest(
  model: Pick<ModelRecord, 'id' | 'outputModalities'> & { name?: string },
  settings: InferenceSettings,
  learned: readonly LearnedRule[] = [],
): InferenceRequestParts {
  const spec = parameterSpec(model, learned);
  const adjustments: ParameterAdjustment[] = [];
  const values: InferenceSettings = {};
  const who = modelLabel(model);

  for (const name of NUMERIC_PARAMETERS) {
    const raw = settings[name];
    if (raw === undefined || raw === null) continue;
    const p = spec[name];
    if (typeof raw !== 'number' || !Number.isFinite(raw)) {
      adjustments.push({ parameter: name, from: raw, to: undefined, reason: `${LABEL[name]} must be a number; not sent.` });
      continue;
    }
    if (!p.supported) {
      adjustments.push({ parameter: name, from: raw, to: undefined, reason: p.reason ?? `${who} does not take ${LABEL[name]}; not sent.` });
      continue;
    }
    let v = raw;
    if (name === 'topK' || name === 'maxTokens') v = Math.round(v);
    if (v < p.min || v > p.max) {
      const clamped = Math.min(p.max, Math.max(p.min, v));
      adjustments.push({ parameter: name, from: raw, to: clamped, reason: `${LABEL[name]} ${raw} is outside ${who}'s range ${p.min}–${p.max}; sent ${clamped}.` });
      v = clamped;
    } else if (v !== raw) {
      adjustments.push({ parameter: name, from: raw, to: v, reason: `${LABEL[name]} must be a whole number; sent ${v}.` });
    }
    values[name] = v;
  }

  if (settings.stopSequences !== undefined) {
    const raw = settings.stopSequences;
    let cleaned = Array.isArray(raw) ? raw.filter((s): s is string => typeof s === 'string' && s.length > 0) : [];
    const pattern = spec.stopSequences.pattern ? new RegExp(spec.stopSequences.pattern) : undefined;
    if (pattern && spec.stopSequences.supported) {
      const refused = cleaned.filter((s) => !pattern.test(s));
      if (refused.length > 0) {
        adjustments.push({ parameter: 'stopSequences', from: raw, to: cleaned.filter((s) => pattern.test(s)), reason: `${who} takes only ${spec.stopSequences.patternHint ?? `stop sequences matching ${spec.stopSequences.pattern}`} as a stop sequence; did not send ${refused.map((s) => JSON.stringify(s)).join(', ')}.` });
        cleaned = cleaned.filter((s) => pattern.test(s));
      }
    }
    if (!spec.stopSequences.supported) {
      if (cleaned.length > 0) {
        adjustments.push({ parameter: 'stopSequences', from: raw, to: undefined, reason: spec.stopSequences.reason ?? `${who} takes no stop sequences; not sent.` });
      }
    } else if (cleaned.length > spec.stopSequences.max) {
      const kept = cleaned.slice(0, spec.stopSequences.max);
      adjustments.push({ parameter: 'stopSequences', from: raw, to: kept, reason: `${who} takes at most ${spec.stopSequences.max} stop sequences; sent the first ${spec.stopSequences.max}.` });
      values.stopSequences = kept;
    } else if (cleaned.length > 0) {
      if (!pattern && cleaned.length !== (Array.isArray(raw) ? raw.length : 0)) {
        adjustments.push({ parameter: 'stopSequences', from: raw, to: cleaned, reason: 'Empty stop sequences are not sent.' });
      }
      values.stopSequences = cleaned;
    }
  }

  resolveExclusive(spec, values, adjustments, who);
  const budget = reasoningBudget(spec, settings, values, adjustments, who);
  const effort = reasoningEffort(spec, settings, adjustments, who);
  const placed = place(spec, values);
  if (budget !== undefined) {
    placed.additionalModelRequestFields = { ...placed.additionalModelRequestFields, thinking: { type: 'enabled', budget_tokens: budget } };
  }
  if (effort !== undefined && spec.reasoningEffort) {
    placed.additionalModelRequestFields = { ...placed.additionalModelRequestFields, ...reasoningEffortFields(spec.reasoningEffort, effort) };
  }
  let promptCache: InferenceRequestParts['promptCache'];
  if (settings.cachePrompt === true) {
    if (spec.promptCache) promptCache = spec.promptCache;
    else adjustments.push({ parameter: 'cachePrompt', from: true, to: undefined, reason: `${who} does not take prompt caching; no cache points sent.` });
  }
  return { ...placed, adjustments, values, ...(promptCache ? { promptCache } : {}) };
}

/**
 * Reasoning with a budget (Claude's extended thinking, families/anthropic.ts): the budget is at least the
 * model's minimum and below max tokens (which is then always sent), and the parameters the model refuses
 * while reasoning are not sent. Returns the budget to send, or undefined when reasoning is off.
 */
function reasoningBudget(spec: ParameterSpec, settings: InferenceSettings, values: InferenceSettings, adjustments: ParameterAdjustment[], who: string): number | undefined {
  const raw = settings.reasoningBudget;
  if (raw === undefined || raw === null) return undefined;
  const r = spec.reasoning;
  if (!r) {
    adjustments.push({ parameter: 'reasoning', from: raw, to: undefined, reason: `${who} takes no reasoning budget; reasoning not requested.` });
    return undefined;
  }
  if (typeof raw !== 'number' || !Number.isFinite(raw)) {
    adjustments.push({ parameter: 'reasoning', from: raw, to: undefined, reason: 'The reasoning budget must be a number; reasoning not requested.' });
    return undefined;
  }
  const maxTokens = values.maxTokens ?? spec.maxTokens.default;
  if (maxTokens <= r.min) {
    adjustments.push({ parameter: 'reasoning', from: raw, to: undefined, reason: `Reasoning needs max tokens above ${r.min} (its smallest budget); max tokens is ${maxTokens}, so reasoning was not requested.` });
    return undefined;
  }
  values.maxTokens = maxTokens;
  let budget = Math.round(raw);
  if (budget < r.min || budget >= maxTokens) {
    const clamped = Math.min(maxTokens - 1, Math.max(r.min, budget));
    adjustments.push({ parameter: 'reasoning', from: raw, to: clamped, reason: `The reasoning budget must be at least ${r.min} and below max tokens (${maxTokens}); sent ${clamped}.` });
    budget = clamped;
  }
  for (const name of r.refuses) {
    if (values[name] === undefined) continue;
    adjustments.push({ parameter: name, from: values[name], to: undefined, reason: `${r.refusesReason} Did not send ${LABEL[name]}.` });
    delete values[name];
  }
  return budget;
}

/**
 * Reasoning by effort level (families/reasoningEffort.ts: Nova 2, gpt-oss): the level must be one the model
 * documents. No parameter is dropped: none is documented as refused while these models reason.
 */
function reasoningEffort(spec: ParameterSpec, settings: InferenceSettings, adjustments: ParameterAdjustment[], who: string): string | undefined {
  const raw = settings.reasoningEffort;
  if (raw === undefined || raw === null) return undefined;
  const r = spec.reasoningEffort;
  if (!r) {
    adjustments.push({ parameter: 'reasoning', from: raw, to: undefined, reason: `${who} takes no reasoning effort; reasoning not requested.` });
    return undefined;
  }
  if (typeof raw !== 'string' || !r.levels.includes(raw)) {
    adjustments.push({ parameter: 'reasoning', from: raw, to: undefined, reason: `The reasoning effort must be one of ${r.levels.join(', ')}; ${r.alwaysOn ? 'the model\'s own default was used' : 'reasoning not requested'}.` });
    return undefined;
  }
  return raw;
}

/** Keeps the first of each refused pair (temperature over top-p) and says so. */
function resolveExclusive(spec: ParameterSpec, values: InferenceSettings, adjustments: ParameterAdjustment[], who: string): void {
  for (const [keep, drop] of spec.exclusive) {
    if (values[keep] !== undefined && values[drop] !== undefined) {
      adjustments.push({
        parameter: drop,
        from: values[drop],
        to: undefined,
        reason: `${who} refuses ${LABEL[keep]} and ${LABEL[drop]} together; kept ${LABEL[keep]}, did not send ${LABEL[drop]}.`,
      });
      delete values[drop];
    }
  }
}

function place(spec: ParameterSpec, v: InferenceSettings): Pick<InferenceRequestParts, 'inferenceConfig' | 'additionalModelRequestFields'> {
  const inferenceConfig: InferenceConfig = {};
  if (v.maxTokens !== undefined) inferenceConfig.maxTokens = v.maxTokens;
  if (v.temperature !== undefined) inferenceConfig.temperature = v.temperature;
  if (v.topP !== undefined) inferenceConfig.topP = v.topP;
  if (v.stopSequences !== undefined) inferenceConfig.stopSequences = v.stopSequences;
  if (v.topK === undefined || !spec.topKKey) return { inferenceConfig };
  const additionalModelRequestFields: Record<string, unknown> =
    spec.topKKey === 'inferenceConfig.topK' ? { inferenceConfig: { topK: v.topK } } : { [spec.topKKey]: v.topK };
  return { inferenceConfig, additionalModelRequestFields };
}

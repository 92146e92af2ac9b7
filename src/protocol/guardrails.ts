// Guardrails on the playground protocol: the account's guardrails for the picker beside the model
// (Chat tab and each Compare column), the guardrail chosen for a conversation (in ChatOptions), what
// a guardrail did to a turn, and the "Test guardrail" action. Types, guards and method descriptors
// only; shared by host and webview. Names are `guardrails/...`.

import type { BedrockErrorInfo } from '../bedrock/types';
import { isDone, isErrorInfo, isIdString, isRefreshModelsParams } from './common';
import { request } from './methods';
import { type Guard, isArrayOf, isBoolean, isOneOf, isOptional, isShape, isString } from './validate';

/** The guardrail a conversation is sent with: id, version ("DRAFT" or a number), and its name for the words shown. */
export interface GuardrailChoice { id: string; version: string; name: string }

export interface GuardrailListItem {
  id: string;
  name: string;
  status: string;
  /** DRAFT first, then the numbered versions, newest first. */
  versions: string[];
}

export interface GuardrailsView {
  guardrails: GuardrailListItem[];
  /** Set when ListGuardrails failed (permission, network…); the picker keeps "None" and says why. */
  error?: BedrockErrorInfo;
}

/** One thing the guardrail found, in words (src/bedrock/guardrailText.ts). */
export interface GuardrailFindingView {
  policy: 'topic' | 'content' | 'word' | 'sensitiveInformation' | 'contextualGrounding' | 'automatedReasoning';
  what: string;
  action: string;
  source: 'input' | 'output';
}

/** What a guardrail did to a turn: shown under the turn, as text. */
export interface GuardrailOutcomeView {
  intervened: boolean;
  summary: string;
  findings: GuardrailFindingView[];
}

export interface TestGuardrailParams {
  /** The guardrail the picker shows (the command asks when it is absent). */
  guardrail?: GuardrailChoice;
}

// ---- Guards ----

/** Bedrock's version pattern (([1-9][0-9]{0,7})|(DRAFT)): API_runtime_GuardrailConfiguration. */
const isVersion: Guard<string> = (v): v is string => typeof v === 'string' && /^([1-9]\d{0,7}|DRAFT)$/.test(v);

export const isGuardrailChoice: Guard<GuardrailChoice> = isShape({ id: isIdString, version: isVersion, name: isString(500) });
const isListItem: Guard<GuardrailListItem> = isShape({ id: isIdString, name: isString(500), status: isString(100), versions: isArrayOf(isVersion, 1000) });
export const isGuardrailsView: Guard<GuardrailsView> = isShape({ guardrails: isArrayOf(isListItem, 1000), error: isOptional(isErrorInfo) });
const isPolicy = isOneOf(['topic', 'content', 'word', 'sensitiveInformation', 'contextualGrounding', 'automatedReasoning'] as const);
export const isGuardrailOutcomeView: Guard<GuardrailOutcomeView> = isShape({
  intervened: isBoolean,
  summary: isString(20_000),
  findings: isArrayOf(isShape({ policy: isPolicy, what: isString(2000), action: isString(100), source: isOneOf(['input', 'output'] as const) }), 500),
});
export const isTestGuardrailParams: Guard<TestGuardrailParams> = isShape({ guardrail: isOptional(isGuardrailChoice) });

// ---- Methods ----

export const GuardrailRequests = {
  /** The account's guardrails in the current Region (ListGuardrails), cached until `refresh`. */
  list: request('guardrails/list', isRefreshModelsParams, isGuardrailsView),
  /** Runs "Bedrock: Test Guardrail…" (ApplyGuardrail) for the picker's guardrail. */
  test: request('guardrails/test', isTestGuardrailParams, isDone),
} as const;


// The Embeddings tab's methods on the playground protocol (`embeddings/...`). Types, guards and
// method descriptors only; shared by host and webview.

import type { BedrockErrorInfo } from '../bedrock/types';
import { COHERE_INPUT_TYPES, type CohereInputType } from '../bedrock/families/embeddingModels';
import { isDone, isErrorInfo, isNoParams, isRefreshModelsParams, isRetryResult, MAX_ID } from './common';
import { event, notification, request } from './methods';
import { type Guard, isArrayOf, isBoolean, isInteger, isNumber, isOneOf, isOptional, isShape, isString, isEither, isLiteral } from './validate';

/** Texts per computation the tab accepts (Cohere sends them 96 per call). */
export const MAX_TEXTS = 500;
/** Characters per text the protocol carries (the model's own limit is smaller and reported per text). */
export const MAX_TEXT_CHARS = 200_000;

export interface EmbeddingModelOption {
  id: string;
  name: string;
  provider: string;
  dimensions?: number[];
  defaultDimensions: number;
  normalize: boolean;
  inputTypes?: CohereInputType[];
  maxBatch: number;
  maxChars: number;
  overLimit: 'refuse' | 'truncate';
}

export interface EmbeddingModelsView { models: EmbeddingModelOption[]; loading: boolean; error?: BedrockErrorInfo; region: string; local: boolean }

export interface EmbeddingSettings { modelId: string; dimensions?: number; normalize: boolean; inputType?: CohereInputType }
export interface ComputeParams { settings: EmbeddingSettings; texts: string[] }

export type OutcomeView =
  | { status: 'embedded' }
  | { status: 'truncated'; sentChars: number; originalChars: number }
  | { status: 'refused'; reason: string };

export interface EmbeddingsView {
  modelName: string;
  dimensions: number;
  calls: number;
  durationMs: number;
  inputTokens?: number;
  /** Display labels of the texts (shortened). */
  labels: string[];
  outcomes: OutcomeView[];
  /** Cosine similarity of every pair; null where a text was refused. */
  matrix: (number | null)[][];
}

export type ComputeResult = { result: EmbeddingsView } | { error: BedrockErrorInfo };
export interface NeighboursParams { query: string }
export interface NeighbourView { index: number; similarity: number }
export type NeighboursResult = { neighbours: NeighbourView[] } | { error: BedrockErrorInfo };
export interface TextsResult { texts: string[]; message: string }
export interface ExportResult { saved: boolean; message: string; savedAs?: string }

// ---- Guards ----
const isInputType = isOneOf(COHERE_INPUT_TYPES as readonly CohereInputType[]) as Guard<CohereInputType>;

export const isEmbeddingSettings: Guard<EmbeddingSettings> = isShape({
  modelId: isString(MAX_ID), dimensions: isOptional(isInteger(1, 100_000)), normalize: isBoolean, inputType: isOptional(isInputType),
});
export const isComputeParams: Guard<ComputeParams> = isShape({ settings: isEmbeddingSettings, texts: isArrayOf(isString(MAX_TEXT_CHARS), MAX_TEXTS) });
export const isNeighboursParams: Guard<NeighboursParams> = isShape({ query: isString(MAX_TEXT_CHARS) });

const isOption: Guard<EmbeddingModelOption> = isShape({
  id: isString(MAX_ID), name: isString(500), provider: isString(200), dimensions: isOptional(isArrayOf(isInteger(1, 100_000), 20)),
  defaultDimensions: isInteger(1, 100_000), normalize: isBoolean, inputTypes: isOptional(isArrayOf(isInputType, 10)),
  maxBatch: isInteger(1, 10_000), maxChars: isInteger(1, 10_000_000), overLimit: isOneOf(['refuse', 'truncate'] as const),
});
export const isEmbeddingModelsView: Guard<EmbeddingModelsView> = isShape({
  models: isArrayOf(isOption, 1000), loading: isBoolean, error: isOptional(isErrorInfo), region: isString(100), local: isBoolean,
});
const isOutcome: Guard<OutcomeView> = isEither(
  isShape({ status: isLiteral('embedded') }),
  isEither(
    isShape({ status: isLiteral('truncated'), sentChars: isInteger(0, 1e9), originalChars: isInteger(0, 1e9) }),
    isShape({ status: isLiteral('refused'), reason: isString(1000) }),
  ),
) as Guard<OutcomeView>;
const isCell = (v: unknown): v is number | null => v === null || (typeof v === 'number' && v >= -1.0001 && v <= 1.0001);
const isView: Guard<EmbeddingsView> = isShape({
  modelName: isString(500), dimensions: isInteger(0, 100_000), calls: isInteger(0, 1e6), durationMs: isNumber(0, 1e10),
  inputTokens: isOptional(isInteger(0, 1e12)), labels: isArrayOf(isString(500), MAX_TEXTS), outcomes: isArrayOf(isOutcome, MAX_TEXTS),
  matrix: isArrayOf(isArrayOf(isCell, MAX_TEXTS), MAX_TEXTS),
});
export const isComputeResult: Guard<ComputeResult> = isEither(isShape({ result: isView }), isShape({ error: isErrorInfo })) as Guard<ComputeResult>;
export const isNeighboursResult: Guard<NeighboursResult> = isEither(
  isShape({ neighbours: isArrayOf(isShape({ index: isInteger(0, MAX_TEXTS), similarity: isNumber(-1.0001, 1.0001) }), MAX_TEXTS) }),
  isShape({ error: isErrorInfo }),
) as Guard<NeighboursResult>;
export const isTextsResult: Guard<TextsResult> = isShape({ texts: isArrayOf(isString(MAX_TEXT_CHARS), MAX_TEXTS), message: isString(1000) });
export const isExportResult: Guard<ExportResult> = isShape({ saved: isBoolean, message: isString(10_000), savedAs: isOptional(isString(8192)) });
export const isProgress: Guard<{ done: number; total: number }> = isShape({ done: isInteger(0, 1e6), total: isInteger(0, 1e6) });
export const isResultEvent: Guard<{ result: EmbeddingsView }> = isShape({ result: isView });

// ---- Methods ----

export const EmbeddingsRequests = {
  compute: request('embeddings/compute', isComputeParams, isComputeResult),
  neighbours: request('embeddings/neighbours', isNeighboursParams, isNeighboursResult),
  /** The selection of the last text editor, one text per line. */
  fromSelection: request('embeddings/fromSelection', isNoParams, isTextsResult),
  /** Chosen files, one text each. */
  fromFiles: request('embeddings/fromFiles', isNoParams, isTextsResult),
  /** The last computation's vectors as JSON into the workspace. */
  exportJson: request('embeddings/export', isNoParams, isExportResult),
  refreshModels: request('embeddings/refreshModels', isRefreshModelsParams, isDone),
  /** Runs the action of the last error (model access page, SSO sign-in…); answers { retry }. */
  runErrorAction: request('embeddings/runErrorAction', isNoParams, isRetryResult),
} as const;

export const EmbeddingsNotifications = {
  /** Aborts the computation that is running. */
  cancel: notification('embeddings/cancel', isNoParams),
} as const;

export const EmbeddingsEvents = {
  models: event('embeddings/models', isEmbeddingModelsView),
  /** The last computation's results, kept by the host: after ready, and when a computation ends (a reloaded page gets them). */
  result: event('embeddings/result', isResultEvent),
  /** Progress of a computation: texts done of texts sent. */
  progress: event('embeddings/progress', isProgress),
} as const;

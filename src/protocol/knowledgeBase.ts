// The Knowledge base tab's methods on the playground protocol (`knowledgeBase/...`). Types, guards
// and method descriptors only; shared by host and webview.

import type { BedrockErrorInfo } from '../bedrock/types';
import { isDone, isErrorInfo, isNoParams, isRefreshModelsParams, isRetryResult, isToken, MAX_ID } from './common';
import { event, notification, request } from './methods';
import { type Guard, isArrayOf, isBoolean, isEither, isInteger, isLiteral, isNumber, isOptional, isShape, isString } from './validate';

export const MAX_QUESTION = 20_000;
export const MAX_RESULTS = 100;

export interface KnowledgeBaseView { id: string; name: string; description?: string; status: string; updatedAt?: string }
export interface GenerationModelView { id: string; name: string; provider: string }
export interface KnowledgeBasesView {
  knowledgeBases: KnowledgeBaseView[];
  models: GenerationModelView[];
  loading: boolean;
  error?: BedrockErrorInfo;
  region: string;
  local: boolean;
  defaultModelId?: string;
}

export interface ChunkView { text: string; score?: number; sourceType: string; uri?: string; chunkId?: string }
export interface CitationView { start: number; end: number; references: ChunkView[] }

export interface QuestionParams { knowledgeBaseId: string; question: string; numberOfResults: number }
export interface AskParams extends QuestionParams { modelId: string; token: string }
export type RetrieveResult = { chunks: ChunkView[]; durationMs: number } | { error: BedrockErrorInfo };
export type AskResult = { done: true; durationMs: number; sessionId?: string } | { error: BedrockErrorInfo };
/** One event of a streamed answer, tagged with the ask's token. */
export type AskEventView =
  | { token: string; type: 'text'; text: string }
  | { token: string; type: 'citation'; citation: CitationView };

/**
 * What the tab shows under the form, kept by the host: a page reloaded while the panel was hidden
 * gets it back, and follows an answer that is still streaming (by its token).
 */
export type OutputView =
  | { kind: 'chunks'; question: string; chunks: ChunkView[]; status: string }
  | { kind: 'answer'; question: string; token: string; text: string; citations: CitationView[]; running: boolean; status: string };

// ---- Guards ----

const isKbId = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-zA-Z]{1,64}$/.test(v);

export const isQuestionParams: Guard<QuestionParams> = isShape({ knowledgeBaseId: isKbId, question: isString(MAX_QUESTION), numberOfResults: isInteger(1, MAX_RESULTS) });
export const isAskParams: Guard<AskParams> = isShape({
  knowledgeBaseId: isKbId, question: isString(MAX_QUESTION), numberOfResults: isInteger(1, MAX_RESULTS), modelId: isString(MAX_ID), token: isToken,
});
export const isTokenParams: Guard<{ token: string }> = isShape({ token: isToken });
export const isSourceParams: Guard<{ uri: string }> = isShape({ uri: isString(8192) });
export const isChunkParams: Guard<{ text: string; uri?: string }> = isShape({ text: isString(1_000_000), uri: isOptional(isString(8192)) });

const isChunk: Guard<ChunkView> = isShape({
  text: isString(1_000_000), score: isOptional(isNumber(-1e6, 1e6)), sourceType: isString(64), uri: isOptional(isString(8192)), chunkId: isOptional(isString(MAX_ID)),
});
const isCitation: Guard<CitationView> = isShape({ start: isInteger(0, 1e9), end: isInteger(0, 1e9), references: isArrayOf(isChunk, 1000) });
export const isKnowledgeBasesView: Guard<KnowledgeBasesView> = isShape({
  knowledgeBases: isArrayOf(isShape({ id: isString(64), name: isString(500), description: isOptional(isString(10_000)), status: isString(64), updatedAt: isOptional(isString(64)) }), 10_000),
  models: isArrayOf(isShape({ id: isString(MAX_ID), name: isString(500), provider: isString(200) }), 1000),
  loading: isBoolean, error: isOptional(isErrorInfo), region: isString(100), local: isBoolean, defaultModelId: isOptional(isString(MAX_ID)),
});
export const isRetrieveResult: Guard<RetrieveResult> = isEither(isShape({ chunks: isArrayOf(isChunk, MAX_RESULTS), durationMs: isNumber(0, 1e10) }), isShape({ error: isErrorInfo })) as Guard<RetrieveResult>;
export const isAskResult: Guard<AskResult> = isEither(
  isShape({ done: isLiteral(true), durationMs: isNumber(0, 1e10), sessionId: isOptional(isString(200)) }),
  isShape({ error: isErrorInfo }),
) as Guard<AskResult>;
export const isAskEvent: Guard<AskEventView> = isEither(
  isShape({ token: isToken, type: isLiteral('text'), text: isString(1_000_000) }),
  isShape({ token: isToken, type: isLiteral('citation'), citation: isCitation }),
) as Guard<AskEventView>;
export const isOutputView: Guard<OutputView> = isEither(
  isShape({ kind: isLiteral('chunks'), question: isString(MAX_QUESTION), chunks: isArrayOf(isChunk, MAX_RESULTS), status: isString(1000) }),
  isShape({
    kind: isLiteral('answer'), question: isString(MAX_QUESTION), token: isToken, text: isString(1_000_000), citations: isArrayOf(isCitation, 10_000),
    running: isBoolean, status: isString(1000),
  }),
) as Guard<OutputView>;

// ---- Methods ----

export const KnowledgeBaseRequests = {
  retrieve: request('knowledgeBase/retrieve', isQuestionParams, isRetrieveResult),
  /** Streams `knowledgeBase/answer` events, then answers AskResult. */
  ask: request('knowledgeBase/ask', isAskParams, isAskResult),
  refresh: request('knowledgeBase/refresh', isRefreshModelsParams, isDone),
  /** Opens a source: https URLs in the browser, S3 URIs in the S3 console. */
  openSource: request('knowledgeBase/openSource', isSourceParams, isDone),
  /** Opens a chunk's text in an editor. */
  openChunk: request('knowledgeBase/openChunk', isChunkParams, isDone),
  /** Runs the action of the last error (model access page, SSO sign-in…); answers { retry }. */
  runErrorAction: request('knowledgeBase/runErrorAction', isNoParams, isRetryResult),
} as const;

export const KnowledgeBaseNotifications = {
  /** Aborts the answer with this token. */
  cancel: notification('knowledgeBase/cancel', isTokenParams),
} as const;

export const KnowledgeBaseEvents = {
  view: event('knowledgeBase/view', isKnowledgeBasesView),
  answer: event('knowledgeBase/answer', isAskEvent),
  /** The output as the host keeps it: after ready, and when a retrieve or an answer ends. */
  output: event('knowledgeBase/output', isOutputView),
} as const;

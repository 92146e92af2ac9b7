// Guards every tab's protocol shares: one definition each, imported by chat, compare, images,
// embeddings and the knowledge base (and by the host's stores that read the same shapes back).

import type { ApiRequestRecord, BedrockErrorInfo } from '../bedrock/types';
import { type Guard, isBoolean, isJsonValue, isNonEmptyString, isOneOf, isOptional, isRecord, isShape, isString } from './validate';

/** Longest model id, inference profile ARN or turn id that crosses. */
export const MAX_ID = 2048;

export const isIdString: Guard<string> = isNonEmptyString(MAX_ID);

/** For requests that take no parameters: anything that is an object (or nothing). */
export const isNoParams: Guard<Record<string, unknown> | undefined> = (v): v is Record<string, unknown> | undefined =>
  v === undefined || v === null || isRecord(v);

/**
 * The result of a request that answers only "done" (its handler returns nothing). An empty object
 * is accepted too, as is anything JSON turns nothing into.
 */
export const isDone: Guard<void> = (v): v is void => v === undefined || v === null || isRecord(v);

/** A Bedrock error as the webview shows it (errors.ts's BedrockErrorInfo). */
export const isErrorInfo = isShape({
  kind: isString(40), message: isString(100_000), detail: isString(100_000), parameter: isOptional(isString(200)), retryable: isBoolean,
  action: isOptional(isShape({ kind: isString(40), label: isString(200) })),
}) as unknown as Guard<BedrockErrorInfo>;

/** The request as sent (operation, id invoked, body), for "View API request". */
export const isApiRequest: Guard<ApiRequestRecord> = isShape({
  operation: isOneOf(['Converse', 'ConverseStream', 'InvokeModel', 'InvokeModelWithResponseStream'] as const),
  modelId: isString(MAX_ID), body: isJsonValue(),
});

/** The answer of "run the error's action": whether the webview should send again. */
export interface RetryResult { retry: boolean }
export const isRetryResult: Guard<RetryResult> = isShape({ retry: isBoolean });

/** Reload a tab's model list (`refresh`: bypass the catalog cache). */
export interface RefreshModelsParams { refresh: boolean }
export const isRefreshModelsParams: Guard<RefreshModelsParams> = isShape({ refresh: isBoolean });

/** A name the webview gives a run (a generation, an answer) so it can be cancelled or followed. */
export const isToken: Guard<string> = (v): v is string => typeof v === 'string' && /^[\w-]{1,64}$/.test(v);

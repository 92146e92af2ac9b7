// The Usage tab's methods on the playground protocol (`usage/...`): the CloudWatch report of the
// current profile and Region, its range, refresh, and the CloudWatch console link. Types, guards
// and method descriptors only; shared by host and webview.

import type { BedrockErrorInfo } from '../bedrock/types';
import type { ModelUsage, UsageReport } from '../bedrock/usage/usageReport';
import { USAGE_RANGES, type UsageRange } from '../bedrock/usage/usageQuery';
import { isDone, isErrorInfo, isNoParams, isRetryResult, MAX_ID } from './common';
import { event, request } from './methods';
import { type Guard, isArrayOf, isBoolean, isInteger, isNumber, isOneOf, isOptional, isShape, isString } from './validate';

export type { ModelUsage, UsageRange, UsageReport };
export { USAGE_RANGES };

/** What the tab shows: the report of the last read (if any), whether a read is running, its error. */
export interface UsageView {
  range: UsageRange;
  region: string;
  local: boolean;
  loading: boolean;
  report?: UsageReport;
  error?: BedrockErrorInfo;
  /** The CloudWatch console on the same metrics (https), for the link under the chart. */
  consoleUrl?: string;
}

const MAX_MODELS = 2000;
const MAX_BUCKETS = 2000;
const isCount = isNumber(0, 1e15);
const isSeries = isArrayOf(isCount, MAX_BUCKETS);
const isModelUsage: Guard<ModelUsage> = isShape({
  modelId: isString(MAX_ID), invocations: isCount, inputTokens: isCount, outputTokens: isCount, throttles: isCount, clientErrors: isCount, serverErrors: isCount,
  images: isCount, latencyP50: isOptional(isCount), latencyP90: isOptional(isCount),
  series: isShape({ invocations: isSeries, inputTokens: isSeries, outputTokens: isSeries }),
});
export const isUsageRange: Guard<UsageRange> = isOneOf(USAGE_RANGES);
const isReport: Guard<UsageReport> = isShape({
  range: isUsageRange, region: isString(100), startMs: isNumber(0, 1e15), endMs: isNumber(0, 1e15), periodSeconds: isInteger(1, 1e9), buckets: isInteger(0, MAX_BUCKETS),
  models: isArrayOf(isModelUsage, MAX_MODELS), calls: isShape({ listMetrics: isInteger(0, 1e6), getMetricData: isInteger(0, 1e6) }), warnings: isArrayOf(isString(2000), 10_000),
});
export const isUsageView: Guard<UsageView> = isShape({
  range: isUsageRange, region: isString(100), local: isBoolean, loading: isBoolean, report: isOptional(isReport), error: isOptional(isErrorInfo), consoleUrl: isOptional(isString(20_000)),
});

export const UsageRequests = {
  /** Reads the metrics again over this range (the tab's range picker and Refresh button). */
  load: request('usage/load', isShape({ range: isUsageRange }), isDone),
  /** Runs the action of the last error (IAM policies page, SSO sign-in…); answers { retry }. */
  runErrorAction: request('usage/runErrorAction', isNoParams, isRetryResult),
} as const;

export const UsageEvents = {
  view: event('usage/view', isUsageView),
  /** "Bedrock: Show Usage": the webview brings the Usage tab forward. */
  reveal: event('usage/reveal', isNoParams),
} as const;

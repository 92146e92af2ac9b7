// CloudWatch's GetMetricData and ListMetrics for the `AWS/Bedrock` namespace, computed from what
// this endpoint actually served: its request log (invocations, tokens, latencies, the throttles
// and errors its faults injected), per ModelId. Imports nothing from src/: its rules come from
// CloudWatch's and Bedrock's documentation, cited where they are used.
//
// Wire protocol: @aws-sdk/client-cloudwatch 3.1163 speaks AWS JSON 1.0 (its runtime config:
// AwsJson1_0Protocol, serviceTarget GraniteServiceVersion20100801, awsQueryCompatible): POST /
// with `x-amz-target: GraniteServiceVersion20100801.<Operation>`, a JSON body, timestamps as epoch
// seconds; errors as `{__type, message}` with the query-era code in `x-amzn-query-error: Code;Sender`.

import { randomUUID } from 'node:crypto';
import type { LoggedRequest } from './requestLog';
import type { Exchange } from './transport';

export const CLOUDWATCH_TARGET = 'GraniteServiceVersion20100801.';
const NAMESPACE = 'AWS/Bedrock';

/** The runtime operations Bedrock counts in AWS/Bedrock (monitoring-runtime-metrics.html). */
const RUNTIME_OPS = new Set(['Converse', 'ConverseStream', 'InvokeModel', 'InvokeModelWithResponseStream']);

/** CloudWatch API reference, GetMetricData: at most 500 MetricDataQuery structures and 100,800 data points per call. */
const MAX_QUERIES = 500;
const MAX_DATAPOINTS = 100_800;
/** CloudWatch API reference, ListMetrics: up to 500 results per call; metrics with data in the past two weeks. */
const LIST_PAGE = 500;
const LIST_WINDOW_MS = 14 * 86_400_000;

export class CloudWatchError extends Error {
  constructor(readonly code: string, readonly status: number, message: string) { super(message); }
}

function invalid(message: string): CloudWatchError {
  return new CloudWatchError('InvalidParameterValue', 400, message);
}

export function sendCloudWatchJson(ex: Exchange, status: number, body: unknown, extra: Record<string, string> = {}): void {
  ex.respond(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID(), ...extra });
  ex.end(JSON.stringify(body));
}

export function sendCloudWatchError(ex: Exchange, err: CloudWatchError): void {
  const type = err.code === 'InvalidParameterValue' ? 'InvalidParameterValueException' : err.code;
  sendCloudWatchJson(ex, err.status, { __type: `com.amazonaws.cloudwatch#${type}`, message: err.message }, { 'x-amzn-query-error': `${err.code};Sender` });
}

/** One sample of one metric: when, and its value. */
interface Sample { t: number; v: number }

/**
 * The samples of each metric per ModelId, from the log. What counts where follows the Bedrock
 * user guide (monitoring-runtime-metrics.html): Invocations are the requests accepted for
 * processing, including those that later failed, not the throttled ones nor those refused in
 * validation; InvocationThrottles the throttled ones (each attempt the SDK made); the errors by
 * side. The ModelId dimension is the id the request named (a model id or an inference profile id);
 * source not found for profiles, inferred from the dimension's name.
 */
export function samplesFromLog(log: readonly LoggedRequest[]): Map<string, Map<string, Sample[]>> {
  const out = new Map<string, Map<string, Sample[]>>();
  const add = (model: string, metric: string, t: number, v: number) => {
    let m = out.get(model);
    if (!m) out.set(model, (m = new Map()));
    let s = m.get(metric);
    if (!s) m.set(metric, (s = []));
    s.push({ t, v });
  };
  for (const e of log) {
    if (!RUNTIME_OPS.has(e.operation) || !e.modelId || e.status === undefined) continue;
    const t = Date.parse(e.time);
    const failedMidway = e.ended === 'exception' || e.ended === 'dropped';
    if (e.status === 429) { add(e.modelId, 'InvocationThrottles', t, 1); continue; }
    if (e.status >= 500) { add(e.modelId, 'InvocationServerErrors', t, 1); continue; }
    if (e.status >= 400) {
      add(e.modelId, 'InvocationClientErrors', t, 1);
      continue;
    }
    add(e.modelId, 'Invocations', t, 1);
    if (failedMidway) add(e.modelId, 'InvocationServerErrors', t, 1);
    if (e.latencyMs !== undefined) add(e.modelId, 'InvocationLatency', t, e.latencyMs);
    if (e.usage) {
      add(e.modelId, 'InputTokenCount', t, e.usage.inputTokens);
      add(e.modelId, 'OutputTokenCount', t, e.usage.outputTokens);
    }
    if (e.images !== undefined) add(e.modelId, 'OutputImageCount', t, e.images);
  }
  return out;
}

/** A statistic over the samples of one period: the standard ones and pNN (nearest rank). */
export function statistic(stat: string, values: readonly number[]): number | undefined {
  if (!values.length) return undefined;
  switch (stat) {
    case 'Sum': return values.reduce((a, b) => a + b, 0);
    case 'SampleCount': return values.length;
    case 'Average': return values.reduce((a, b) => a + b, 0) / values.length;
    case 'Minimum': return Math.min(...values);
    case 'Maximum': return Math.max(...values);
  }
  const p = /^p(\d{1,2}(?:\.\d+)?)$/.exec(stat);
  if (!p) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((Number(p[1]) / 100) * sorted.length));
  return sorted[rank - 1];
}

const STATS = /^(Sum|SampleCount|Average|Minimum|Maximum|p\d{1,2}(\.\d+)?)$/;

interface Query { Id: string; Period: number; Stat: string; MetricName: string; Namespace: string; Dims: { Name: string; Value: string }[]; ReturnData: boolean }

function parseQueries(raw: unknown): Query[] {
  if (!Array.isArray(raw) || raw.length === 0) throw invalid('The parameter MetricDataQueries is required.');
  // Source: CloudWatch API reference, GetMetricData (MetricDataQueries: at most 500); the wording is inferred.
  if (raw.length > MAX_QUERIES) throw invalid(`The collection MetricDataQueries must not have a size greater than ${MAX_QUERIES}.`);
  const seen = new Set<string>();
  return raw.map((q: Record<string, unknown>, i) => {
    const id = String(q.Id ?? '');
    // Source: CloudWatch API reference, MetricDataQuery.Id ("The first character must be a lowercase letter").
    if (!/^[a-z][a-zA-Z0-9_]*$/.test(id)) throw invalid(`The value ${id} for parameter MetricDataQueries.member.${i + 1}.Id is not matching the expected pattern ^[a-z][a-zA-Z0-9_]*$.`);
    if (seen.has(id)) throw invalid(`The value ${id} for parameter MetricDataQueries.member.${i + 1}.Id is not unique.`);
    seen.add(id);
    const ms = q.MetricStat as Record<string, unknown> | undefined;
    if (!ms) throw invalid(`The stand-in serves MetricStat queries only (MetricDataQueries.member.${i + 1}).`);
    const metric = (ms.Metric ?? {}) as Record<string, unknown>;
    const period = Number(ms.Period);
    // Source: CloudWatch API reference, MetricStat.Period: a multiple of 60 for regular-resolution metrics.
    if (!Number.isInteger(period) || period < 60 || period % 60 !== 0) throw invalid(`The parameter MetricDataQueries.member.${i + 1}.MetricStat.Period must be a multiple of 60.`);
    const stat = String(ms.Stat ?? '');
    if (!STATS.test(stat)) throw invalid(`The parameter MetricDataQueries.member.${i + 1}.MetricStat.Stat must be a valid statistic.`);
    const dims = Array.isArray(metric.Dimensions) ? (metric.Dimensions as { Name: string; Value: string }[]) : [];
    return { Id: id, Period: period, Stat: stat, MetricName: String(metric.MetricName ?? ''), Namespace: String(metric.Namespace ?? ''), Dims: dims, ReturnData: q.ReturnData !== false };
  });
}

/** GetMetricData over the log: one result per query, a data point per period that has samples. */
export function getMetricData(body: Record<string, unknown>, log: readonly LoggedRequest[]): unknown {
  const queries = parseQueries(body.MetricDataQueries);
  const start = Number(body.StartTime);
  const end = Number(body.EndTime);
  if (!Number.isFinite(start) || !Number.isFinite(end)) throw invalid('The parameters StartTime and EndTime are required.');
  // Source not found for the exact text; CloudWatch refuses a start time that is not before the end time.
  if (start >= end) throw invalid('The parameter StartTime must be less than the parameter EndTime.');
  const points = queries.reduce((n, q) => n + Math.ceil((end - start) / q.Period), 0);
  if (points > MAX_DATAPOINTS) throw invalid(`The request asks for ${points} data points; at most ${MAX_DATAPOINTS} are allowed per call.`);
  const ascending = body.ScanBy === 'TimestampAscending';
  const samples = samplesFromLog(log);
  const results = queries.filter((q) => q.ReturnData).map((q) => {
    const modelId = q.Dims.length === 1 && q.Dims[0]!.Name === 'ModelId' ? q.Dims[0]!.Value : undefined;
    const series = q.Namespace === NAMESPACE && modelId ? samples.get(modelId)?.get(q.MetricName) ?? [] : [];
    const buckets = new Map<number, number[]>();
    for (const s of series) {
      const sec = s.t / 1000;
      if (sec < start || sec >= end) continue;
      const b = start + Math.floor((sec - start) / q.Period) * q.Period;
      let arr = buckets.get(b);
      if (!arr) buckets.set(b, (arr = []));
      arr.push(s.v);
    }
    const times = [...buckets.keys()].sort((a, b) => (ascending ? a - b : b - a));
    return { Id: q.Id, Label: q.MetricName, Timestamps: times, Values: times.map((t) => statistic(q.Stat, buckets.get(t)!)!), StatusCode: 'Complete' };
  });
  return { MetricDataResults: results, Messages: [] };
}

/** ListMetrics over the log: the AWS/Bedrock metrics per ModelId that had data in the past two weeks. */
export function listMetrics(body: Record<string, unknown>, log: readonly LoggedRequest[], nowMs = Date.now()): unknown {
  const ns = body.Namespace === undefined ? undefined : String(body.Namespace);
  const name = body.MetricName === undefined ? undefined : String(body.MetricName);
  const filters = Array.isArray(body.Dimensions) ? (body.Dimensions as { Name: string; Value?: string }[]) : [];
  if (ns !== undefined && ns !== NAMESPACE) return { Metrics: [] };
  const recent = log.filter((e) => nowMs - Date.parse(e.time) <= LIST_WINDOW_MS);
  const all: unknown[] = [];
  for (const [modelId, metrics] of samplesFromLog(recent)) {
    if (!filters.every((f) => f.Name === 'ModelId' && (f.Value === undefined || f.Value === modelId))) continue;
    for (const metric of [...metrics.keys()].sort()) {
      if (name !== undefined && metric !== name) continue;
      all.push({ Namespace: NAMESPACE, MetricName: metric, Dimensions: [{ Name: 'ModelId', Value: modelId }] });
    }
  }
  const from = Number(body.NextToken ?? 0) || 0;
  const page = all.slice(from, from + LIST_PAGE);
  return { Metrics: page, ...(from + LIST_PAGE < all.length ? { NextToken: String(from + LIST_PAGE) } : {}) };
}

/**
 * A fault armed for a CloudWatch operation, in CloudWatch's words: accessDenied is its 403
 * `AccessDenied` "User: … is not authorized to perform: cloudwatch:<Action>" (the text as quoted in
 * grafana/grafana#9076 and aws-samples/eks-workshop-v2#968); a throttle its 400 `Throttling`
 * "Rate exceeded" (source not found for the status; the code is the query-era one); others as 500.
 */
export function cloudWatchFault(err: { status: number; type?: string }, operation: string): CloudWatchError {
  if (err.status === 403) {
    return new CloudWatchError('AccessDenied', 403, `User: arn:aws:iam::000000000000:user/local is not authorized to perform: cloudwatch:${operation} because no identity-based policy allows the cloudwatch:${operation} action`);
  }
  if (err.status === 429) return new CloudWatchError('Throttling', 400, 'Rate exceeded');
  return new CloudWatchError('InternalServiceError', 500, 'The local endpoint failed on its side (an injected fault).');
}

/** Serves one CloudWatch call; the caller has checked the target prefix. */
export function handleCloudWatch(ex: Exchange, operation: string, log: readonly LoggedRequest[]): void {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(ex.body.toString('utf8') || '{}') as Record<string, unknown>;
  } catch {
    throw new CloudWatchError('SerializationException', 400, 'The request body is not valid JSON.');
  }
  if (operation === 'GetMetricData') return sendCloudWatchJson(ex, 200, getMetricData(body, log));
  if (operation === 'ListMetrics') return sendCloudWatchJson(ex, 200, listMetrics(body, log));
  throw new CloudWatchError('UnknownOperationException', 400, `The stand-in serves GetMetricData and ListMetrics only, not ${operation}.`);
}

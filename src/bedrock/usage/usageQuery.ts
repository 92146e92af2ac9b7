// The CloudWatch queries behind the Usage view: which metrics of `AWS/Bedrock`, at which period
// for each range, and how they are packed into as few GetMetricData calls as the API allows.
// Pure: no SDK, no `vscode`.
//
// Sources:
// - Metrics and their meaning: Amazon Bedrock user guide, "Monitor bedrock-runtime inference using
//   CloudWatch metrics" (monitoring-runtime-metrics.html): namespace AWS/Bedrock, dimension ModelId.
// - Limits: CloudWatch API reference, GetMetricData: "as many as 500 different metrics in a single
//   request, with a total of as many as 100,800 data points"; MaxDatapoints defaults to 100,800.
// - Periods: CloudWatch API reference, MetricStat.Period: a multiple of 60; for a start time
//   between 15 and 63 days ago a multiple of 300, beyond 63 days a multiple of 3600.

import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';

export const NAMESPACE = 'AWS/Bedrock';
export const MAX_QUERIES_PER_CALL = 500;
export const MAX_DATAPOINTS_PER_CALL = 100_800;

export const USAGE_RANGES = ['hour', 'day', 'week', 'month'] as const;
export type UsageRange = (typeof USAGE_RANGES)[number];

/** The counters summed per period (each is a count per invocation in CloudWatch). */
export const SUM_METRICS = [
  'Invocations', 'InputTokenCount', 'OutputTokenCount', 'InvocationThrottles', 'InvocationClientErrors', 'InvocationServerErrors', 'OutputImageCount',
] as const;
export type SumMetric = (typeof SUM_METRICS)[number];
export const LATENCY_METRIC = 'InvocationLatency';

/** One entry per query of a model: its metric, statistic and whether it spans the whole range. */
export const MODEL_QUERIES: readonly { key: string; metric: string; stat: string; whole: boolean }[] = [
  ...SUM_METRICS.map((m) => ({ key: m, metric: m, stat: 'Sum', whole: false })),
  // Percentiles cannot be combined from per-period values, so they are asked for once over the
  // whole range (CloudWatch extended statistics p50 / p90).
  { key: 'latencyP50', metric: LATENCY_METRIC, stat: 'p50', whole: true },
  { key: 'latencyP90', metric: LATENCY_METRIC, stat: 'p90', whole: true },
];

export interface RangePlan {
  range: UsageRange;
  /** Epoch seconds, inclusive start and exclusive end, both on a period boundary. */
  start: number;
  end: number;
  /** Seconds per chart bucket. */
  period: number;
  /** Number of chart buckets. */
  points: number;
}

const SPEC: Record<UsageRange, { seconds: number; period: number }> = {
  hour: { seconds: 3600, period: 60 },
  day: { seconds: 86_400, period: 300 },
  week: { seconds: 7 * 86_400, period: 3600 },
  // 30 days: the start is more than 15 days ago, so the period must be a multiple of 300; 6 hours keeps 120 bars.
  month: { seconds: 30 * 86_400, period: 6 * 3600 },
};

/** The time window and period of a range, ending at the period boundary after `nowMs`. */
export function planRange(range: UsageRange, nowMs: number): RangePlan {
  const { seconds, period } = SPEC[range];
  const end = Math.ceil(nowMs / 1000 / period) * period;
  return { range, start: end - seconds, end, period, points: seconds / period };
}

/** A query id: CloudWatch wants `^[a-z][a-zA-Z0-9_]*$`, unique within the call. */
export function queryId(modelIndex: number, queryIndex: number): string {
  return `m${modelIndex}_${queryIndex}`;
}

export function parseQueryId(id: string): { model: number; query: number } | undefined {
  const m = /^m(\d+)_(\d+)$/.exec(id);
  return m ? { model: Number(m[1]), query: Number(m[2]) } : undefined;
}

/** Every query for these models, in model order. */
export function buildQueries(modelIds: readonly string[], plan: RangePlan): MetricDataQuery[] {
  return modelIds.flatMap((modelId, i) => MODEL_QUERIES.map((q, k): MetricDataQuery => ({
    Id: queryId(i, k),
    MetricStat: {
      Metric: { Namespace: NAMESPACE, MetricName: q.metric, Dimensions: [{ Name: 'ModelId', Value: modelId }] },
      Period: q.whole ? plan.end - plan.start : plan.period,
      Stat: q.stat,
    },
    ReturnData: true,
  })));
}

/** The most data points a query can return over the plan's window. */
export function pointsOf(q: MetricDataQuery, plan: RangePlan): number {
  const period = q.MetricStat?.Period ?? plan.period;
  return Math.ceil((plan.end - plan.start) / period);
}

/** Packs the queries into calls of at most 500 queries and 100,800 data points each. */
export function batchQueries(queries: readonly MetricDataQuery[], plan: RangePlan): MetricDataQuery[][] {
  const batches: MetricDataQuery[][] = [];
  let current: MetricDataQuery[] = [];
  let points = 0;
  for (const q of queries) {
    const p = pointsOf(q, plan);
    if (current.length && (current.length >= MAX_QUERIES_PER_CALL || points + p > MAX_DATAPOINTS_PER_CALL)) {
      batches.push(current);
      current = [];
      points = 0;
    }
    current.push(q);
    points += p;
  }
  if (current.length) batches.push(current);
  return batches;
}

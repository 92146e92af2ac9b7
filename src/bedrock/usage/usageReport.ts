// What the Usage view shows: per model, the totals of the range and the series of its chart.
// Types and the conversion from GetMetricData's results; pure.

import type { MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { MODEL_QUERIES, parseQueryId, type RangePlan, type UsageRange } from './usageQuery';

export interface ModelUsage {
  modelId: string;
  invocations: number;
  inputTokens: number;
  outputTokens: number;
  throttles: number;
  clientErrors: number;
  serverErrors: number;
  images: number;
  /** Over the whole range, in ms; absent when CloudWatch has no latency for the model. */
  latencyP50?: number;
  latencyP90?: number;
  /** Per chart bucket, oldest first (0 where CloudWatch has no data point). */
  series: { invocations: number[]; inputTokens: number[]; outputTokens: number[] };
}

export interface UsageReport {
  range: UsageRange;
  region: string;
  /** Epoch ms of the first bucket's start and of the window's end. */
  startMs: number;
  endMs: number;
  periodSeconds: number;
  buckets: number;
  /** Sorted by invocations, most first. */
  models: ModelUsage[];
  /** ListMetrics and GetMetricData calls this report took. */
  calls: { listMetrics: number; getMetricData: number };
  /** Queries CloudWatch answered only in part (StatusCode PartialData / Forbidden / InternalError), in words. */
  warnings: string[];
}

const FIELD: Record<string, keyof Omit<ModelUsage, 'modelId' | 'series' | 'latencyP50' | 'latencyP90'> | undefined> = {
  Invocations: 'invocations', InputTokenCount: 'inputTokens', OutputTokenCount: 'outputTokens', InvocationThrottles: 'throttles',
  InvocationClientErrors: 'clientErrors', InvocationServerErrors: 'serverErrors', OutputImageCount: 'images',
};
const SERIES: Record<string, keyof ModelUsage['series'] | undefined> = { Invocations: 'invocations', InputTokenCount: 'inputTokens', OutputTokenCount: 'outputTokens' };

/** Timestamps arrive as Dates from the SDK (or epoch seconds / ISO text from a hand-made result). */
function epochSeconds(t: Date | number | string): number {
  if (t instanceof Date) return t.getTime() / 1000;
  return typeof t === 'number' ? t : Date.parse(t) / 1000;
}

/** Builds the report from the results of every GetMetricData call of the plan. */
export function buildReport(
  modelIds: readonly string[], plan: RangePlan, results: readonly MetricDataResult[], region: string, calls: UsageReport['calls'],
): UsageReport {
  const models: ModelUsage[] = modelIds.map((modelId) => ({
    modelId, invocations: 0, inputTokens: 0, outputTokens: 0, throttles: 0, clientErrors: 0, serverErrors: 0, images: 0,
    series: { invocations: new Array<number>(plan.points).fill(0), inputTokens: new Array<number>(plan.points).fill(0), outputTokens: new Array<number>(plan.points).fill(0) },
  }));
  const warnings: string[] = [];
  for (const r of results) {
    const ref = parseQueryId(r.Id ?? '');
    const model = ref && models[ref.model];
    const q = ref && MODEL_QUERIES[ref.query];
    if (!model || !q) continue;
    if (r.StatusCode && r.StatusCode !== 'Complete') warnings.push(`${q.metric} (${q.stat}) of ${model.modelId}: ${r.StatusCode}${r.Messages?.length ? ` (${r.Messages.map((m) => m.Value).join('; ')})` : ''}`);
    const values = r.Values ?? [];
    const times = r.Timestamps ?? [];
    if (q.key === 'latencyP50' || q.key === 'latencyP90') {
      if (values.length) model[q.key] = values[0]!;
      continue;
    }
    const field = FIELD[q.metric];
    const series = SERIES[q.metric];
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (field) model[field] += v;
      const t = times[i];
      if (series && t !== undefined) {
        const bucket = Math.floor((epochSeconds(t) - plan.start) / plan.period);
        if (bucket >= 0 && bucket < plan.points) model.series[series][bucket]! += v;
      }
    }
  }
  models.sort((a, b) => b.invocations - a.invocations || a.modelId.localeCompare(b.modelId));
  return {
    range: plan.range, region, startMs: plan.start * 1000, endMs: plan.end * 1000, periodSeconds: plan.period, buckets: plan.points,
    models, calls, warnings,
  };
}

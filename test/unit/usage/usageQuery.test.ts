import * as assert from 'node:assert/strict';
import type { MetricDataResult } from '@aws-sdk/client-cloudwatch';
import {
  batchQueries, buildQueries, MAX_DATAPOINTS_PER_CALL, MAX_QUERIES_PER_CALL, MODEL_QUERIES, planRange, pointsOf, queryId, USAGE_RANGES,
} from '../../../src/bedrock/usage/usageQuery';
import { buildReport } from '../../../src/bedrock/usage/usageReport';

const NOW = Date.UTC(2026, 10, 26, 6, 7, 30);
const ids = (n: number) => Array.from({ length: n }, (_, i) => `provider.model-${i}-v1:0`);

describe('usage/usageQuery (CloudWatch queries of the Usage view)', () => {
  it('plans each range on period boundaries with the periods CloudWatch allows for its age', () => {
    const hour = planRange('hour', NOW);
    assert.equal(hour.end % 60, 0);
    assert.ok(hour.end * 1000 >= NOW && hour.end * 1000 - NOW < 60_000);
    assert.deepEqual([hour.period, hour.points], [60, 60]);
    assert.deepEqual([planRange('day', NOW).period, planRange('day', NOW).points], [300, 288]);
    assert.deepEqual([planRange('week', NOW).period, planRange('week', NOW).points], [3600, 168]);
    const month = planRange('month', NOW);
    // Start 30 days ago: between 15 and 63 days, so the period must be a multiple of 300.
    assert.equal(month.period % 300, 0);
    assert.equal(month.end - month.start, 30 * 86_400);
    for (const r of USAGE_RANGES) {
      const p = planRange(r, NOW);
      assert.equal(p.start % 60, 0, r);
      assert.equal((p.end - p.start) / p.period, p.points, r);
    }
  });

  it('asks for every metric of a model, percentiles over the whole range', () => {
    const plan = planRange('week', NOW);
    const q = buildQueries(['anthropic.claude-3-haiku-20240307-v1:0'], plan);
    assert.equal(q.length, MODEL_QUERIES.length);
    const metrics = new Set(q.map((x) => x.MetricStat!.Metric!.MetricName));
    for (const m of ['Invocations', 'InvocationLatency', 'InputTokenCount', 'OutputTokenCount', 'InvocationThrottles', 'InvocationClientErrors', 'InvocationServerErrors', 'OutputImageCount']) assert.ok(metrics.has(m), m);
    const p50 = q.find((x) => x.MetricStat!.Stat === 'p50')!;
    assert.equal(p50.MetricStat!.Period, plan.end - plan.start);
    assert.equal(pointsOf(p50, plan), 1);
    assert.ok(q.every((x) => /^[a-z][a-zA-Z0-9_]*$/.test(x.Id!)));
    assert.deepEqual(q[0]!.MetricStat!.Metric!.Dimensions, [{ Name: 'ModelId', Value: 'anthropic.claude-3-haiku-20240307-v1:0' }]);
  });

  it('packs N models into as few calls as 500 queries and 100,800 data points allow', () => {
    const cases: [number, (typeof USAGE_RANGES)[number], number][] = [
      [1, 'hour', 1], [30, 'hour', 1], [30, 'day', 1], [30, 'week', 1], [30, 'month', 1], [55, 'month', 1], [56, 'month', 2], [120, 'month', 3],
      // A day at 5 minutes: 288 points per chart query, so the data point limit binds before the query limit.
      [50, 'day', 2],
    ];
    for (const [n, range, calls] of cases) {
      const plan = planRange(range, NOW);
      const all = buildQueries(ids(n), plan);
      const batches = batchQueries(all, plan);
      assert.equal(batches.length, calls, `${n} models, ${range}`);
      assert.equal(batches.flat().length, all.length);
      for (const b of batches) {
        assert.ok(b.length <= MAX_QUERIES_PER_CALL);
        assert.ok(b.reduce((s, x) => s + pointsOf(x, plan), 0) <= MAX_DATAPOINTS_PER_CALL);
      }
      // As few as the limits allow: one call fewer would break one of them.
      const points = all.reduce((s, x) => s + pointsOf(x, plan), 0);
      assert.ok(calls <= Math.max(Math.ceil(all.length / MAX_QUERIES_PER_CALL), Math.ceil(points / MAX_DATAPOINTS_PER_CALL)) + 1);
    }
  });

  it('turns results into per-model totals, chart buckets and percentiles', () => {
    const plan = planRange('hour', NOW);
    const models = ['a.one-v1', 'b.two-v1'];
    const k = (metric: string, stat = 'Sum') => MODEL_QUERIES.findIndex((q) => q.metric === metric && q.stat === stat);
    const t = (bucket: number) => new Date((plan.start + bucket * plan.period) * 1000);
    const results: MetricDataResult[] = [
      { Id: queryId(0, k('Invocations')), Timestamps: [t(0), t(59)], Values: [2, 3], StatusCode: 'Complete' },
      { Id: queryId(0, k('InputTokenCount')), Timestamps: [t(59)], Values: [120], StatusCode: 'Complete' },
      { Id: queryId(0, k('OutputTokenCount')), Timestamps: [t(59)], Values: [40], StatusCode: 'Complete' },
      { Id: queryId(0, k('InvocationLatency', 'p50')), Timestamps: [t(0)], Values: [850], StatusCode: 'Complete' },
      { Id: queryId(0, k('InvocationLatency', 'p90')), Timestamps: [t(0)], Values: [1900], StatusCode: 'Complete' },
      { Id: queryId(1, k('Invocations')), Timestamps: [t(10)], Values: [7], StatusCode: 'PartialData' },
      { Id: queryId(1, k('InvocationThrottles')), Timestamps: [t(10)], Values: [4], StatusCode: 'Complete' },
    ];
    const r = buildReport(models, plan, results, 'us-east-1', { listMetrics: 1, getMetricData: 1 });
    assert.deepEqual(r.models.map((m) => m.modelId), ['b.two-v1', 'a.one-v1']); // most invocations first
    const a = r.models[1]!;
    assert.deepEqual([a.invocations, a.inputTokens, a.outputTokens, a.latencyP50, a.latencyP90], [5, 120, 40, 850, 1900]);
    assert.equal(a.series.invocations[0], 2);
    assert.equal(a.series.invocations[59], 3);
    assert.equal(a.series.invocations.length, 60);
    const b = r.models[0]!;
    assert.equal(b.throttles, 4);
    assert.equal(b.latencyP50, undefined);
    assert.equal(r.warnings.length, 1);
    assert.match(r.warnings[0]!, /Invocations \(Sum\) of b\.two-v1: PartialData/);
  });
});

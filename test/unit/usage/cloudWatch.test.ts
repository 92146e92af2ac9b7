import * as assert from 'node:assert/strict';
import { GetMetricDataCommand, ListMetricsCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { cloudWatchEndpointFor, createCloudWatchClient, fetchUsage } from '../../../src/bedrock/usage/cloudWatch';
import { statistic } from '../../localBedrock/cloudWatch';
import type { BedrockService } from '../../../src/bedrock/service';
import type { ChatEvent } from '../../../src/bedrock/types';
import { collect, localService, localSettings, model, useLocalBedrock } from '../bedrock/localEndpoint';

interface Logged { operation: string; modelId?: string; status?: number; latencyMs?: number; usage?: { inputTokens: number; outputTokens: number } }

describe('usage/cloudWatch (GetMetricData through the real SDK, against the stand-in)', () => {
  const local = useLocalBedrock();
  let service: BedrockService;
  let client: CloudWatchClient;
  beforeEach(async () => {
    service = localService(local.lb);
    client = await createCloudWatchClient(localSettings(local.lb));
  });
  afterEach(() => { service.dispose(); client.destroy(); });

  const chat = async (id: string, text: string, stream = true): Promise<ChatEvent[]> => {
    const m = await model(service, id);
    const { events, error } = await collect(service.chat({ model: m, messages: [{ role: 'user', text }], settings: { maxTokens: 80 }, stream }));
    assert.equal(error, undefined);
    return events;
  };

  it('points CloudWatch at the local endpoint only', () => {
    assert.equal(cloudWatchEndpointFor(localSettings(local.lb)), local.lb.endpoint);
    assert.equal(cloudWatchEndpointFor({ region: 'us-east-1', endpoint: 'https://bedrock-runtime.us-east-1.amazonaws.com' }), undefined);
  });

  it('reports the invocations, tokens and latencies the endpoint served, per model, in one GetMetricData call', async () => {
    await chat('amazon.nova-lite-v1:0', 'Tell me about rivers');
    await chat('amazon.nova-lite-v1:0', 'And lakes?', false);
    await chat('anthropic.claude-3-haiku-20240307-v1:0', 'Write a haiku');
    // One throttled attempt, retried by the SDK: a throttle and then an invocation.
    await local.control.fault({ operation: 'ConverseStream', fault: 'throttle', times: 1 });
    await chat('anthropic.claude-3-haiku-20240307-v1:0', 'Once more');
    const log = (await local.control.requests()) as unknown as Logged[];
    const runtime = log.filter((e) => e.operation === 'Converse' || e.operation === 'ConverseStream');
    const report = await fetchUsage(client, 'hour', 'us-east-1', Date.now());
    assert.deepEqual(report.calls, { listMetrics: 1, getMetricData: 1 });
    const calls = (await local.control.requests()).slice(log.length);
    assert.deepEqual(calls.map((c) => c.operation), ['ListMetrics', 'GetMetricData']);
    assert.equal((calls[0] as unknown as { protocol: string }).protocol, 'http/1.1');

    for (const id of ['amazon.nova-lite-v1:0', 'anthropic.claude-3-haiku-20240307-v1:0']) {
      const served = runtime.filter((e) => e.modelId === id);
      const ok = served.filter((e) => e.status === 200);
      const row = report.models.find((m) => m.modelId === id);
      assert.ok(row, id);
      assert.equal(row.invocations, ok.length, id);
      assert.equal(row.inputTokens, ok.reduce((n, e) => n + e.usage!.inputTokens, 0), id);
      assert.equal(row.outputTokens, ok.reduce((n, e) => n + e.usage!.outputTokens, 0), id);
      assert.equal(row.throttles, served.filter((e) => e.status === 429).length, id);
      assert.equal(row.series.invocations.reduce((a, b) => a + b, 0), row.invocations);
      const latencies = ok.map((e) => e.latencyMs!);
      assert.equal(row.latencyP50, statistic('p50', latencies));
      assert.equal(row.latencyP90, statistic('p90', latencies));
    }
    const haiku = report.models.find((m) => m.modelId === 'anthropic.claude-3-haiku-20240307-v1:0')!;
    assert.deepEqual([haiku.invocations, haiku.throttles], [2, 1]);
    assert.ok(haiku.inputTokens > 0 && haiku.outputTokens > 0);
  });

  it('counts the images an image model returned (OutputImageCount) and the tokens of InvokeModel', async () => {
    const { createClients } = await import('../../../src/bedrock/clients');
    const { InvokeModelCommand } = await import('@aws-sdk/client-bedrock-runtime');
    const pair = await createClients(localSettings(local.lb));
    try {
      const body = { taskType: 'TEXT_IMAGE', textToImageParams: { text: 'a lighthouse' }, imageGenerationConfig: { numberOfImages: 2, width: 512, height: 512 } };
      await pair.runtime.send(new InvokeModelCommand({ modelId: 'amazon.nova-canvas-v1:0', body: JSON.stringify(body), contentType: 'application/json' }));
    } finally {
      pair.runtime.destroy();
      pair.control.destroy();
    }
    const report = await fetchUsage(client, 'hour', 'us-east-1', Date.now());
    const canvas = report.models.find((m) => m.modelId === 'amazon.nova-canvas-v1:0');
    assert.deepEqual([canvas?.invocations, canvas?.images], [1, 2]);
  });

  it('fails a read without cloudwatch:ListMetrics with CloudWatch\'s AccessDenied, which names the action', async () => {
    await local.control.fault({ operation: 'ListMetrics', fault: 'accessDenied' });
    await assert.rejects(fetchUsage(client, 'day', 'us-east-1', Date.now()), (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
      assert.equal(e.name, 'AccessDenied');
      assert.equal(e.$metadata?.httpStatusCode, 403);
      assert.match(e.message, /is not authorized to perform: cloudwatch:ListMetrics/);
      return true;
    });
  });

  it('answers CloudWatch validation errors for bad queries, and timestamps in JSON 1.0 epoch seconds', async () => {
    const now = new Date();
    const hourAgo = new Date(now.getTime() - 3_600_000);
    const query = (id: string, period = 60) => ({ Id: id, MetricStat: { Metric: { Namespace: 'AWS/Bedrock', MetricName: 'Invocations', Dimensions: [{ Name: 'ModelId', Value: 'x' }] }, Period: period, Stat: 'Sum' } });
    await assert.rejects(client.send(new GetMetricDataCommand({ MetricDataQueries: [query('Bad')], StartTime: hourAgo, EndTime: now })),
      (e: Error) => e.name === 'InvalidParameterValueException' && /not matching the expected pattern/.test(e.message));
    await assert.rejects(client.send(new GetMetricDataCommand({ MetricDataQueries: [query('a', 90)], StartTime: hourAgo, EndTime: now })),
      (e: Error) => e.name === 'InvalidParameterValueException' && /multiple of 60/.test(e.message));
    await assert.rejects(client.send(new GetMetricDataCommand({ MetricDataQueries: Array.from({ length: 501 }, (_, i) => query(`q${i}`)), StartTime: hourAgo, EndTime: now })),
      (e: Error) => e.name === 'InvalidParameterValueException' && /500/.test(e.message));
    await chat('amazon.nova-lite-v1:0', 'Hello');
    const listed = await client.send(new ListMetricsCommand({ Namespace: 'AWS/Bedrock', MetricName: 'Invocations' }));
    assert.deepEqual(listed.Metrics?.map((m) => m.Dimensions?.[0]?.Value), ['amazon.nova-lite-v1:0']);
    const out = await client.send(new GetMetricDataCommand({ MetricDataQueries: [{ ...query('a'), MetricStat: { ...query('a').MetricStat, Metric: { ...query('a').MetricStat.Metric, Dimensions: [{ Name: 'ModelId', Value: 'amazon.nova-lite-v1:0' }] } } }], StartTime: hourAgo, EndTime: new Date(now.getTime() + 60_000) }));
    const r = out.MetricDataResults![0]!;
    assert.deepEqual(r.Values, [1]);
    assert.ok(r.Timestamps![0] instanceof Date);
    assert.ok(Math.abs(r.Timestamps![0]!.getTime() - Date.now()) < 120_000);
  });
});

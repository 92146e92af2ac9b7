// Reads the Usage view's metrics from CloudWatch: ListMetrics finds the ModelIds that have data,
// then GetMetricData reads every metric of every model in as few calls as the limits allow
// (usageQuery.ts). The client is built like the Bedrock clients (clients.ts): same credentials,
// retries, proxy and timeouts; the SDK is loaded on first use from a bundle of its own.

import type { CloudWatchClient, MetricDataQuery, MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { connectionKey, credentialsFor, DEFAULT_MAX_ATTEMPTS, DEFAULT_TIMEOUT_MS } from '../clients';
import { handlersFor } from '../httpHandlers';
import { checkEndpoint } from '../layerErrors';
import { checkRegion } from '../region';
import { createRetryStrategy } from '../retryEvents';
import { loadCloudWatchSdk } from '../sdk';
import type { ConnectionSettings } from '../types';
import { batchQueries, buildQueries, NAMESPACE, planRange, type UsageRange } from './usageQuery';
import { buildReport, type UsageReport } from './usageReport';

/**
 * Where CloudWatch is reached: the local endpoint serves it (the stand-in computes the metrics
 * from what it served); any other endpoint override is a Bedrock endpoint (a VPC endpoint, a
 * gateway) that serves no CloudWatch call, so the Region's own CloudWatch endpoint is used then.
 */
export function cloudWatchEndpointFor(s: ConnectionSettings): string | undefined {
  return s.local ? s.endpoint : undefined;
}

export async function createCloudWatchClient(s: ConnectionSettings): Promise<CloudWatchClient> {
  checkRegion(s.region, s.regionSource);
  const endpoint = cloudWatchEndpointFor(s);
  if (endpoint) checkEndpoint(endpoint);
  // A Bedrock API key authorizes Bedrock only: CloudWatch is always signed with SigV4 credentials.
  const [{ CloudWatchClient }, credentials] = await Promise.all([loadCloudWatchSdk(), credentialsFor(s)]);
  const maxAttempts = s.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const requestTimeout = Math.min(s.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS, 60_000);
  const handlers = await handlersFor({ ...s, endpoint }, { requestTimeout, connectionTimeout: 10_000 });
  return new CloudWatchClient({
    region: s.region,
    maxAttempts,
    retryStrategy: await createRetryStrategy(maxAttempts, s.retryMode ?? 'standard'),
    ...(credentials ? { credentials } : {}),
    ...(endpoint ? { endpoint } : {}),
    requestHandler: handlers.http1,
  });
}

/**
 * The ModelIds with metrics in the namespace (ListMetrics, every page; it lists metrics that had
 * data in the past two weeks: CloudWatch API reference, ListMetrics).
 */
export async function listModelIds(client: CloudWatchClient, signal?: AbortSignal): Promise<{ modelIds: string[]; calls: number }> {
  const { ListMetricsCommand } = await loadCloudWatchSdk();
  const ids = new Set<string>();
  let calls = 0;
  let token: string | undefined;
  do {
    const out = await client.send(new ListMetricsCommand({ Namespace: NAMESPACE, Dimensions: [{ Name: 'ModelId' }], ...(token ? { NextToken: token } : {}) }), signal ? { abortSignal: signal } : {});
    calls++;
    for (const m of out.Metrics ?? []) {
      // Only the per-model series: image metrics also come by ModelId + ImageSize + BucketedStepSize.
      if (m.Dimensions?.length === 1 && m.Dimensions[0]?.Name === 'ModelId' && m.Dimensions[0].Value) ids.add(m.Dimensions[0].Value);
    }
    token = out.NextToken;
  } while (token);
  return { modelIds: [...ids].sort(), calls };
}

/** One call's queries, following NextToken until CloudWatch has returned every data point. */
async function getMetricData(client: CloudWatchClient, queries: MetricDataQuery[], start: number, end: number, signal?: AbortSignal): Promise<{ results: MetricDataResult[]; calls: number }> {
  const { GetMetricDataCommand } = await loadCloudWatchSdk();
  const byId = new Map<string, MetricDataResult>();
  let calls = 0;
  let token: string | undefined;
  do {
    const out = await client.send(new GetMetricDataCommand({
      MetricDataQueries: queries, StartTime: new Date(start * 1000), EndTime: new Date(end * 1000), ScanBy: 'TimestampAscending',
      ...(token ? { NextToken: token } : {}),
    }), signal ? { abortSignal: signal } : {});
    calls++;
    for (const r of out.MetricDataResults ?? []) {
      const prev = r.Id ? byId.get(r.Id) : undefined;
      if (!prev) { if (r.Id) byId.set(r.Id, { ...r, Timestamps: [...(r.Timestamps ?? [])], Values: [...(r.Values ?? [])] }); continue; }
      prev.Timestamps!.push(...(r.Timestamps ?? []));
      prev.Values!.push(...(r.Values ?? []));
      prev.StatusCode = r.StatusCode;
    }
    token = out.NextToken;
  } while (token);
  return { results: [...byId.values()], calls };
}

/** The whole report for a range: one ListMetrics (per page), then the GetMetricData calls. */
export async function fetchUsage(client: CloudWatchClient, range: UsageRange, region: string, nowMs: number, signal?: AbortSignal): Promise<UsageReport> {
  const plan = planRange(range, nowMs);
  const listed = await listModelIds(client, signal);
  const batches = batchQueries(buildQueries(listed.modelIds, plan), plan);
  const answers = await Promise.all(batches.map((b) => getMetricData(client, b, plan.start, plan.end, signal)));
  const results = answers.flatMap((a) => a.results);
  const getCalls = answers.reduce((n, a) => n + a.calls, 0);
  return buildReport(listed.modelIds, plan, results, region, { listMetrics: listed.calls, getMetricData: getCalls });
}

/** One CloudWatch client for the current connection, replaced when the connection changes. */
export class CloudWatchClientCache {
  private current?: { key: string; client: Promise<CloudWatchClient> };

  get(s: ConnectionSettings): Promise<CloudWatchClient> {
    const key = connectionKey(s);
    if (this.current?.key !== key) {
      this.retire();
      const entry = { key, client: createCloudWatchClient(s) };
      entry.client.catch(() => { if (this.current === entry) this.current = undefined; });
      this.current = entry;
    }
    return this.current!.client;
  }

  retire(): void {
    const old = this.current;
    this.current = undefined;
    old?.client.then((c) => c.destroy(), () => undefined);
  }
}

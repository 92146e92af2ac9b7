// The model catalog: a cold load (ListFoundationModels and ListInferenceProfiles, every page,
// merged) against one ListFoundationModels round trip on the same endpoint, and a cached read.
import { BedrockClient, ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';
import { BedrockService } from '../../src/bedrock/service';
import type { Figure } from './figures';
import { startLatencyProxy } from './latencyProxy';
import { startEndpointProcess } from './localEndpoint';
import { median, percentile, round } from './stats';

const RUNS = 15;
/** How far away (ms, one way for answers) the endpoint is put for the main figure; Bedrock's list calls take longer still. */
const SERVICE_MS = 100;

function pair(endpoint: string): { service: BedrockService; client: BedrockClient } {
  return {
    service: new BedrockService(() => ({ region: 'us-east-1', endpoint, local: true })),
    client: new BedrockClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  };
}

/** Alternates one ListFoundationModels and one cold catalog load; medians. */
async function compare({ service, client }: { service: BedrockService; client: BedrockClient }): Promise<{ cold: number; single: number; coldRuns: number[]; firstMs: number; models: number; profiles: number }> {
  let t = performance.now();
  const first = await service.catalog();
  const firstMs = performance.now() - t;
  await client.send(new ListFoundationModelsCommand({}));
  const cold: number[] = [];
  const single: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    t = performance.now();
    await client.send(new ListFoundationModelsCommand({}));
    single.push(performance.now() - t);
    t = performance.now();
    await service.catalog({ refresh: true });
    cold.push(performance.now() - t);
  }
  return { cold: median(cold), single: median(single), coldRuns: cold, firstMs, models: first.models.length, profiles: first.profiles.length };
}

export async function catalogBench(log: (m: string) => void): Promise<Figure[]> {
  const endpoint = await startEndpointProcess();
  const proxy = await startLatencyProxy(endpoint.endpoint, SERVICE_MS);
  const direct = pair(endpoint.endpoint);
  const far = pair(proxy.endpoint);
  const { service } = direct;
  try {
    // Bedrock answers a list call in a few hundred ms; the local endpoint in a few, so at zero
    // latency the figure only shows CPU work (three responses parsed instead of one). Through a
    // proxy that delivers answers SERVICE_MS late, as a distant service does, it shows whether the
    // calls overlap.
    log(`catalog: ${RUNS} cold loads and ${RUNS} single round trips, alternating, direct and ${SERVICE_MS} ms away`);
    const local = await compare(direct);
    const remote = await compare(far);
    let t: number;
    const cached: number[] = [];
    for (let i = 0; i < 200; i++) {
      t = performance.now();
      await service.findModel('us.anthropic.claude-sonnet-4-5-20250929-v1:0');
      cached.push(performance.now() - t);
    }
    return [
      {
        name: `Catalog cold (both list calls, all pages, merged) vs one ListFoundationModels, each call answered in ${SERVICE_MS} ms`,
        value: round(remote.cold / remote.single), unit: '×', target: { op: '<=', value: 1.2 }, runs: remote.coldRuns,
        detail: `${remote.cold.toFixed(1)} vs ${remote.single.toFixed(1)} ms (medians of ${RUNS}); ${remote.models} models, ${remote.profiles} profiles`,
      },
      {
        name: 'Catalog cold vs one ListFoundationModels, local endpoint answering at once (CPU only)',
        value: round(local.cold / local.single), unit: '×', runs: local.coldRuns,
        detail: `${local.cold.toFixed(1)} vs ${local.single.toFixed(1)} ms: three responses parsed and merged instead of one; the very first load, SDK and clients included: ${local.firstMs.toFixed(0)} ms`,
      },
      {
        name: 'Catalog cached (findModel on the loaded catalog), p99',
        value: round(percentile(cached, 99), 4), unit: 'ms', target: { op: '<=', value: 5 }, runs: cached,
        detail: `p50 ${percentile(cached, 50).toFixed(3)} ms over ${cached.length} look-ups`,
      },
    ];
  } finally {
    for (const p of [direct, far]) {
      p.service.dispose();
      p.client.destroy();
    }
    await proxy.close();
    await endpoint.stop();
  }
}

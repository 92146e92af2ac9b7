// The Usage view for 30 models over a month: how many CloudWatch calls the read takes (ListMetrics,
// then GetMetricData as the limits pack it, through the real SDK against the local endpoint's
// CloudWatch), and the time from the report arriving in the webview to its charts and table drawn
// (the tab's own renderReport in headless Chromium, with the tab's styles).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';
import { ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { launchBrowser } from '../../../scripts/lib/browser';
import { repoRoot } from '../../../scripts/lib/paths';
import { createRunFolder, isolatedEnv } from '../../../scripts/lib/runFolder';
import { createClients } from '../../../src/bedrock/clients';
import { createCloudWatchClient, fetchUsage } from '../../../src/bedrock/usage/cloudWatch';
import type { UsageReport } from '../../../src/bedrock/usage/usageReport';
import { startLocalBedrock } from '../../localBedrock/server';
import { LocalBedrockControl } from '../../support/localBedrockControl';
import type { Figure } from '../figures';
import { median, round } from '../stats';
import { benchBuildDir } from '../render/renderBench';
import type { DrawRun } from './usageEntry';

const MODELS = 30;
const REPEATS = 5;

async function buildEntry(): Promise<string> {
  const outfile = path.join(benchBuildDir, 'usageBench.js');
  await esbuild.build({
    entryPoints: [path.join(__dirname, 'usageEntry.ts')],
    bundle: true, platform: 'browser', format: 'iife', target: 'es2022', minify: true, legalComments: 'none', outfile, logLevel: 'warning',
  });
  return outfile;
}

/** Every chart bucket of every model filled, as a month of steady use would: the most the view draws. */
function dense(report: UsageReport): UsageReport {
  return {
    ...report,
    models: report.models.map((m, k) => {
      const wave = (i: number, scale: number) => Math.round(scale * (1 + Math.sin(i / 7 + k)) + scale / 4);
      const invocations = Array.from({ length: report.buckets }, (_, i) => wave(i, 20));
      const inputTokens = invocations.map((v) => v * 900);
      const outputTokens = invocations.map((v) => v * 300);
      const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
      return { ...m, invocations: sum(invocations), inputTokens: sum(inputTokens), outputTokens: sum(outputTokens), latencyP50: 800 + k, latencyP90: 2100 + k, series: { invocations, inputTokens, outputTokens } };
    }),
  };
}

export async function usageBench(log: (m: string) => void): Promise<Figure[]> {
  const lb = await startLocalBedrock({ port: 0 });
  const settings = { region: 'us-east-1', endpoint: lb.endpoint, local: true };
  const pair = await createClients(settings);
  const cloudWatch = await createCloudWatchClient(settings);
  const folder = createRunFolder('bench-usage');
  try {
    // 30 distinct ModelIds with data: the chat models by their own id and through their profiles.
    const { modelSummaries = [] } = await pair.control.send(new ListFoundationModelsCommand({ byOutputModality: 'TEXT' }));
    const candidates = modelSummaries.flatMap((m) => [m.modelId!, ...['us.', 'eu.', 'apac.', 'global.'].map((g) => g + m.modelId!)]);
    const used: string[] = [];
    for (const id of candidates) {
      if (used.length >= MODELS) break;
      try {
        await pair.runtime.send(new ConverseCommand({ modelId: id, messages: [{ role: 'user', content: [{ text: 'Hello' }] }], inferenceConfig: { maxTokens: 20 } }));
        used.push(id);
      } catch {
        // Not a model or profile this endpoint serves by that id: the next one.
      }
    }
    // The ids that were refused left client errors under their ModelId: start again from a clean log
    // with the 30 that answer, so exactly 30 models have metrics.
    await new LocalBedrockControl(lb.controlEndpoint).clearRequests();
    for (const id of used) await pair.runtime.send(new ConverseCommand({ modelId: id, messages: [{ role: 'user', content: [{ text: 'Hello' }] }], inferenceConfig: { maxTokens: 20 } }));
    log(`usage: ${used.length} ModelIds invoked`);
    const reads: number[] = [];
    let report: UsageReport | undefined;
    for (let i = 0; i < REPEATS; i++) {
      const t0 = performance.now();
      report = await fetchUsage(cloudWatch, 'month', 'us-east-1', Date.now());
      reads.push(performance.now() - t0);
    }
    const r = report!;
    const full = dense(r);
    const script = await buildEntry();
    const browser = await launchBrowser(folder, isolatedEnv(folder, { hermetic: true }), { width: 1400, height: 900 });
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      await page.setContent('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body class="vscode-dark"><div class="usage-tab"><div class="usage-output" id="out"></div></div></body></html>');
      for (const css of ['playground.css', 'usage.css']) await page.addStyleTag({ content: fs.readFileSync(path.join(repoRoot, 'media', css), 'utf8') });
      await page.addScriptTag({ content: fs.readFileSync(script, 'utf8') });
      const message = JSON.stringify({ type: 'notify', method: 'usage/view', params: full });
      await page.evaluate((m) => window.usageBench.draw(m), message); // JIT warm-up
      const runs: DrawRun[] = [];
      for (let i = 0; i < REPEATS; i++) runs.push(await page.evaluate((m) => window.usageBench.draw(m), message));
      const best = Math.min(...runs.map((x) => x.drawMs));
      if (r.models.length !== used.length) throw new Error(`CloudWatch listed ${r.models.length} models, not the ${used.length} invoked`);
      const sparse = await page.evaluate((m) => window.usageBench.draw(m), JSON.stringify({ params: r }));
      log(`usage: draw ${runs.map((x) => `${x.drawMs.toFixed(1)} (build ${x.buildMs.toFixed(1)})`).join('/')} ms; read ${reads.map((x) => x.toFixed(0)).join('/')} ms`);
      return [
        {
          name: `Usage view: report arriving → charts and table drawn, ${used.length} models over a month`,
          value: round(best, 1), unit: 'ms', target: { op: '<=', value: 50 },
          detail: `fastest of ${REPEATS} (median ${median(runs.map((x) => x.drawMs)).toFixed(1)} ms): JSON of ${(message.length / 1024).toFixed(0)} KB parsed, ${full.buckets} periods × ${full.models.length} models in 2 SVG charts + table laid out (${runs[0]!.elements} elements; building the DOM ${Math.min(...runs.map((x) => x.buildMs)).toFixed(1)} ms of it, the rest layout); the endpoint's own report (data in one period): ${sparse.drawMs.toFixed(1)} ms`,
        },
        {
          name: `Usage view: CloudWatch calls for ${used.length} models over a month`,
          value: r.calls.listMetrics + r.calls.getMetricData, unit: 'count', target: { op: '<=', value: 2 },
          detail: `${r.calls.listMetrics} ListMetrics + ${r.calls.getMetricData} GetMetricData (${used.length * 8} queries of ≤ 500, ${used.length * (7 * full.buckets + 2)} data points of ≤ 100,800); read in ${median(reads).toFixed(0)} ms (median of ${REPEATS}, local endpoint)`,
        },
      ];
    } finally {
      await browser.close();
    }
  } finally {
    pair.runtime.destroy();
    pair.control.destroy();
    cloudWatch.destroy();
    await lb.close();
    folder.remove();
  }
}

// `npm run bench`: every benchmark against the local Bedrock endpoint, one table on stdout, and
// the figures as JSON in bench-results/ (latest.json and one file per run). Benchmarks are not
// tests: nothing here fails a build; a missed target shows as MISSED in the table.
//   npm run bench                   all of them (about 4 minutes on 2 cores)
//   npm run bench -- --only render  some of them (host, render, catalog, images, usage, bundles, vscode)
//   npm run bench -- --full-baseline  time the naive render on every frame instead of every 10th
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stopAllGroups } from '../../scripts/lib/processes';
import { repoRoot } from '../../scripts/lib/paths';
import { bundleBench } from './bundles';
import { catalogBench } from './catalog';
import { type Figure, table, verdict } from './figures';
import { hostStreamingBench } from './hostStreaming';
import { imagesBench } from './images';
import { usageBench } from './usage/usageBench';
import { renderBench } from './render/renderBench';
import { vscodeBench } from './vscodeBench';

type Bench = (log: (m: string) => void) => Promise<Figure[]>;

const BENCHES: Array<[string, Bench]> = [
  ['host', hostStreamingBench],
  ['render', renderBench],
  ['catalog', catalogBench],
  ['images', imagesBench],
  ['usage', usageBench],
  ['bundles', bundleBench],
  ['vscode', vscodeBench],
];

function selected(): Array<[string, Bench]> {
  const i = process.argv.indexOf('--only');
  if (i < 0) return BENCHES;
  const names = (process.argv[i + 1] ?? '').split(',');
  const unknown = names.filter((n) => !BENCHES.some(([b]) => b === n));
  if (unknown.length) throw new Error(`Unknown benchmark ${unknown.join(', ')}; there are ${BENCHES.map(([b]) => b).join(', ')}`);
  return BENCHES.filter(([b]) => names.includes(b));
}

async function main(): Promise<void> {
  const started = Date.now();
  const log = (m: string) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${m}`);
  const figures: Figure[] = [];
  const failures: string[] = [];
  for (const [name, bench] of selected()) {
    try {
      figures.push(...(await bench(log)));
    } catch (err) {
      // One benchmark that cannot run (no Chromium, no code-server) leaves the others' figures.
      const message = err instanceof Error ? err.message : String(err);
      failures.push(`${name}: ${message}`);
      figures.push({ name: `${name} benchmark`, value: NaN, unit: 'count', note: `did not run: ${message.split('\n')[0]}` });
      log(`${name} failed: ${message}`);
    }
  }
  const seconds = (Date.now() - started) / 1000;
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, load ${os.loadavg()[0]!.toFixed(1)}, Node ${process.versions.node}`;
  console.log(`\n${table(figures)}\n`);
  console.log(`${figures.filter((f) => verdict(f) === 'met').length} met, ${figures.filter((f) => verdict(f) === 'MISSED').length} missed, ${seconds.toFixed(0)} s on ${machine}`);

  const dir = path.join(repoRoot, 'bench-results');
  fs.mkdirSync(dir, { recursive: true });
  const result = { date: new Date().toISOString(), seconds, machine, figures: figures.map((f) => ({ ...f, verdict: verdict(f) })), failures };
  const json = `${JSON.stringify(result, null, 2)}\n`;
  fs.writeFileSync(path.join(dir, `bench-${result.date.replace(/[:.]/g, '-')}.json`), json);
  // A partial run (--only) keeps its own latest file, so latest.json is always a full run.
  const only = process.argv.indexOf('--only');
  const latest = only < 0 ? 'latest.json' : `latest-${(process.argv[only + 1] ?? '').replace(/[^\w,-]/g, '').replace(/,/g, '-')}.json`;
  fs.writeFileSync(path.join(dir, latest), json);
  console.log(`Figures written to ${path.relative(repoRoot, path.join(dir, latest))}`);
}

main().then(
  () => stopAllGroups().then(() => process.exit(0)),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    void stopAllGroups().then(() => process.exit(1));
  },
);

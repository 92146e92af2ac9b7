// Builds the two bundles: the extension (Node, CommonJS, `vscode` external) and the
// playground webview (browser, IIFE). `--production` minifies, `--watch` rebuilds on change.
// Each build writes a metafile so bundle sizes can be reported (npm run bench).
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  {
    entryPoints: { extension: 'src/extension.ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    outdir: 'dist',
  },
  {
    entryPoints: { webview: 'webview/main.ts' },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    outdir: 'dist',
    loader: { '.css': 'text' },
  },
];

const common = { sourcemap: !production, minify: production, metafile: true, logLevel: 'info', legalComments: 'none' };

function writeMeta(name, result) {
  mkdirSync('dist/meta', { recursive: true });
  writeFileSync(`dist/meta/${name}.json`, JSON.stringify(result.metafile));
}

const reportSizes = { name: 'report-sizes', setup(build) {
  build.onEnd((result) => { if (result.metafile) writeMeta(Object.keys(build.initialOptions.entryPoints)[0], result); });
} };

const contexts = await Promise.all(builds.map((b) => esbuild.context({ ...common, ...b, plugins: [reportSizes] })));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}

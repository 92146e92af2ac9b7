// Builds the two bundles: the extension (Node, CommonJS, `vscode` external) and the
// playground webview (browser, IIFE). `--production` minifies, `--watch` rebuilds on change.
// Each build writes a metafile so bundle sizes can be reported (npm run bench).
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// The SDK packages src/bedrock/sdk.ts loads, and their member in src/bedrock/sdkBundle.ts.
const SDK_MEMBERS = {
  '@aws-sdk/client-bedrock-runtime': 'runtime',
  '@aws-sdk/client-bedrock': 'control',
  '@aws-sdk/client-bedrock-agent': 'agent',
  '@aws-sdk/client-bedrock-agent-runtime': 'agentRuntime',
  '@aws-sdk/credential-providers': 'credentialProviders',
  '@smithy/util-retry': 'retry',
};

/** In the extension bundle, sdk.ts's dynamic imports become a require of dist/awsSdk.js. */
const splitSdk = { name: 'split-sdk', setup(build) {
  build.onResolve({ filter: /^(@aws-sdk|@smithy)\// }, (args) =>
    /[\\/]src[\\/]bedrock[\\/]sdk\.ts$/.test(args.importer) && SDK_MEMBERS[args.path]
      ? { path: args.path, namespace: 'split-sdk' }
      : undefined);
  build.onResolve({ filter: /^\.\/awsSdk\.js$/ }, (args) => ({ path: args.path, external: true }));
  build.onLoad({ filter: /.*/, namespace: 'split-sdk' }, (args) => ({
    contents: `module.exports = require('./awsSdk.js').${SDK_MEMBERS[args.path]};`,
    loader: 'js',
  }));
} };

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
    plugins: [splitSdk],
  },
  {
    entryPoints: { awsSdk: 'src/bedrock/sdkBundle.ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
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

const contexts = await Promise.all(builds.map((b) => esbuild.context({ ...common, ...b, plugins: [...(b.plugins ?? []), reportSizes] })));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}

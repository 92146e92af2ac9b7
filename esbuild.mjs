// Builds the two bundles: the extension (Node, CommonJS, `vscode` external) and the
// playground webview (browser, IIFE). `--production` minifies, `--watch` rebuilds on change.
// Each build writes a metafile so bundle sizes can be reported (npm run bench).
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// The SDK packages src/bedrock/sdk.ts loads: the bundle that holds each, and its member there
// (see src/bedrock/sdkBundle.ts, sdkAgentBundle.ts and sdkPricingBundle.ts).
const SDK_MEMBERS = {
  '@aws-sdk/client-bedrock-runtime': ['awsSdk', 'runtime'],
  '@aws-sdk/client-bedrock': ['awsSdk', 'control'],
  '@aws-sdk/credential-providers': ['awsSdk', 'credentialProviders'],
  '@smithy/util-retry': ['awsSdk', 'retry'],
  '@smithy/node-http-handler': ['awsSdk', 'httpHandler'],
  'https-proxy-agent': ['awsSdk', 'proxyAgent'],
  '@smithy/shared-ini-file-loader': ['awsSdk', 'sharedIni'],
  '@aws-sdk/client-bedrock-agent': ['awsAgentSdk', 'agent'],
  '@aws-sdk/client-bedrock-agent-runtime': ['awsAgentSdk', 'agentRuntime'],
  '@aws-sdk/client-pricing': ['awsPricingSdk', 'pricing'],
  '@aws-sdk/client-cloudwatch': ['awsCloudWatchSdk', 'cloudWatch'],
};

/** In the extension bundle, sdk.ts's dynamic imports become a require of dist/awsSdk.js (or awsAgentSdk.js). */
const splitSdk = { name: 'split-sdk', setup(build) {
  build.onResolve({ filter: /^(@aws-sdk\/|@smithy\/|https-proxy-agent$)/ }, (args) =>
    /[\\/]src[\\/]bedrock[\\/]sdk\.ts$/.test(args.importer) && SDK_MEMBERS[args.path]
      ? { path: args.path, namespace: 'split-sdk' }
      : undefined);
  build.onResolve({ filter: /^\.\/aws(Agent|Pricing|CloudWatch)?Sdk\.js$/ }, (args) => ({ path: args.path, external: true }));
  build.onLoad({ filter: /.*/, namespace: 'split-sdk' }, (args) => ({
    contents: `module.exports = require('./${SDK_MEMBERS[args.path][0]}.js').${SDK_MEMBERS[args.path][1]};`,
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
    // demoEndpoint: the local Bedrock endpoint, shipped as the demo (src/demo/), loaded only when started.
    entryPoints: { awsSdk: 'src/bedrock/sdkBundle.ts', awsAgentSdk: 'src/bedrock/sdkAgentBundle.ts', awsPricingSdk: 'src/bedrock/sdkPricingBundle.ts', awsCloudWatchSdk: 'src/bedrock/sdkCloudWatchBundle.ts', demoEndpoint: 'test/localBedrock/server.ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outdir: 'dist',
  },
  {
    // webviewHighlight: highlight.js, loaded by the playground on its first code block.
    entryPoints: { webview: 'webview/main.ts', webviewHighlight: 'webview/highlightEntry.ts' },
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

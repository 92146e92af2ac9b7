// Bundle sizes of the production build (minified), read from the metafiles esbuild.mjs writes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCommand } from '../../scripts/lib/processes';
import { repoRoot } from '../../scripts/lib/paths';
import type { Figure } from './figures';

interface Metafile { outputs: Record<string, { bytes: number; inputs: Record<string, unknown> }> }

function output(name: string): { bytes: number; inputs: string[] } {
  const meta = JSON.parse(fs.readFileSync(path.join(repoRoot, 'dist', 'meta', `${name}.json`), 'utf8')) as Metafile;
  const out = meta.outputs[`dist/${name}.js`];
  if (!out) throw new Error(`dist/meta/${name}.json has no output dist/${name}.js`);
  return { bytes: out.bytes, inputs: Object.keys(out.inputs) };
}

/** Builds the production bundles (as `npm run package` does) and reports their sizes. */
export async function bundleBench(log: (m: string) => void): Promise<Figure[]> {
  log('bundles: production build');
  await runCommand('npm', ['run', '--silent', 'build:prod'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  const extension = output('extension');
  const webview = output('webview');
  const sdk = output('awsSdk');
  const sdkInExtension = extension.inputs.filter((i) => /node_modules[\\/]@(aws-sdk|smithy|aws-crypto)[\\/]/.test(i));
  const kb = (b: number) => b / 1024;
  return [
    { name: 'Extension bundle (dist/extension.js, minified; loaded at activation)', value: kb(extension.bytes), unit: 'KB', target: { op: '<=', value: 2048 }, detail: `${extension.inputs.length} modules` },
    { name: 'AWS SDK bundle (dist/awsSdk.js, minified; loaded on the first Bedrock call)', value: kb(sdk.bytes), unit: 'KB', detail: `${sdk.inputs.length} modules; extension + SDK ${(kb(extension.bytes + sdk.bytes) / 1024).toFixed(2)} MB` },
    { name: 'SDK modules inside the activation bundle', value: sdkInExtension.length, unit: 'count', target: { op: '<=', value: 0 }, detail: sdkInExtension.slice(0, 3).join(', ') || 'the SDK is required from dist/awsSdk.js on first use' },
    { name: 'Webview bundle (dist/webview.js, minified)', value: kb(webview.bytes), unit: 'KB', target: { op: '<=', value: 400 }, detail: `${webview.inputs.length} modules` },
  ];
}

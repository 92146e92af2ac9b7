// What integration tests need to reach: the extension's manifest (read from disk at test time,
// so commands and settings added later are checked too), the extension itself, and the local
// Bedrock endpoint the runner started.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LocalBedrockControl } from '../../support/localBedrockControl';

export interface Manifest {
  name: string;
  publisher: string;
  contributes: {
    commands?: Array<{ command: string; title: string; category?: string }>;
    configuration?: { properties: Record<string, { default?: unknown; type?: string | string[] }> };
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** The repository's package.json: the first one above the bundled test file. */
export function manifestPath(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${__dirname}`);
    dir = parent;
  }
}

export function readManifest(): Manifest {
  return JSON.parse(fs.readFileSync(manifestPath(), 'utf8')) as Manifest;
}

export function extensionId(): string {
  const m = readManifest();
  return `${m.publisher}.${m.name}`;
}

/** The extension under test, activated. */
export async function activeExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(extensionId());
  if (!ext) throw new Error(`Extension ${extensionId()} is not loaded in this extension host`);
  await ext.activate();
  return ext;
}

/** The local Bedrock endpoint the runner started (and wrote into the `bedrock.endpoint` setting). */
export function localBedrock(): LocalBedrockControl {
  const endpoint = process.env.LOCAL_BEDROCK_ENDPOINT;
  if (!endpoint) throw new Error('LOCAL_BEDROCK_ENDPOINT is not set: run the suite through `npm run test:integration`');
  return new LocalBedrockControl(endpoint);
}

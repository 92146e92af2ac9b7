// Runs the suite in the VS Code server that code-server bundles: the bare server with the
// smoke-test driver, a headless Chromium as the window, `?payload=` making it an Extension
// Development Host with our tests. The verdict comes back through the page:
// the workbench calls window.codeAutomationExit(code) when the extension host's run() settles.
// (The server log says "exited with code 0" even when tests fail: never read the result from it.)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { ensureTools } from '../../../scripts/setup/index';
import { launchBrowser } from '../../../scripts/lib/browser';
import { createRunFolder, isolatedEnv, writeSettings, QUIET_WORKBENCH_SETTINGS } from '../../../scripts/lib/runFolder';
import { startTestServer } from '../../../scripts/lib/vscodeServer';
import type { IntegrationRun } from './types';

const RUN_TIMEOUT_MS = Number(process.env.INTEGRATION_TIMEOUT_MS) || 10 * 60_000;
/** Prefix the suite puts on its reporter's lines (see index.ts). */
const MARKER = '\u2063suite\u2063';

export async function runInVsCodeServer(run: IntegrationRun): Promise<number> {
  const tools = await ensureTools();
  const folder = createRunFolder('integration');
  const env = isolatedEnv(folder, { hermetic: true }, { ...run.extensionTestsEnv, BEDROCK_TEST_MARKER: MARKER });
  const workbenchLog = path.join(folder.logs, 'workbench.log');
  // The server keeps the window's user settings under --user-data-dir, as code-server does.
  writeSettings(path.join(folder.userData, 'User', 'settings.json'), { ...QUIET_WORKBENCH_SETTINGS, ...run.settings });

  let passed = false;
  const server = await startTestServer(tools, folder, env);
  try {
    const browser = await launchBrowser(folder, env);
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      let settle: (code: number) => void = () => undefined;
      const exitCode = new Promise<number>((resolve) => (settle = resolve));
      await page.exposeFunction('codeAutomationExit', (code: unknown) => settle(typeof code === 'number' ? code : 1));
      await page.exposeFunction('codeAutomationLog', (level: unknown, message: unknown) => printHostLog(workbenchLog, level, message));
      page.on('crash', () => {
        console.error('[integration] the browser page crashed');
        settle(1);
      });

      const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${p}`;
      const payload = [
        ['extensionDevelopmentPath', remote(run.extensionDevelopmentPath)],
        ['extensionTestsPath', remote(run.extensionTestsPath)],
      ];
      const url = `${server.url}/?folder=${encodeURIComponent(run.workspace ?? folder.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      console.log(`[integration] VS Code server at ${server.url}, Chromium headless`);
      await page.goto(url);

      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<number>((resolve) => {
        timer = setTimeout(() => {
          console.error(`[integration] no result within ${RUN_TIMEOUT_MS / 1000} s`);
          resolve(1);
        }, RUN_TIMEOUT_MS);
      });
      const code = await Promise.race([exitCode, timedOut]);
      clearTimeout(timer);
      passed = code === 0;
      return code;
    } finally {
      await browser.close().catch(() => undefined);
    }
  } finally {
    await server.stop();
    if (passed) folder.remove();
    else console.error(`[integration] logs kept in ${folder.logs} (workbench.log: the window's and extension host's log)`);
  }
}

// Everything the window logs arrives here, the extension host's console included (as the JSON
// of console.log's arguments). The reporter's lines go to the terminal, all of it to workbench.log
// (and to the terminal too with INTEGRATION_VERBOSE=1).
function printHostLog(file: string, level: unknown, message: unknown): void {
  const raw = typeof message === 'string' ? message : JSON.stringify(message);
  let text = raw;
  try {
    const args: unknown = JSON.parse(raw);
    if (Array.isArray(args)) text = format(...(args as unknown[]));
  } catch {
    // not JSON: keep it as it came
  }
  fs.appendFileSync(file, `[${String(level)}] ${text}\n`);
  if (text.startsWith(MARKER)) console.log(text.slice(MARKER.length));
  else if (process.env.INTEGRATION_VERBOSE === '1') console.log(`[window ${String(level)}] ${text}`);
}

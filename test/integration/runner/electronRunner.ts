// Runs the suite under @vscode/test-electron: a desktop VS Code, given by VSCODE_EXECUTABLE or
// downloaded by test-electron into .vscode-test/. Same suite entry as the server runner.
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { cacheRoot } from '../../../scripts/lib/paths';
import { createRunFolder, isolatedEnv, writeSettings, QUIET_WORKBENCH_SETTINGS } from '../../../scripts/lib/runFolder';
import type { IntegrationRun } from './types';

export async function runInDesktopVsCode(run: IntegrationRun): Promise<number> {
  const folder = createRunFolder('integration-desktop');
  writeSettings(path.join(folder.userData, 'User', 'settings.json'), { ...QUIET_WORKBENCH_SETTINGS, ...run.settings });
  // test-electron starts VS Code with process.env + extensionTestsEnv: the isolated variables go there.
  const env = isolatedEnv(folder, { hermetic: true }, run.extensionTestsEnv);
  const extensionTestsEnv: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) if (process.env[k] !== v) extensionTestsEnv[k] = v;
  for (const k of Object.keys(process.env)) if (!(k in env)) extensionTestsEnv[k] = undefined;
  let passed = false;
  try {
    await runTests({
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
      cachePath: cacheRoot,
      extensionDevelopmentPath: run.extensionDevelopmentPath,
      extensionTestsPath: run.extensionTestsPath,
      extensionTestsEnv,
      launchArgs: [
        run.workspace ?? folder.workspace,
        `--user-data-dir=${folder.userData}`,
        `--extensions-dir=${folder.extensions}`,
        '--disable-telemetry',
      ],
    });
    passed = true;
    return 0;
  } catch (err) {
    console.error(`[integration] ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    if (passed) folder.remove();
    else console.error(`[integration] logs kept in ${folder.root}`);
  }
}

// `npm run test:integration`: builds the extension, bundles the suite, starts the local Bedrock
// endpoint, and runs the suite inside a real VS Code extension host — a desktop VS Code through
// @vscode/test-electron where one can be had, otherwise the VS Code server bundled in code-server.
// Exit code 0 only when every test passed.
import { startLocalBedrock } from '../localBedrock/server';
import { repoRoot } from '../../scripts/lib/paths';
import { runCommand, stopAllGroups } from '../../scripts/lib/processes';
import { bundleIntegrationTests, integrationEntry } from './runner/bundle';
import { chooseRunner } from './runner/chooseRunner';
import { runInDesktopVsCode } from './runner/electronRunner';
import { runInVsCodeServer } from './runner/serverRunner';
import type { IntegrationRun } from './runner/types';

async function main(): Promise<number> {
  const started = Date.now();
  // `--no-build`: reuse dist/ as it is (a quicker loop while writing tests, next to `npm run watch`).
  if (!process.argv.includes('--no-build')) await runCommand('npm', ['run', '--silent', 'build'], { cwd: repoRoot });
  const files = await bundleIntegrationTests();
  console.log(`[integration] suite: ${files.join(', ')}`);
  const { kind, why } = await chooseRunner();
  console.log(`[integration] runner: ${kind === 'electron' ? '@vscode/test-electron (desktop VS Code)' : 'VS Code server from code-server + headless Chromium'} (${why})`);

  const endpoint = await startLocalBedrock({ port: 0 });
  try {
    const run: IntegrationRun = {
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: integrationEntry,
      settings: { 'bedrock.endpoint': endpoint.endpoint },
      extensionTestsEnv: {
        LOCAL_BEDROCK_ENDPOINT: endpoint.endpoint,
        BEDROCK_TEST_COLOR: process.stdout.isTTY ? '1' : '0',
        ...(process.env.MOCHA_GREP ? { MOCHA_GREP: process.env.MOCHA_GREP } : {}),
      },
    };
    const code = kind === 'electron' ? await runInDesktopVsCode(run) : await runInVsCodeServer(run);
    console.log(`[integration] ${code === 0 ? 'passed' : `FAILED (exit code ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return code;
  } finally {
    await endpoint.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  async (err: unknown) => {
    console.error(`[integration] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    await stopAllGroups();
    process.exitCode = 1;
  },
);

// Headless Debian Chromium through playwright-core, with a profile inside the run folder.
import { chromium, type BrowserContext } from 'playwright-core';
import { chromiumPath } from './paths';
import type { RunFolder } from './runFolder';

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Playwright starts Chromium in a process group of its own and ends it on close() and on exit.
 * `env` should come from isolatedEnv(), so Chromium's caches and NSS database stay in the run folder.
 */
export async function launchBrowser(run: RunFolder, env: NodeJS.ProcessEnv, viewport = { width: 1400, height: 900 }): Promise<BrowserContext> {
  // Playwright makes its artifacts folder in os.tmpdir() of this process while launching:
  // point that at the run folder for the duration of the launch.
  const previousTmp = process.env.TMPDIR;
  process.env.TMPDIR = run.tmp;
  try {
    return await chromium.launchPersistentContext(run.browserProfile, {
      executablePath: chromiumPath(),
      headless: true,
      args: CHROMIUM_FLAGS,
      env: env as Record<string, string>,
      viewport,
      downloadsPath: run.tmp,
    });
  } finally {
    if (previousTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmp;
  }
}

// One end-to-end session: the local Bedrock endpoint, code-server with the packaged VSIX
// installed and user settings pointing at that endpoint, and a headless Chromium showing the
// workbench. Every suite gets its own (useSession), in its own run folder; everything it
// started is stopped by process group afterwards, whether the tests passed or not.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startLocalBedrock, type LocalBedrock } from '../../localBedrock/server';
import { LocalBedrockControl } from '../../support/localBedrockControl';
import { launchBrowser } from '../../../scripts/lib/browser';
import { createRunFolder, isolatedEnv, writeSettings, QUIET_WORKBENCH_SETTINGS } from '../../../scripts/lib/runFolder';
import { installVsix, startCodeServer, type RunningServer, type Tools } from '../../../scripts/lib/vscodeServer';
import { ensureTools } from '../../../scripts/setup/index';
import { buildVsix } from '../../../scripts/setup/vsix';
import { Screenshots } from './artifacts';
import { runCommand, waitForWorkbench } from './workbench';

export interface SessionOptions {
  /** Names the screenshot folder: artifacts/e2e/<name>/. */
  name: string;
  /** Extra user settings (bedrock.endpoint is always the session's local endpoint). */
  settings?: Record<string, unknown>;
  /** Files to create in the workspace before VS Code opens it (relative path → content). */
  files?: Record<string, string>;
  /** Streaming speed of the local endpoint (0 = as fast as possible). */
  tokensPerSecond?: number;
  /** More VSIX files to install beside ours (the benchmark's baseline extension). */
  extraVsix?: string[];
  /**
   * More environment for code-server and its extension hosts, given the local endpoint's URL and a
   * folder of the run for files (the benchmark points another extension's SDK at the endpoint).
   */
  serverEnv?: (endpoint: string, folder: string) => NodeJS.ProcessEnv;
}

export interface Session {
  page: Page;
  browser: BrowserContext;
  /** The local Bedrock endpoint: request log, faults, canned replies, speed. */
  bedrock: LocalBedrockControl;
  /** The folder VS Code has open. */
  workspace: string;
  /** The server's user data folder: User/settings.json, the extension's global and workspace storage. */
  userData: string;
  url: string;
  screenshot(name: string): Promise<string>;
  /** Stops everything; the run folder (server logs) is deleted unless `keepLogs`. */
  stop(opts?: { keepLogs?: boolean }): Promise<void>;
}

interface Prepared {
  tools: Tools;
  vsix: string;
}

let prepared: Promise<Prepared> | undefined;

/** Tools and the VSIX, once per test process. E2E_VSIX=<path> uses a VSIX built elsewhere. */
function prepare(): Promise<Prepared> {
  prepared ??= (async () => {
    const tools = await ensureTools();
    const vsix = process.env.E2E_VSIX ? path.resolve(process.env.E2E_VSIX) : await buildVsix();
    return { tools, vsix };
  })();
  return prepared;
}

const WORKBENCH_LOAD_MS = 180_000;

export async function startSession(options: SessionOptions): Promise<Session> {
  const { tools, vsix } = await prepare();
  const started = Date.now();
  const phases: string[] = [];
  let last = started;
  const phase = (name: string) => {
    const now = Date.now();
    phases.push(`${name} ${((now - last) / 1000).toFixed(1)}`);
    last = now;
  };
  const run = createRunFolder(`e2e-${options.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`);
  const env = isolatedEnv(run, { hermetic: true });
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((err: unknown) => console.error(`[e2e] while stopping: ${String(err)}`));
  };
  try {
    const endpoint: LocalBedrock = await startLocalBedrock({ port: 0, tokensPerSecond: options.tokensPerSecond ?? 0 });
    stops.push(() => endpoint.close());

    writeSettings(path.join(run.userData, 'User', 'settings.json'), {
      ...QUIET_WORKBENCH_SETTINGS,
      ...options.settings,
      'bedrock.endpoint': endpoint.endpoint,
    });
    for (const [rel, content] of Object.entries(options.files ?? {})) {
      const file = path.join(run.workspace, rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
    await installVsix(tools, run, env, vsix);
    for (const extra of options.extraVsix ?? []) await installVsix(tools, run, env, extra);
    phase('install');

    const serverEnv = options.serverEnv ? { ...env, ...options.serverEnv(endpoint.endpoint, run.root) } : env;
    const server: RunningServer = await startCodeServer(tools, run, serverEnv);
    stops.push(() => server.stop());
    phase('server');
    const browser = await launchBrowser(run, env);
    stops.push(() => browser.close());
    phase('browser');
    const page = browser.pages()[0] ?? (await browser.newPage());
    const url = `${server.url}/?folder=${encodeURIComponent(run.workspace)}`;
    // The first load of the workbench is the heaviest page load of a run: on a busy machine it can
    // take minutes, so it gets the workbench's own patience rather than Playwright's 30 s default.
    await page.goto(url, { timeout: WORKBENCH_LOAD_MS });
    await waitForWorkbench(page);
    phase('workbench');
    console.error(`      [e2e] session "${options.name}" started in ${((Date.now() - started) / 1000).toFixed(1)} s (${phases.join(' s, ')} s)`);

    const shots = new Screenshots(options.name);
    return {
      page,
      browser,
      bedrock: new LocalBedrockControl(endpoint.endpoint),
      workspace: run.workspace,
      userData: run.userData,
      url,
      screenshot: (name) => shots.take(page, name),
      async stop({ keepLogs = false } = {}) {
        await stopAll();
        if (keepLogs) console.error(`[e2e] session "${options.name}": logs kept in ${run.logs}`);
        else run.remove();
      },
    };
  } catch (err) {
    await stopAll();
    console.error(`[e2e] session "${options.name}" failed to start; logs kept in ${run.logs}`);
    throw err;
  }
}

const SETUP_TIMEOUT_MS = 15 * 60_000; // a first run installs code-server and builds the VSIX

/**
 * Suites whose sessions would be started alike (same settings, files and streaming rate) share one:
 * it is started for the first of them and kept for the next, which finds it reset (below), and
 * stopped when a suite needs a different one, or after the last suite (stopSharedSession, a root
 * hook in mocharc.cjs, which also lists the suites that share next to each other). One session runs
 * at a time. E2E_SHARED_SESSIONS=0 gives every suite its own again.
 */
interface Shared {
  key: string;
  session: Promise<Session>;
  suites: number;
  failed: boolean;
}

let shared: Shared | undefined;

function sharingKey(options: SessionOptions): string | undefined {
  if (process.env.E2E_SHARED_SESSIONS === '0') return undefined;
  return JSON.stringify([options.settings ?? {}, options.files ?? {}, options.tokensPerSecond ?? 0]);
}

/** Stops the shared session, if any (keeping its logs when a suite that used it failed). */
export async function stopSharedSession(): Promise<void> {
  const s = shared;
  shared = undefined;
  if (!s) return;
  const session = await s.session.catch(() => undefined);
  await session?.stop({ keepLogs: s.failed });
}

/**
 * What a suite that takes over a shared session must not inherit: the endpoint's faults, replies,
 * log, rate and hold; open editors, quick inputs, notifications; the window size.
 */
async function resetForNextSuite(session: Session): Promise<void> {
  const { page } = session;
  await session.bedrock.reset();
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.keyboard.press('Escape');
  await runCommand(page, 'View: Close All Editors');
  // An editor with unsaved changes asks first: nothing a test typed is worth keeping.
  const dontSave = page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Don't Save$/ });
  if (await dontSave.isVisible()) await dontSave.click();
  await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached' });
  await runCommand(page, 'Notifications: Clear All Notifications');
}

/**
 * Starts a session before the suite's tests (or takes over the one a suite with the same options
 * used just before) and stops it after them (or leaves it to the next such suite). Call inside
 * `describe`; use the returned getter in tests: `const session = useSession({ name: 'chat' });`.
 * A failing test gets a screenshot (artifacts/e2e/<name>/FAILED-<test>.png).
 */
export function useSession(options: SessionOptions): () => Session {
  let session: Session | undefined;
  let failed = false;
  const key = sharingKey(options);
  before(async function () {
    this.timeout(SETUP_TIMEOUT_MS);
    if (shared && shared.key !== key) await stopSharedSession();
    if (key === undefined) {
      session = await startSession(options);
      return;
    }
    const reused = shared !== undefined;
    shared ??= { key, session: startSession(options), suites: 0, failed: false };
    shared.suites++;
    let base: Session;
    try {
      base = await shared.session;
    } catch (err) {
      shared = undefined; // the next suite starts afresh
      throw err;
    }
    if (reused) {
      const started = Date.now();
      await resetForNextSuite(base);
      console.error(`      [e2e] session "${options.name}": took over the session of the suite before, reset in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    // Screenshots go to this suite's folder; stopping is left to stopSharedSession().
    const shots = new Screenshots(options.name);
    session = { ...base, screenshot: (name) => shots.take(base.page, name), stop: async () => undefined };
  });
  afterEach(async function () {
    if (session && this.currentTest?.state === 'failed') {
      failed = true;
      if (shared) shared.failed = true;
      const file = await session.screenshot(`FAILED-${this.currentTest.title}`).catch(() => undefined);
      if (file) console.error(`      screenshot: ${file}`);
    }
  });
  after(async function () {
    this.timeout(60_000);
    if (key === undefined) await session?.stop({ keepLogs: failed });
  });
  return () => {
    if (!session) throw new Error('The e2e session is not running (did its before hook fail?)');
    return session;
  };
}

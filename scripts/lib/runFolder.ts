// One folder per run of a server: its user data, extensions, XDG folders, TMPDIR and logs.
// A server started by our scripts writes only here (and the browser gets its own profile here),
// never into the user's $HOME or the shared /tmp.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { envWithoutNpm } from './processes';
import { cacheRoot, runsRoot } from './paths';

export interface RunFolder {
  root: string;
  userData: string;
  serverData: string;
  extensions: string;
  workspace: string;
  browserProfile: string;
  home: string;
  tmp: string;
  logs: string;
  xdgConfig: string;
  xdgData: string;
  xdgCache: string;
  /** Deletes the folder (call on success; keep it after a failure for its logs). */
  remove(): void;
}

let runCounter = 0;

/**
 * TMPDIR holds Unix sockets (Chromium's singleton, VS Code's IPC), whose paths may not exceed
 * 107 bytes, so it gets a short path of its own: under the cache when that is short enough,
 * otherwise a private folder in the system temp dir (removed with the run).
 */
function shortTmpDir(id: string): { dir: string; separate: boolean } {
  const inCache = path.join(cacheRoot, 'tmp', id);
  if (inCache.length <= 48) {
    fs.mkdirSync(inCache, { recursive: true });
    return { dir: inCache, separate: true };
  }
  return { dir: fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-test-')), separate: true };
}

/** A fresh folder under `.vscode-test/runs/` (or `root` when given, kept between runs). */
export function createRunFolder(label: string, root?: string): RunFolder {
  const id = `${process.pid.toString(36)}${(runCounter++).toString(36)}`;
  const base = root ?? path.join(runsRoot, `${label}-${id}`);
  if (root === undefined) fs.rmSync(base, { recursive: true, force: true }); // a leftover of an earlier process with the same pid
  const sub = (name: string) => {
    const p = path.join(base, name);
    fs.mkdirSync(p, { recursive: true });
    return p;
  };
  const tmp = shortTmpDir(id);
  return {
    root: base,
    userData: sub('user-data'),
    serverData: sub('server-data'),
    extensions: sub('extensions'),
    workspace: sub('workspace'),
    browserProfile: sub('browser'),
    home: sub('home'),
    tmp: tmp.dir,
    logs: sub('logs'),
    xdgConfig: sub('xdg/config'),
    xdgData: sub('xdg/data'),
    xdgCache: sub('xdg/cache'),
    remove: () => {
      fs.rmSync(base, { recursive: true, force: true });
      if (tmp.separate) fs.rmSync(tmp.dir, { recursive: true, force: true });
    },
  };
}

export interface IsolationOptions {
  /**
   * Tests: also point HOME at the run folder and drop every AWS_* variable, so a test can never
   * reach a real AWS account with the developer's credentials. `npm start --aws` keeps both.
   */
  hermetic: boolean;
}

/** The environment for servers and browsers of this run. */
export function isolatedEnv(run: RunFolder, { hermetic }: IsolationOptions, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = envWithoutNpm();
  if (hermetic) {
    for (const k of Object.keys(env)) if (/^AWS_/.test(k)) delete env[k];
    env.HOME = run.home;
  }
  // Variables a parent VS Code (a developer running tests from its terminal) would leak into ours.
  for (const k of Object.keys(env)) if (/^(VSCODE_|ELECTRON_RUN_AS_NODE)/.test(k)) delete env[k];
  return {
    ...env,
    XDG_CONFIG_HOME: run.xdgConfig,
    XDG_DATA_HOME: run.xdgData,
    XDG_CACHE_HOME: run.xdgCache,
    XDG_RUNTIME_DIR: run.tmp,
    TMPDIR: run.tmp,
    ...extra,
  };
}

/** Writes a settings.json (creating its folder). */
export function writeSettings(file: string, settings: Record<string, unknown>): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(settings, null, 2) + '\n');
}

/** Settings every run wants: no trust prompt, no welcome page, no update/telemetry chatter. */
export const QUIET_WORKBENCH_SETTINGS: Record<string, unknown> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  // Run folders live under the repository's .vscode-test/: don't offer to open the project's repo.
  'git.openRepositoryInParentFolders': 'never',
};

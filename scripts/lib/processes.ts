// Starting and ending the processes our scripts own. Every long-lived server is started in a
// session of its own (detached = setsid(2)), so it and everything it forks (extension hosts,
// pty hosts, file watchers) share one process group, which we end as a whole. Nothing is ever
// ended by name. Groups still alive when this process exits are killed from an exit handler,
// so a failing test or a Ctrl-C leaves nothing behind.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import * as fs from 'node:fs';

export interface ProcessGroup {
  readonly name: string;
  readonly child: ChildProcess;
  /** The process group id (== the leader's pid, since it was started with setsid). */
  readonly pgid: number;
  /** Resolves with the leader's exit code (or signal name) once it has exited. */
  readonly exited: Promise<number | string>;
  /** SIGTERM to the whole group, SIGKILL after `graceMs` if anything is left. */
  stop(graceMs?: number): Promise<void>;
}

const liveGroups = new Set<ProcessGroup>();
let handlersInstalled = false;

function installExitHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  // 'exit' handlers must be synchronous: a SIGKILL to each group is all that can be done here.
  process.on('exit', () => {
    for (const g of liveGroups) signalGroup(g.pgid, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      void stopAllGroups().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // ESRCH: nobody left in the group
  }
}

function groupAlive(pgid: number): boolean {
  return signalGroup(pgid, 0);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface GroupOptions extends Omit<SpawnOptions, 'detached'> {
  /** When set, stdout and stderr are appended to this file (and still readable through `child`). */
  logFile?: string;
}

/** Starts `command` as the leader of a new session / process group. */
export function spawnGroup(name: string, command: string, args: string[], options: GroupOptions = {}): ProcessGroup {
  installExitHandlers();
  const { logFile, ...spawnOptions } = options;
  const child = spawn(command, args, { ...spawnOptions, detached: true, stdio: spawnOptions.stdio ?? ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`Could not start ${name} (${command})`);
  const pgid = child.pid;
  if (logFile) {
    const out = fs.createWriteStream(logFile, { flags: 'a' });
    child.stdout?.on('data', (d: Buffer) => out.write(d));
    child.stderr?.on('data', (d: Buffer) => out.write(d));
    child.once('exit', () => out.end());
  } else {
    // Keep the pipes flowing so a chatty server never blocks on a full pipe.
    child.stdout?.resume();
    child.stderr?.resume();
  }
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
    child.once('error', (err) => resolve(`spawn error: ${err.message}`));
  });
  const group: ProcessGroup = {
    name,
    child,
    pgid,
    exited,
    async stop(graceMs = 5000) {
      if (signalGroup(pgid, 'SIGTERM')) {
        const deadline = Date.now() + graceMs;
        while (groupAlive(pgid) && Date.now() < deadline) await sleep(100);
        if (groupAlive(pgid)) signalGroup(pgid, 'SIGKILL');
      }
      liveGroups.delete(group);
    },
  };
  liveGroups.add(group);
  return group;
}

/** Ends every group this process started and has not ended yet. */
export async function stopAllGroups(): Promise<void> {
  await Promise.all([...liveGroups].map((g) => g.stop()));
}

/**
 * Runs a command to completion; rejects on a non-zero exit. Output is inherited, or with
 * `quiet` collected and shown only when the command fails.
 */
export function runCommand(command: string, args: string[], options: SpawnOptions & { quiet?: boolean } = {}): Promise<void> {
  const { quiet, ...spawnOptions } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', ...spawnOptions });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) return resolve();
      if (quiet) process.stderr.write(output);
      reject(new Error(`${command} ${args.join(' ')} failed (${code ?? signal})`));
    });
  });
}

/** Resolves with the first match of `pattern` in the process's stdout/stderr, or rejects on exit / timeout. */
export function waitForOutput(group: ProcessGroup, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (d: Buffer) => {
      seen = (seen + d.toString()).slice(-20000);
      const m = seen.match(pattern);
      if (m) finish(() => resolve(m));
    };
    const timer = setTimeout(() => finish(() => reject(new Error(`${group.name} did not print ${pattern} within ${timeoutMs} ms. Output so far:\n${seen}`))), timeoutMs);
    const onExit = (code: number | string) => finish(() => reject(new Error(`${group.name} exited (${code}) before printing ${pattern}. Output:\n${seen}`)));
    function finish(settle: () => void) {
      clearTimeout(timer);
      group.child.stdout?.off('data', onData);
      group.child.stderr?.off('data', onData);
      settle();
    }
    group.child.stdout?.on('data', onData);
    group.child.stderr?.on('data', onData);
    void group.exited.then(onExit);
  });
}

/** A copy of the environment without npm's per-script variables, which would steer nested npm runs. */
export function envWithoutNpm(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  return { ...env, ...extra };
}

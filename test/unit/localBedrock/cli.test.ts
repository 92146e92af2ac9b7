import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { createInterface } from 'node:readline';

const root = path.resolve(__dirname, '../../..');

/** Waits for the first stdout line of a child. */
function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', (line) => { rl.close(); resolve(line); });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing a line`)));
  });
}

const exited = (child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });

describe('local Bedrock CLI', function () {
  this.timeout(60000);
  const children: ChildProcess[] = [];
  afterEach(() => {
    // Never leave a server behind if an assertion failed midway: end our own process group by id.
    for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null && c.pid) { try { process.kill(-c.pid, 'SIGKILL'); } catch { /* already gone */ } }
  });

  it('`npm run local-bedrock -- --port 0` prints one JSON line, serves, and stops on SIGTERM', async () => {
    const child = spawn('npm', ['run', '--silent', 'local-bedrock', '--', '--port', '0'], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    const line = await firstLine(child);
    const info = JSON.parse(line) as { runtimeEndpoint: string; controlEndpoint: string };
    assert.deepEqual(Object.keys(info), ['runtimeEndpoint', 'controlEndpoint']);
    assert.match(info.runtimeEndpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${info.controlEndpoint}/_local/config`);
    assert.deepEqual(await res.json(), { tokensPerSecond: 0 });
    // npm and the shell do not pass signals down reliably: signal the process group, as a terminal does.
    process.kill(-child.pid!, 'SIGTERM');
    await exited(child);
    await assert.rejects(fetch(`${info.controlEndpoint}/_local/config`), 'the port is closed');
  });

  it('the server process itself exits 0 on SIGINT and takes --rate', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/localBedrock/cli.ts', '--port', '0', '--rate', '25'], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    const info = JSON.parse(await firstLine(child)) as { controlEndpoint: string };
    assert.deepEqual(await (await fetch(`${info.controlEndpoint}/_local/config`)).json(), { tokensPerSecond: 25 });
    child.kill('SIGINT');
    assert.deepEqual(await exited(child), { code: 0, signal: null });
  });

  it('refuses a bad option with a message and exit code 2', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/localBedrock/cli.ts', '--rate', 'fast'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
    assert.deepEqual(await exited(child), { code: 2, signal: null });
    assert.match(err, /--rate must be a number >= 0/);
  });
});

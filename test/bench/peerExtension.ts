// The closest existing product, awslabs/bedrock-vscode-playground, built from its own source with
// its own lockfile and build scripts into a VSIX, for the real-VS Code benchmark to install beside
// ours. Its source is not part of this repository: PEER_SOURCE_DIR, or a copy at
// .vscode-test/peer/source (CONTRIBUTING.md, Performance). The VSIX is built once per source (a hash
// of its files) in a temporary folder and kept in .vscode-test/peer/.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { envWithoutNpm } from '../../scripts/lib/processes';
import { cacheRoot, repoRoot } from '../../scripts/lib/paths';

export const PEER_REPOSITORY = 'awslabs/bedrock-vscode-playground';
/** publisher.name of its package.json; VS Code lowercases it in a webview frame's URL. */
export const PEER_EXTENSION_ID = 'amazonwebservices-aisolutionsarchitecture.bedrock-vscode-playground';
const PEER_PACKAGE_NAME = 'bedrock-vscode-playground';

export type PeerBuild =
  | { vsix: string; version: string; source: string; notes: string[] }
  | { missing: string };

const SKIP = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test']);

function sourceFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    if (SKIP.has(e.name) || e.name.endsWith('.vsix')) continue;
    const p = path.join(rel, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(dir, p));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}

function sourceHash(dir: string): string {
  const h = createHash('sha256');
  for (const f of sourceFiles(dir)) h.update(f).update('\0').update(fs.readFileSync(path.join(dir, f))).update('\0');
  return h.digest('hex').slice(0, 12);
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: envWithoutNpm(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

/** True when any of the peer's TypeScript sources imports `pkg` (so its bundle would need it). */
function imported(dir: string, pkg: string): boolean {
  return sourceFiles(dir).filter((f) => /\.(ts|js)$/.test(f) && f.startsWith('src')).some((f) => {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    return text.includes(`"${pkg}"`) || text.includes(`'${pkg}'`) || text.includes(`"${pkg}/`) || text.includes(`'${pkg}/`);
  });
}

/**
 * A package of the lockfile the registry no longer serves (npm ci: 404) that the peer's sources
 * never import (so its bundle does not contain it): dropped from the copy's package.json and lockfile.
 */
function dropUnimported(dir: string, pkg: string): string | undefined {
  if (imported(dir, pkg)) return undefined;
  const pj = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
  const lock = JSON.parse(fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> }> };
  const version = lock.packages[`node_modules/${pkg}`]?.version ?? '?';
  for (const field of ['dependencies', 'devDependencies']) {
    delete pj[field]?.[pkg];
    delete (lock.packages[''] as Record<string, Record<string, string> | undefined>)[field]?.[pkg];
  }
  delete lock.packages[`node_modules/${pkg}`];
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(pj, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
  return `${pkg}@${version}`;
}

export async function buildPeerVsix(log: (m: string) => void): Promise<PeerBuild> {
  const source = process.env.PEER_SOURCE_DIR ? path.resolve(process.env.PEER_SOURCE_DIR) : path.join(cacheRoot, 'peer', 'source');
  const shown = process.env.PEER_SOURCE_DIR ? 'PEER_SOURCE_DIR' : path.relative(repoRoot, source);
  if (!fs.existsSync(path.join(source, 'package.json'))) return { missing: `peer source not present (${shown}; see CONTRIBUTING)` };
  const manifest = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8')) as { name?: string; version?: string };
  if (manifest.name !== PEER_PACKAGE_NAME) return { missing: `${shown} holds "${manifest.name ?? '?'}", not ${PEER_PACKAGE_NAME}` };
  if (!fs.existsSync(path.join(source, 'package-lock.json'))) return { missing: `${shown} has no package-lock.json (the peer is built with its own lockfile)` };
  const version = manifest.version ?? '?';
  const cached = path.join(cacheRoot, 'peer', `${PEER_PACKAGE_NAME}-${version}-${sourceHash(source)}.vsix`);
  const notesFile = `${cached}.notes.json`;
  if (fs.existsSync(cached)) {
    const notes = fs.existsSync(notesFile) ? (JSON.parse(fs.readFileSync(notesFile, 'utf8')) as string[]) : [];
    return { vsix: cached, version, source: shown, notes };
  }

  log(`vscode: building the peer ${PEER_REPOSITORY} ${version} from ${shown} (npm ci, its own build scripts, vsce package)`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'peer-build-'));
  const notes: string[] = [];
  try {
    for (const f of sourceFiles(source)) {
      fs.mkdirSync(path.dirname(path.join(work, f)), { recursive: true });
      fs.copyFileSync(path.join(source, f), path.join(work, f));
    }
    for (let attempt = 0; ; attempt++) {
      const ci = await run('npm', ['ci', '--no-audit', '--no-fund'], work);
      if (ci.code === 0) break;
      const gone = /404 Not Found - GET \S+?\/(@[^/\s]+\/[^/\s]+|[^@/\s][^/\s]*)\/-\//.exec(ci.output)?.[1];
      const dropped = gone && attempt < 3 ? dropUnimported(work, gone.replace('%2f', '/').replace('%2F', '/')) : undefined;
      if (!dropped) return { missing: `npm ci of the peer failed: ${ci.output.split('\n').filter((l) => /error/i.test(l)).slice(0, 2).join(' ') || `exit ${ci.code}`}` };
      notes.push(`${dropped} dropped from its lockfile (the registry answered 404 for it; its sources never import it)`);
      log(`vscode: peer: ${notes[notes.length - 1]}`);
    }
    fs.mkdirSync(path.dirname(cached), { recursive: true });
    // vsce runs the peer's own vscode:prepublish script (webpack --mode production).
    const pack = await run(path.join(repoRoot, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--out', cached], work);
    if (pack.code !== 0) return { missing: `vsce package of the peer failed: ${pack.output.split('\n').filter((l) => /error/i.test(l)).slice(0, 2).join(' ') || `exit ${pack.code}`}` };
    fs.writeFileSync(notesFile, `${JSON.stringify(notes)}\n`);
    return { vsix: cached, version, source: shown, notes };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

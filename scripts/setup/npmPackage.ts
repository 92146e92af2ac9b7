// Installs one npm package into its own version-keyed folder under the cache. A marker file
// written after a verified install makes the next call a no-op; a half-finished install
// (interrupted, or failed) has no marker and is redone from scratch.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { withLock } from '../lib/lock';
import { envWithoutNpm, runCommand } from '../lib/processes';

export interface CachedNpmInstall {
  /** Folder that gets `{"private":true}` as package.json and the package in node_modules. */
  folder: string;
  /** `name@version` */
  spec: string;
  /** Proof that the install is complete and usable (e.g. a file exists, a binary runs). */
  verify: () => boolean;
  /** Extra environment for `npm install` (PATH, npm_config_nodedir, ...). */
  env?: NodeJS.ProcessEnv;
}

const MARKER = '.installed';

export async function ensureNpmInstall({ folder, spec, verify, env = {} }: CachedNpmInstall): Promise<void> {
  const marker = path.join(folder, MARKER);
  if (fs.existsSync(marker) && verify()) return;
  await withLock(`${folder}.lock`, async () => {
    if (fs.existsSync(marker) && verify()) return; // another run finished it while we waited
    const started = Date.now();
    console.log(`[setup] installing ${spec} into ${path.relative(process.cwd(), folder) || folder}`);
    fs.rmSync(folder, { recursive: true, force: true });
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ private: true }, null, 2) + '\n');
    // npm's per-script variables (npm_config_local_prefix, ...) would point this install at the repository.
    await runCommand('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', spec], {
      cwd: folder,
      env: envWithoutNpm(env),
    });
    if (!verify()) throw new Error(`${spec} installed into ${folder} but is not usable`);
    fs.writeFileSync(marker, `${spec}\n${new Date().toISOString()}\n`);
    console.log(`[setup] ${spec} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
}

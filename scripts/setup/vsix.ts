// The packaged extension, exactly as users install it: `vsce package`, whose `vscode:prepublish`
// makes the production build.
// Rebuilt on every call, so a test never runs yesterday's code.
import * as path from 'node:path';
import { runCommand } from '../lib/processes';
import { repoRoot, vsixPath } from '../lib/paths';

export async function buildVsix(): Promise<string> {
  const started = Date.now();
  await runCommand('npm', ['run', '--silent', 'package'], { cwd: repoRoot, quiet: true });
  console.log(`[setup] packaged ${path.relative(repoRoot, vsixPath)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return vsixPath;
}

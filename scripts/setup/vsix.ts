// The packaged extension, exactly as users install it: production build, then `vsce package`.
// Rebuilt on every call, so a test never runs yesterday's code.
import { runCommand } from '../lib/processes';
import { repoRoot, vsixPath } from '../lib/paths';

export async function buildVsix(): Promise<string> {
  await runCommand('npm', ['run', '--silent', 'build:prod'], { cwd: repoRoot });
  await runCommand('npm', ['run', '--silent', 'package'], { cwd: repoRoot });
  return vsixPath;
}

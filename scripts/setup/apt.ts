// The Debian packages the real-VS-Code tiers need: Chromium (the browser window), and what
// code-server's native modules compile against (libkrb5-dev for `kerberos`, a C++ toolchain,
// python3 for node-gyp). Installed only when missing; `apt-get update` runs at most once.
import { execFileSync } from 'node:child_process';
import { runCommand } from '../lib/processes';

export const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'build-essential', 'python3'] as const;

function installed(pkg: string): boolean {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).includes('install ok installed');
  } catch {
    return false;
  }
}

export function missingAptPackages(): string[] {
  return APT_PACKAGES.filter((p) => !installed(p));
}

export async function ensureAptPackages(): Promise<void> {
  const missing = missingAptPackages();
  if (missing.length === 0) return;
  const hasApt = (() => {
    try {
      execFileSync('apt-get', ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  if (!hasApt) {
    throw new Error(`Missing system packages (${missing.join(', ')}) and no apt-get to install them. Install them with your package manager and run again.`);
  }
  // As root we run apt-get directly; otherwise through sudo (which may ask for a password).
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args: string[]) => (sudo.length ? runCommand('sudo', ['-E', ...args], { env }) : runCommand(args[0]!, args.slice(1), { env }));
  console.log(`[setup] apt: installing ${missing.join(', ')}`);
  await run(['apt-get', 'update', '-q']);
  await run(['apt-get', 'install', '-y', '-q', '--no-install-recommends', ...missing]);
}

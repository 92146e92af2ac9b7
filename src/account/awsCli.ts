// Finds the AWS CLI the way a shell would, so "Sign in" can say plainly when it is missing
// instead of opening a terminal that fails. Plain Node: no `vscode`.
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

export async function findOnPath(command: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): Promise<string | undefined> {
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean);
  const exts = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').filter(Boolean) : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = join(dir, command + ext);
      try {
        await access(candidate, platform === 'win32' ? constants.F_OK : constants.X_OK);
        return candidate;
      } catch {
        // not here; keep looking
      }
    }
  }
  return undefined;
}

/** The arguments of the sign-in command; the profile is passed as one argument, never through a shell. */
export function ssoLoginArgs(profile: string): string[] {
  return ['sso', 'login', '--profile', profile];
}

export const AWS_CLI_INSTALL_URL = 'https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html';

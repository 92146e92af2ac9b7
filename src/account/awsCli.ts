// Finds the AWS CLI the way a shell would, so "Sign in" can say plainly when it is missing
// instead of opening a terminal that fails. Plain Node: no `vscode`.
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/**
 * The command's path on the PATH. On Windows only an `.exe` is taken: a `.cmd` or `.bat` runs
 * through cmd.exe, which reads `%`, `&` and `^` in its arguments however they are passed.
 */
export async function findOnPath(command: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): Promise<string | undefined> {
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : delimiter).filter(Boolean);
  const exts = platform === 'win32' ? ['.exe'] : [''];
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

/**
 * The characters the AWS SDK's own parser takes in a `[profile name]` header (`[\w-@+.%:/]`,
 * @smithy/core's parseIni); not starting with `-`, which the CLI would read as an option.
 */
const PROFILE_NAME = /^(?!-)[\w\-@+.%:/]{1,128}$/;

export function isValidProfileName(name: string): boolean {
  return PROFILE_NAME.test(name);
}

/**
 * The arguments of the sign-in command; the profile is passed as one argument, never through a
 * shell, and only when it is a name AWS allows (throws otherwise).
 */
export function ssoLoginArgs(profile: string): string[] {
  if (!isValidProfileName(profile)) throw new Error(`"${profile.slice(0, 80)}" is not an AWS profile name (letters, digits and - _ @ + . % : / only).`);
  return ['sso', 'login', '--profile', profile];
}

export const AWS_CLI_INSTALL_URL = 'https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html';

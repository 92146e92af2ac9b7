import * as vscode from 'vscode';
import { log } from '../core/log';
import { AWS_CLI_INSTALL_URL, findOnPath, isValidProfileName, ssoLoginArgs } from './awsCli';

/**
 * Runs `aws sso login --profile <p>` in a VS Code terminal (the CLI opens the browser and shows
 * the device code there) and resolves when it ends: true when it succeeded. The CLI runs as the
 * terminal's own process, so the terminal closing is the end of the sign-in; no window reload.
 */
export async function signInWithSso(profile: string): Promise<boolean> {
  // The name goes onto the CLI's command line: only the characters AWS allows in one.
  if (!isValidProfileName(profile)) {
    void vscode.window.showErrorMessage(`"${profile.slice(0, 80)}" is not an AWS profile name (letters, digits and - _ @ + . % : / only). Check the bedrock.profile setting.`);
    return false;
  }
  const aws = await findOnPath('aws');
  if (!aws) {
    const choice = await vscode.window.showErrorMessage(
      `Signing in to profile "${profile}" needs the AWS CLI, and it is not on the PATH. Install it, then try again.`,
      'How to Install',
    );
    if (choice) await vscode.env.openExternal(vscode.Uri.parse(AWS_CLI_INSTALL_URL));
    return false;
  }
  log().info(`Running aws sso login for profile "${profile}" in a terminal`);
  const terminal = vscode.window.createTerminal({
    name: `AWS sign-in: ${profile}`,
    shellPath: aws,
    shellArgs: ssoLoginArgs(profile),
    isTransient: true,
  });
  terminal.show();

  const code = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Signing in to AWS profile "${profile}" — finish in the browser`, cancellable: true },
    (_progress, token) => new Promise<number | undefined>((resolve) => {
      const subs: vscode.Disposable[] = [];
      const done = (value: number | undefined): void => {
        subs.forEach((s) => s.dispose());
        resolve(value);
      };
      subs.push(vscode.window.onDidCloseTerminal((t) => {
        if (t === terminal) done(t.exitStatus?.code);
      }));
      // A failed CLI leaves its terminal open ("press any key") so its output can be read; the
      // exit status is set all the same, so watch for it rather than wait for the close.
      const poll = setInterval(() => { if (terminal.exitStatus) done(terminal.exitStatus.code); }, 500);
      subs.push({ dispose: () => clearInterval(poll) });
      subs.push(token.onCancellationRequested(() => {
        terminal.dispose();
        done(undefined);
      }));
    }),
  );
  if (code === 0) {
    log().info(`aws sso login for "${profile}" succeeded`);
    vscode.window.setStatusBarMessage(`$(check) Signed in to AWS profile "${profile}"`, 5000);
    return true;
  }
  log().warn(`aws sso login for "${profile}" ended with ${code === undefined ? 'no exit code (cancelled or closed)' : `exit code ${code}`}`);
  if (code !== undefined) void vscode.window.showWarningMessage(`Sign-in to AWS profile "${profile}" did not complete (the AWS CLI exited with code ${code}).`);
  return false;
}

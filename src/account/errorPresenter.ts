import * as vscode from 'vscode';
import type { BedrockErrorInfo } from '../bedrock/types';
import { log } from '../core/log';
import { bedrock } from '../core/services';
import { signInWithSso } from './ssoSignIn';

export interface ErrorPresentation {
  /** What was being done, for the log ("Loading models"). */
  doing: string;
  modelId?: string;
  /** Called after a successful sign-in, or when the user picks Retry. */
  retry?: () => unknown;
  /** Called when the error suggests calling the model through an inference profile. */
  useProfile?: (invocationId: string) => unknown;
}

/** Settings that have a picker of their own: the error's "configure" action opens it instead of the JSON. */
const SETTING_COMMANDS: Record<string, string> = {
  'bedrock.profile': 'bedrock.selectProfile',
  'bedrock.region': 'bedrock.selectRegion',
};

export function describe(err: unknown, modelId?: string): BedrockErrorInfo {
  return bedrock().describeError(err, modelId ? { modelId } : undefined);
}

/**
 * Shows a Bedrock failure in plain words with the button that fixes it (sign in, open the model
 * access page, pick a profile or region, retry) and logs it. Cancellation shows nothing.
 */
export async function presentError(err: unknown, p: ErrorPresentation): Promise<void> {
  const info = describe(err, p.modelId);
  if (info.kind === 'cancelled') return;
  log().error(`${p.doing} failed: ${info.message} (${info.kind}) ${info.detail}`);
  const buttons: string[] = [];
  const action = info.action;
  if (action && (action.kind !== 'retry' || p.retry) && (action.kind !== 'useProfile' || p.useProfile)) buttons.push(action.label);
  if (p.retry && info.retryable && action?.kind !== 'retry') buttons.push('Retry');
  buttons.push('Show Log');
  const choice = await vscode.window.showErrorMessage(info.message, ...buttons);
  if (!choice) return;
  if (choice === 'Show Log') return log().show();
  if (choice === 'Retry') return void p.retry?.();
  if (!action) return;
  switch (action.kind) {
    case 'openUrl':
      await vscode.env.openExternal(vscode.Uri.parse(action.url));
      return;
    case 'retry':
      return void p.retry?.();
    case 'useProfile':
      return void p.useProfile?.(action.invocationId);
    case 'ssoLogin':
      if (await signInWithSso(action.profile)) await p.retry?.();
      return;
    case 'configure': {
      const command = SETTING_COMMANDS[action.setting];
      if (command) await vscode.commands.executeCommand(command);
      else await vscode.commands.executeCommand('workbench.action.openSettings', action.setting);
      return;
    }
  }
}

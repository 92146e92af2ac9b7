// Shows a Bedrock failure of an image request in plain words, naming the parameter at fault,
// with the one action that fixes it as a button.

import * as vscode from 'vscode';
import { signInWithSso } from '../account/ssoSignIn';
import type { BedrockErrorInfo, ErrorAction } from '../bedrock/types';

/** The sentence shown to the user: the message, plus the parameter at fault when it is known. */
export function imageErrorText(info: BedrockErrorInfo): string {
  if (!info.parameter || info.message.includes(info.parameter)) return info.message;
  return `${info.message} (parameter: ${info.parameter})`;
}

/** Runs an error's action. Returns true when the user asked to retry. */
export async function runErrorAction(action: ErrorAction): Promise<boolean> {
  switch (action.kind) {
    case 'openUrl':
      await vscode.env.openExternal(vscode.Uri.parse(action.url));
      return false;
    case 'configure':
      await vscode.commands.executeCommand('workbench.action.openSettings', action.setting);
      return false;
    case 'ssoLogin':
      // The account feature's sign-in (runs `aws sso login` and waits for it); retry once signed in.
      return signInWithSso(action.profile);
    case 'retry':
      return true;
    case 'useProfile':
      // Image models are called by the id the Bedrock layer resolves; a profile switch is a retry.
      return true;
  }
}

/** Shows the error with its action; resolves true when the user chose to retry. */
export async function showImageError(info: BedrockErrorInfo): Promise<boolean> {
  const text = imageErrorText(info);
  if (info.kind === 'cancelled') {
    void vscode.window.showInformationMessage('Image generation cancelled. Nothing was saved.');
    return false;
  }
  const buttons = info.action ? [info.action.label] : info.retryable ? ['Retry'] : [];
  const show = info.kind === 'throttled' || info.kind === 'contentFiltered' ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
  const choice = await show(text, ...buttons);
  if (!choice) return false;
  if (info.action) return runErrorAction(info.action);
  return choice === 'Retry';
}

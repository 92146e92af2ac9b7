// Shows a Bedrock failure of an image request in plain words, naming the parameter at fault,
// with the one action that fixes it as a button.

import * as vscode from 'vscode';
import { runErrorAction } from '../account/errorActions';
import type { BedrockErrorInfo } from '../bedrock/types';

/** The sentence shown to the user: the message, plus the parameter at fault when it is known. */
export function imageErrorText(info: BedrockErrorInfo): string {
  if (!info.parameter || info.message.includes(info.parameter)) return info.message;
  return `${info.message} (parameter: ${info.parameter})`;
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

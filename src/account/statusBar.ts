import * as vscode from 'vscode';
import { connectionSettings, onConfigChange } from '../config';
import { statusBarText, statusBarTooltip } from './accountText';

/** `Bedrock: <profile> · <region>` (or "local endpoint") in the status bar; a click opens the switch menu. */
export function createAccountStatusBar(): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('bedrock.account', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Bedrock Connection';
  item.command = 'bedrock.switchConnection';
  const update = (): void => {
    const c = connectionSettings();
    item.text = `${c.local ? '$(beaker)' : '$(cloud)'} ${statusBarText(c)}`;
    item.tooltip = statusBarTooltip(c);
    item.accessibilityInformation = { label: statusBarText(c), role: 'button' };
  };
  update();
  item.show();
  return vscode.Disposable.from(item, onConfigChange(update));
}

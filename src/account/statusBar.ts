import * as vscode from 'vscode';
import { connectionSettings, onConnectionChange } from '../core/config';
import { statusBarText, statusBarTooltip } from './accountText';
import { onDidChangeSecrets } from '../core/secretKeys';

let item: vscode.StatusBarItem | undefined;
let problem: string | undefined;

function update(): void {
  if (!item) return;
  const c = connectionSettings();
  item.text = `${problem ? '$(warning)' : c.local ? '$(beaker)' : '$(cloud)'} ${statusBarText(c)}`;
  item.tooltip = problem ? `${problem}\n\n${statusBarTooltip(c)}` : statusBarTooltip(c);
  item.backgroundColor = problem ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  item.accessibilityInformation = { label: problem ? `${statusBarText(c)}: ${problem}` : statusBarText(c), role: 'button' };
}

/**
 * Marks the connection as unusable (no credentials, SSO session expired) or clears the mark;
 * the model explorer reports it when the catalog cannot be loaded for those reasons.
 */
export function setConnectionProblem(text: string | undefined): void {
  problem = text;
  update();
}

/** `Bedrock: <profile> · <region>` (or "local endpoint") in the status bar; a click opens the switch menu. */
export function createAccountStatusBar(): vscode.Disposable {
  item = vscode.window.createStatusBarItem('bedrock.account', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Bedrock Connection';
  item.command = 'bedrock.switchConnection';
  update();
  item.show();
  const created = item;
  return vscode.Disposable.from(created, onConnectionChange(update), onDidChangeSecrets(update), { dispose: () => { if (item === created) item = undefined; } });
}

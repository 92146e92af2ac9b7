import * as vscode from 'vscode';
import { log } from './log';

export function registerShowLog(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand('bedrock.showLog', () => log().show()));
}

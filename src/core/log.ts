import * as vscode from 'vscode';

/** The extension's one log: a LogOutputChannel the user can open with "Bedrock: Show Log". */
let channel: vscode.LogOutputChannel | undefined;

export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Bedrock', { log: true });
  return channel;
}

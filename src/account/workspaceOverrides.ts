import * as vscode from 'vscode';
import { CONNECTION_SETTINGS, onConfigChange } from '../core/config';
import { log } from '../core/log';

// A workspace that sets bedrock.endpoint, bedrock.profile or bedrock.region is not obeyed (they
// are user settings only: config.ts). Say so once per value, so a user who put one there on
// purpose learns where it goes, and one whose cloned repository tried sees what it tried.

const told = new Set<string>();

/** The connection settings a workspace (or folder) sets, with their values, shortened. */
export function workspaceConnectionOverrides(): Array<{ key: string; value: string }> {
  const c = vscode.workspace.getConfiguration('bedrock');
  const found: Array<{ key: string; value: string }> = [];
  for (const key of CONNECTION_SETTINGS) {
    const i = c.inspect<unknown>(key);
    const v = i?.workspaceFolderValue ?? i?.workspaceValue;
    if (v !== undefined) found.push({ key: `bedrock.${key}`, value: JSON.stringify(v).slice(0, 120) });
  }
  return found;
}

function report(): void {
  for (const { key, value } of workspaceConnectionOverrides()) {
    const id = `${key}=${value}`;
    if (told.has(id)) continue;
    told.add(id);
    log().warn(`This workspace sets ${key} to ${value}; it is not used. Bedrock connection settings are read from your user settings only.`);
    void vscode.window.showWarningMessage(`This workspace sets ${key} to ${value}. It is not used: Bedrock's endpoint, profile and Region come from your user settings only.`, 'Open User Settings')
      .then((choice) => (choice ? vscode.commands.executeCommand('workbench.action.openSettings', key) : undefined));
  }
}

export function registerWorkspaceOverrides(context: vscode.ExtensionContext): void {
  report();
  context.subscriptions.push(onConfigChange(report));
}

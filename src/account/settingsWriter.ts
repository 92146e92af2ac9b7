import * as vscode from 'vscode';
import { CONNECTION_SETTINGS } from '../core/config';

/**
 * Writes a `bedrock.*` setting where it takes effect: the connection settings (endpoint, profile,
 * Region) into the user settings, the only place they are read; others into the workspace when the
 * workspace already sets them (a user-level write would be shadowed), otherwise the user settings.
 */
export async function updateBedrockSetting(key: string, value: unknown): Promise<void> {
  const config = vscode.workspace.getConfiguration('bedrock');
  const inspected = config.inspect(key);
  const target = (CONNECTION_SETTINGS as readonly string[]).includes(key)
    ? vscode.ConfigurationTarget.Global
    : inspected?.workspaceFolderValue !== undefined
    ? vscode.ConfigurationTarget.WorkspaceFolder
    : inspected?.workspaceValue !== undefined
      ? vscode.ConfigurationTarget.Workspace
      : vscode.ConfigurationTarget.Global;
  await config.update(key, value, target);
}

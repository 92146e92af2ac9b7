import * as vscode from 'vscode';

/**
 * Writes a `bedrock.*` setting where it takes effect: into the workspace when the workspace
 * already sets it (a user-level write would be shadowed), otherwise into the user settings.
 */
export async function updateBedrockSetting(key: string, value: unknown): Promise<void> {
  const config = vscode.workspace.getConfiguration('bedrock');
  const inspected = config.inspect(key);
  const target = inspected?.workspaceFolderValue !== undefined
    ? vscode.ConfigurationTarget.WorkspaceFolder
    : inspected?.workspaceValue !== undefined
      ? vscode.ConfigurationTarget.Workspace
      : vscode.ConfigurationTarget.Global;
  await config.update(key, value, target);
}

// Reads the model explorer as the extension renders it (through its snapshot command, which
// walks the real TreeDataProvider after any load in progress).
import * as vscode from 'vscode';

export interface TreeItemSnapshot {
  label: string;
  description?: string;
  tooltip?: string;
  contextValue?: string;
  children?: TreeItemSnapshot[];
}

export interface TreeSnapshot {
  state: string;
  message?: string;
  description?: string;
  groupBy: string;
  items: TreeItemSnapshot[];
}

export async function modelTree(): Promise<TreeSnapshot> {
  const snap = await vscode.commands.executeCommand<TreeSnapshot>('bedrock.models.snapshot');
  if (!snap) throw new Error('bedrock.models.snapshot returned nothing');
  return snap;
}

export function child(items: TreeItemSnapshot[] | undefined, label: string): TreeItemSnapshot {
  const hit = items?.find((i) => i.label === label);
  if (!hit) throw new Error(`No tree item "${label}" among: ${(items ?? []).map((i) => i.label).join(', ')}`);
  return hit;
}

export const labels = (items: TreeItemSnapshot[] | undefined): string[] => (items ?? []).map((i) => i.label);

/** The connection settings are application-scoped: VS Code keeps them out of the workspace, so tests set them in the user settings. */
const USER_ONLY = new Set(['endpoint', 'profile', 'region']);
/** The user settings' value of each of those before a test first changed it (the runner's local endpoint). */
const userOriginals = new Map<string, unknown>();

/**
 * Sets a `bedrock.*` setting for a test: in the workspace (undefined removes it), or for the
 * connection settings in the user settings (undefined puts back the value the run started with).
 */
export async function setSetting(key: string, value: unknown): Promise<void> {
  const config = vscode.workspace.getConfiguration('bedrock');
  if (!USER_ONLY.has(key)) {
    await config.update(key, value, vscode.ConfigurationTarget.Workspace);
    return;
  }
  if (!userOriginals.has(key)) userOriginals.set(key, config.inspect(key)?.globalValue);
  await config.update(key, value === undefined ? userOriginals.get(key) : value, vscode.ConfigurationTarget.Global);
}

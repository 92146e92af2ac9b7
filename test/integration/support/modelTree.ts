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

/** Sets a `bedrock.*` setting in the workspace (undefined removes it). */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('bedrock').update(key, value, vscode.ConfigurationTarget.Workspace);
}

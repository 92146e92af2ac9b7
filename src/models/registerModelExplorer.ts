import * as vscode from 'vscode';
import { demoEndpoint } from '../core/demoConnection';
import { connectionSettings } from '../core/config';
import { DETAILS_SCHEME, DetailsDocuments } from './detailsDocument';
import { registerModelCommands } from './modelCommands';
import { ModelExplorer, VIEW_ID } from './modelExplorer';
import { ModelTreeProvider, type ExplorerNode } from './modelTreeProvider';

/** One rendered tree item, as the snapshot command returns it. */
export interface TreeSnapshotItem {
  label: string;
  description?: string;
  tooltip?: string;
  contextValue?: string;
  children?: TreeSnapshotItem[];
}

export interface TreeSnapshot {
  state: string;
  message?: string;
  description?: string;
  groupBy: string;
  items: TreeSnapshotItem[];
}

function labelText(label: string | vscode.TreeItemLabel | undefined): string {
  return typeof label === 'string' ? label : label?.label ?? '';
}

async function snapshotOf(provider: ModelTreeProvider, node?: ExplorerNode): Promise<TreeSnapshotItem[]> {
  const out: TreeSnapshotItem[] = [];
  for (const child of provider.getChildren(node)) {
    const item = provider.getTreeItem(child);
    const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : item.tooltip;
    const entry: TreeSnapshotItem = { label: labelText(item.label) };
    if (typeof item.description === 'string') entry.description = item.description;
    if (tooltip) entry.tooltip = tooltip;
    if (item.contextValue) entry.contextValue = item.contextValue;
    if (item.collapsibleState !== vscode.TreeItemCollapsibleState.None) entry.children = await snapshotOf(provider, child);
    out.push(entry);
  }
  return out;
}

/** Where the view is looking, shown next to its title when something went wrong. */
function connectionLabel(): string {
  const c = connectionSettings();
  return c.demo ? 'Demo' : c.local ? 'local endpoint' : `${c.profile || 'default'} · ${c.region}`;
}

/** The "Bedrock" activity-bar container's "Foundation Models" tree and its commands. */
export function registerModelExplorer(context: vscode.ExtensionContext): void {
  const explorer = new ModelExplorer(context.globalState);
  const provider = new ModelTreeProvider(explorer);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const details = new DetailsDocuments();

  // No TreeView.message: VS Code hides the welcome content (and its buttons) while a message is set.
  const updateViewText = (): void => {
    // The demo says so beside the title whatever the state: its models are stand-ins.
    const demo = demoEndpoint() !== undefined ? 'Demo' : undefined;
    const text = explorer.state === 'ready' ? explorer.describeFilter() : explorer.state === 'loading' ? undefined : connectionLabel();
    view.description = demo && text !== demo ? [demo, text].filter(Boolean).join(' · ') : text;
  };
  updateViewText();

  context.subscriptions.push(
    explorer,
    view,
    details,
    explorer.onDidChange(updateViewText),
    vscode.workspace.registerTextDocumentContentProvider(DETAILS_SCHEME, details),
    ...registerModelCommands(explorer, details),
    // What the tree shows, after any load in progress: used by the integration tests and for diagnostics.
    vscode.commands.registerCommand('bedrock.models.snapshot', async (): Promise<TreeSnapshot> => {
      await explorer.ensureLoaded();
      const snapshot: TreeSnapshot = { state: explorer.state, groupBy: explorer.groupBy, items: await snapshotOf(provider) };
      const message = explorer.message();
      if (message) snapshot.message = message;
      if (view.description) snapshot.description = view.description;
      return snapshot;
    }),
  );
}

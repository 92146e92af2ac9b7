// The "Chats" view in the Bedrock container: every saved chat, newest first, with its title,
// model, date and size. A tree beside the models rather than a quick pick: chat tools (VS Code's
// own chat, Copilot, Continue) keep their history as a list the user sees at all times, and a
// tree gives each row its inline actions; "Find Chat…" adds the searchable quick pick on top.
// Open reopens the chat in a playground panel (or shows the panel it is open in); rename,
// export and delete work on open and closed chats alike; "Delete All" asks first, in a modal.

import * as vscode from 'vscode';
import { log } from '../../core/log';
import type { ChatLibrary, ChatSummary } from './chatLibrary';
import type { ChatHandle } from './chatHost';
import type { ConversationStore } from './conversationStore';
import { exportConversation } from './exportCommand';
import { playgrounds } from '../playgrounds';
import { isRecord, own } from '../../protocol/validate';
import { dateLabel, sizeLabel } from './chatLabels';

export const CHATS_VIEW = 'bedrock.chats';

export interface ChatsDeps {
  library: ChatLibrary;
  store: ConversationStore;
  /** The chat of an open panel, by conversation id. */
  chatOf(id: string): ChatHandle | undefined;
}

function shortModel(c: ChatSummary): string {
  if (c.modelName) return c.modelName;
  const id = c.modelId.split('/').pop() ?? c.modelId;
  return id || 'no model';
}

class ChatsTree implements vscode.TreeDataProvider<ChatSummary> {
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly deps: ChatsDeps) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(element?: ChatSummary): Promise<ChatSummary[]> {
    if (element) return [];
    return this.deps.library.list();
  }

  getTreeItem(c: ChatSummary): vscode.TreeItem {
    const item = new vscode.TreeItem(c.title, vscode.TreeItemCollapsibleState.None);
    item.id = c.id;
    // Short date first: at the side bar's default width the end of the line is cut off; the
    // tooltip has the full date, the model id and the size.
    item.description = `${dateLabel(c.updatedAt)} · ${shortModel(c)} · ${sizeLabel(c.bytes)}`;
    const open = this.deps.chatOf(c.id) !== undefined;
    item.tooltip = new vscode.MarkdownString(
      `**${c.title.replace(/[\\`*_[\]<>]/g, '\\$&')}**\n\n${c.modelId ? `Model: \`${c.modelId}\`\n\n` : ''}` +
      `Changed ${new Date(c.updatedAt).toLocaleString()} · ${c.turns} messages · ${sizeLabel(c.bytes)}${open ? '\n\nOpen in a playground panel.' : ''}`,
    );
    item.iconPath = new vscode.ThemeIcon(open ? 'comment-discussion' : 'comment');
    item.contextValue = 'bedrock.chat';
    item.command = { command: 'bedrock.chats.open', title: 'Open Chat', arguments: [c] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** A command's chat: a tree row, a summary, or an id (tests, keybindings). */
function chatId(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (isRecord(arg)) {
    const id = own(arg, 'id');
    if (typeof id === 'string') return id;
  }
  return undefined;
}

export function registerChatsView(context: vscode.ExtensionContext, deps: ChatsDeps, onChanged: (listener: () => void) => vscode.Disposable): void {
  const tree = new ChatsTree(deps);
  const view = vscode.window.createTreeView(CHATS_VIEW, { treeDataProvider: tree, showCollapseAll: false });
  // Saves come every few seconds while an answer streams: the list is redrawn at most twice a second.
  let pending: ReturnType<typeof setTimeout> | undefined;
  const refreshSoon = () => {
    pending ??= setTimeout(() => { pending = undefined; tree.refresh(); }, 500);
  };
  const { library, store } = deps;

  const pick = async (arg: unknown, purpose: string): Promise<string | undefined> => {
    const id = chatId(arg);
    if (id) return id;
    const chats = await library.list();
    const chosen = await vscode.window.showQuickPick(chats.map((c) => ({ label: c.title, description: `${shortModel(c)} · ${dateLabel(c.updatedAt)}`, id: c.id })), { title: purpose, matchOnDescription: true });
    return chosen?.id;
  };

  const open = async (arg: unknown) => {
    const id = await pick(arg, 'Open a saved chat');
    if (!id) return;
    const panel = playgrounds().find(id);
    if (panel) panel.reveal();
    else await playgrounds().openSaved(id);
    refreshSoon();
  };

  const rename = async (arg: unknown, newTitle?: unknown) => {
    const id = await pick(arg, 'Rename a saved chat');
    if (!id) return;
    const current = (await library.list()).find((c) => c.id === id);
    const title = typeof newTitle === 'string' ? newTitle : await vscode.window.showInputBox({
      title: 'Rename chat', value: current?.title ?? '', prompt: 'The chat\'s new title (empty: its first words again)',
      validateInput: (v) => (v.length > 200 ? 'At most 200 characters.' : undefined),
    });
    if (title === undefined) return;
    const chat = deps.chatOf(id);
    if (chat) await chat.rename(title);
    else await library.rename(id, title);
  };

  const remove = async (arg: unknown) => {
    const id = await pick(arg, 'Delete a saved chat');
    if (!id) return;
    playgrounds().find(id)?.dispose();
    await library.delete([id]);
    log().info(`Deleted chat ${id}`);
  };

  const exportChat = async (arg: unknown, target?: unknown) => {
    const id = await pick(arg, 'Export a saved chat as Markdown');
    if (!id) return undefined;
    const chat = deps.chatOf(id);
    const uri = target instanceof vscode.Uri ? target : undefined;
    if (chat) return chat.exportMarkdown(uri);
    const c = await store.load(id);
    if (!c) throw new Error('This chat is no longer saved.');
    return exportConversation(c, uri);
  };

  const deleteAll = async () => {
    const chats = await library.list();
    if (!chats.length) {
      void vscode.window.showInformationMessage('There are no saved chats.');
      return;
    }
    const answer = await vscode.window.showWarningMessage(
      `Delete all ${chats.length} saved Bedrock chat${chats.length === 1 ? '' : 's'}?`,
      { modal: true, detail: 'Their files and images are deleted from the extension\'s storage, and open chat panels are closed. This cannot be undone.' },
      'Delete All',
    );
    if (answer !== 'Delete All') return;
    for (const c of chats) playgrounds().find(c.id)?.dispose();
    await library.delete(chats.map((c) => c.id));
    log().info(`Deleted all ${chats.length} saved chats`);
  };

  const guarded = (what: string, fn: (...args: unknown[]) => Promise<unknown>) => async (...args: unknown[]) => {
    try {
      return await fn(...args);
    } catch (err) {
      log().error(`${what} failed`, err);
      void vscode.window.showErrorMessage(`${what} failed: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  };

  context.subscriptions.push(
    tree,
    view,
    onChanged(refreshSoon),
    playgrounds().onDidOpen(() => refreshSoon()),
    { dispose: () => { if (pending) clearTimeout(pending); } },
    vscode.commands.registerCommand('bedrock.chats.open', guarded('Opening the chat', open)),
    vscode.commands.registerCommand('bedrock.chats.find', guarded('Opening the chat', () => open(undefined))),
    vscode.commands.registerCommand('bedrock.chats.rename', guarded('Renaming the chat', rename)),
    vscode.commands.registerCommand('bedrock.chats.delete', guarded('Deleting the chat', remove)),
    vscode.commands.registerCommand('bedrock.chats.export', guarded('Exporting the chat', exportChat)),
    vscode.commands.registerCommand('bedrock.chats.deleteAll', guarded('Deleting the chats', deleteAll)),
    // Answers the list it refreshes (tests and other extensions read the saved chats through it).
    vscode.commands.registerCommand('bedrock.chats.refresh', async () => { tree.refresh(); return library.list(); }),
  );
}

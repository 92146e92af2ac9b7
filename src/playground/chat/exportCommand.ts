// Writes a conversation as Markdown to a file the user picks.

import * as vscode from 'vscode';
import { log } from '../../core/log';
import type { Conversation } from './conversation';
import { conversationTitle } from './conversation';
import { conversationMarkdown } from './exportMarkdown';

function fileName(c: Conversation): string {
  const slug = conversationTitle(c).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'chat';
  return `${slug}-${new Date(c.updatedAt).toISOString().slice(0, 10)}.md`;
}

/** Asks where to save, then writes. Returns the file, or undefined when the user cancelled. */
export async function exportConversation(c: Conversation, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri = target ?? await vscode.window.showSaveDialog({
    title: 'Export conversation as Markdown',
    saveLabel: 'Export',
    filters: { Markdown: ['md'] },
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, fileName(c)) } : {}),
  });
  if (!uri) return undefined;
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(conversationMarkdown(c)));
  log().info(`Exported conversation ${c.id} to ${uri.toString(true)}`);
  void vscode.window.showInformationMessage(`Conversation exported to ${vscode.workspace.asRelativePath(uri)}.`, 'Open').then((choice) => {
    if (choice) void vscode.window.showTextDocument(uri);
  });
  return uri;
}

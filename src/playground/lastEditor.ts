// "Insert at cursor" from the playground: while the playground has focus there is no active text
// editor, so the last one the user was in is remembered and used.

import * as vscode from 'vscode';

let last: vscode.TextEditor | undefined;

export function trackLastEditor(): vscode.Disposable {
  last = vscode.window.activeTextEditor ?? last;
  return vscode.window.onDidChangeActiveTextEditor((e) => { if (e) last = e; });
}

function usable(e: vscode.TextEditor | undefined): e is vscode.TextEditor {
  return !!e && !e.document.isClosed && vscode.window.visibleTextEditors.includes(e);
}

/** Inserts at each cursor of the last text editor (replacing selected text); with none open, opens a new untitled one. */
export async function insertIntoEditor(code: string, language: string): Promise<void> {
  const editor = usable(last) ? last : vscode.window.visibleTextEditors[0];
  if (!editor) {
    const doc = await vscode.workspace.openTextDocument({ content: code, ...(language ? { language: languageId(language) } : {}) });
    await vscode.window.showTextDocument(doc);
    return;
  }
  const ok = await editor.edit((b) => { for (const s of editor.selections) b.replace(s, code); });
  if (!ok) throw new Error('The editor refused the edit (read-only?).');
  await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
}

const ALIASES: Record<string, string> = { js: 'javascript', ts: 'typescript', py: 'python', sh: 'shellscript', bash: 'shellscript', shell: 'shellscript', yml: 'yaml' };

function languageId(fence: string): string {
  const l = fence.toLowerCase();
  return ALIASES[l] ?? l;
}

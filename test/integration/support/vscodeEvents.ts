// Waiting on VS Code's own events in the extension host: a condition over the tabs re-checked on
// each tab change, a condition over the language models re-checked on each model change, a
// document's text re-checked on each edit. No timer decides when to look.
import * as vscode from 'vscode';
import { Changes } from '../../support/changes';

/**
 * Resolves with the first value `what` gives other than undefined or false, checked now and each
 * time one of `events` fires.
 */
export async function untilEvent<T>(events: Array<vscode.Event<unknown>>, what: () => T | undefined | false | Promise<T | undefined | false>, label: string, timeoutMs = 30_000): Promise<T> {
  const changes = new Changes();
  // An async condition (selectChatModels, a file read) is read on each event and its answer kept
  // for the synchronous check; reads are serialized, so the newest answer is always the last.
  let latest: T | undefined | false;
  let failure: unknown;
  let reading = Promise.resolve();
  const read = () => {
    reading = reading.then(async () => {
      try {
        latest = await what();
      } catch (err) {
        failure = err;
      }
      changes.changed();
    });
  };
  const subs = events.map((e) => e(read));
  try {
    read();
    return await changes.until(() => {
      if (failure) throw failure;
      return latest;
    }, label, timeoutMs);
  } finally {
    for (const s of subs) s.dispose();
  }
}

export function allTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs);
}

/** The tabs of the extension's playground panels. */
export function playgroundTabs(): vscode.Tab[] {
  return allTabs().filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('bedrock.playground'));
}

/** Closes every playground panel and waits until their tabs are gone. */
export async function closePlaygrounds(): Promise<void> {
  await vscode.window.tabGroups.close(playgroundTabs());
  await untilTabs(() => playgroundTabs().length === 0, 'playground tabs to close');
}

/** Waits for a condition over the open tabs, re-checked on each tab or tab-group change. */
export function untilTabs<T>(what: () => T | undefined | false, label: string, timeoutMs = 30_000): Promise<T> {
  return untilEvent([vscode.window.tabGroups.onDidChangeTabs, vscode.window.tabGroups.onDidChangeTabGroups], what, label, timeoutMs);
}

/**
 * A later event every tab opened before it must precede: opens an empty untitled editor, waits for
 * its tab, and closes it again. Editors are opened in the order their requests reach the
 * workbench, so a tab that something run earlier would open is in by then; checking after this
 * tells "it opened no tab" without waiting for a time.
 */
export async function tabsSettled(): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ content: '' });
  await vscode.window.showTextDocument(doc, { preview: false });
  const tab = await untilTabs(() => allTabs().find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === doc.uri.toString()), 'the untitled editor\'s tab');
  await vscode.window.tabGroups.close(tab);
}

/** Waits until `document`'s text satisfies `predicate`, re-checked on each change of that document. */
export function untilText(document: vscode.TextDocument, predicate: (text: string) => boolean, label: string, timeoutMs = 30_000): Promise<string> {
  const changed = (listener: (e: unknown) => unknown) => vscode.workspace.onDidChangeTextDocument((e) => { if (e.document === document) listener(e); });
  return untilEvent([changed], () => { const t = document.getText(); return predicate(t) ? t : undefined; }, label, timeoutMs);
}

/**
 * Selects in `editor` and waits until the workbench has applied it: the editor is the active one
 * and VS Code has reported the new selection back (onDidChangeTextEditorSelection). Setting
 * `editor.selections` only changes the extension host's copy at once; a selection event the
 * workbench sent before it (the editor just opened, the cursor placed) can still arrive and
 * replace it, so a command run right away may read the old one on a busy machine.
 */
export async function select(editor: vscode.TextEditor, ...wanted: vscode.Selection[]): Promise<void> {
  // What the editor will report: positions past a line's end are clamped to it.
  const doc = editor.document;
  const selections = wanted.map((s) => new vscode.Selection(doc.validatePosition(s.anchor), doc.validatePosition(s.active)));
  const same = (a: readonly vscode.Selection[]) => a.length === selections.length && a.every((s, i) => s.isEqual(selections[i]!));
  const alreadyThere = same(editor.selections);
  let echoed = alreadyThere;
  const sub = vscode.window.onDidChangeTextEditorSelection((e) => { if (e.textEditor === editor && same(e.selections)) echoed = true; });
  try {
    editor.selections = selections;
    await untilEvent([vscode.window.onDidChangeTextEditorSelection, vscode.window.onDidChangeActiveTextEditor],
      () => echoed && vscode.window.activeTextEditor === editor && same(editor.selections), 'the selection to reach the editor');
  } finally {
    sub.dispose();
  }
}

/**
 * Reverts and closes `document`'s editor, and waits until the extension host has let go of the
 * document (onDidCloseTextDocument). Closing an untitled document frees its name (Untitled-1…) at
 * once in the workbench; a document opened right after can take that name, and until the close
 * has reached the extension host, openTextDocument hands back the old, closing document instead of
 * the new one (seen on a busy machine: a test read the previous test's text).
 */
export async function closeDocument(document: vscode.TextDocument): Promise<void> {
  if (document.isClosed) return;
  const closed = untilEvent([vscode.workspace.onDidCloseTextDocument], () => document.isClosed || undefined, `${document.uri.toString()} to close`);
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await closed;
}

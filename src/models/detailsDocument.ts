import * as vscode from 'vscode';

export const DETAILS_SCHEME = 'bedrock-details';

/**
 * Read-only JSON documents for "Show Details". Content-provider documents cannot be edited or
 * saved over, which is what a description of a model should be.
 */
export class DetailsDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '{}\n';
  }

  /** Opens (or refreshes) the document for `name` holding `value` as pretty JSON. */
  async show(name: string, value: unknown): Promise<vscode.TextEditor> {
    const safe = name.replace(/[\\/:*?"<>|#%]/g, '_');
    const uri = vscode.Uri.from({ scheme: DETAILS_SCHEME, path: `/${safe}.json` });
    this.contents.set(uri.toString(), `${JSON.stringify(value, null, 2)}\n`);
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== 'json') await vscode.languages.setTextDocumentLanguage(doc, 'json');
    return vscode.window.showTextDocument(doc, { preview: true });
  }

  dispose(): void {
    this.changed.dispose();
  }
}

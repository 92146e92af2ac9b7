// "Bedrock: Test Guardrail…": ApplyGuardrail on a text, as a prompt (INPUT) or a model's answer
// (OUTPUT), without calling a model. Asks for what it was not given (guardrail and version, source,
// text), then opens the outcome beside the editor as a read-only plain-text document: the outcome in
// words, the text after the guardrail (blocked message or masked text), each finding, the request.
// Plain text on purpose: what a guardrail quotes from the text is shown as text, never as markup.

import * as vscode from 'vscode';
import type { GuardrailTestResult } from '../../bedrock/guardrails';
import { bedrock } from '../../core/services';
import { presentError } from '../../account/errorPresenter';
import type { GuardrailChoice } from '../../protocol/guardrails';
import { guardrailList } from './guardrailList';

export const TEST_SCHEME = 'bedrock-guardrail-test';

class TestDocuments implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private n = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  async show(title: string, text: string): Promise<void> {
    const uri = vscode.Uri.from({ scheme: TEST_SCHEME, path: `/${title.replace(/[\\/:*?"<>|#%]/g, '_')} (test ${++this.n}).txt` });
    this.contents.set(uri.toString(), text);
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.Beside });
  }
}

async function pickGuardrail(): Promise<GuardrailChoice | undefined> {
  const list = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Listing guardrails…' }, () => guardrailList());
  if (list.length === 0) {
    void vscode.window.showInformationMessage(`There are no guardrails in ${bedrock().connection.region}. Create one in the Amazon Bedrock console first.`);
    return undefined;
  }
  const items = list.flatMap((g) => g.versions.map((v) => ({
    label: g.name, description: v.version === 'DRAFT' ? 'Working draft' : `Version ${v.version}`, detail: g.description, choice: { id: g.id, version: v.version, name: g.name },
  })));
  const picked = await vscode.window.showQuickPick(items, { title: 'Test Guardrail (1/3): guardrail and version', placeHolder: 'Guardrail to apply', matchOnDescription: true });
  return picked?.choice;
}

async function pickSource(): Promise<'INPUT' | 'OUTPUT' | undefined> {
  const picked = await vscode.window.showQuickPick([
    { label: 'Input', description: 'check the text as a prompt sent to a model', source: 'INPUT' as const },
    { label: 'Output', description: "check the text as a model's answer", source: 'OUTPUT' as const },
  ], { title: 'Test Guardrail (2/3): check the text as' });
  return picked?.source;
}

function selectedText(): string {
  const e = vscode.window.activeTextEditor;
  return e && !e.selection.isEmpty ? e.document.getText(e.selection).slice(0, 10_000) : '';
}

/** The outcome as plain text. */
export function testReport(r: GuardrailTestResult, source: string, text: string): string {
  const lines = [
    `Guardrail test: ${r.guardrail.name ?? r.guardrail.id} (version ${r.guardrail.version}), text checked as ${source === 'INPUT' ? 'input (a prompt)' : "output (a model's answer)"}`,
    '',
    `Outcome: ${r.intervened ? 'the guardrail intervened' : 'the guardrail let the text through'} (action ${r.action})`,
    r.summary,
    '',
    'Text sent:',
    text,
    '',
    r.output !== undefined ? 'Text after the guardrail:' : 'Text after the guardrail: unchanged',
    ...(r.output !== undefined ? [r.output] : []),
    '',
    'Assessment:',
    ...(r.findings.length ? r.findings.map((f) => `- ${f.action}: ${f.what} (${POLICY[f.policy]})`) : ['- nothing found']),
    ...(r.actionReason ? ['', `Reason given by Bedrock: ${r.actionReason}`] : []),
    '',
    'Request (ApplyGuardrail):',
    JSON.stringify(r.request, null, 2),
    '',
  ];
  return lines.join('\n');
}

const POLICY: Record<GuardrailTestResult['findings'][number]['policy'], string> = {
  topic: 'denied topics', content: 'content filters', word: 'word filters', sensitiveInformation: 'sensitive information filters',
  contextualGrounding: 'contextual grounding check', automatedReasoning: 'automated reasoning check',
};

export function registerTestGuardrail(context: vscode.ExtensionContext): void {
  const docs = new TestDocuments();
  const run = async (given?: GuardrailChoice): Promise<void> => {
    try {
      const guardrail = given ?? await pickGuardrail();
      if (!guardrail) return;
      const source = await pickSource();
      if (!source) return;
      const text = await vscode.window.showInputBox({
        title: `Test Guardrail (3/3): text to check against ${guardrail.name} (version ${guardrail.version})`,
        prompt: 'ApplyGuardrail checks this text without calling a model',
        value: selectedText(),
        validateInput: (v) => (v.trim() ? undefined : 'Write the text to check.'),
        // The text may be long and pasted from elsewhere: a click outside must not throw it away.
        ignoreFocusOut: true,
      });
      if (text === undefined) return;
      const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Applying guardrail ${guardrail.name}…` },
        () => bedrock().applyGuardrail({ guardrail, source, text }));
      await docs.show(`Guardrail ${guardrail.name}`, testReport(result, source, text));
    } catch (err) {
      await presentError(err, { doing: 'Testing a guardrail', retry: () => run(given) });
    }
  };
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(TEST_SCHEME, docs),
    vscode.commands.registerCommand('bedrock.testGuardrail', (arg?: unknown) => run(isChoice(arg) ? arg : undefined)),
  );
}

function isChoice(v: unknown): v is GuardrailChoice {
  const o = v as Partial<GuardrailChoice> | undefined;
  return typeof o === 'object' && o !== null && typeof o.id === 'string' && typeof o.version === 'string' && typeof o.name === 'string';
}

import * as vscode from 'vscode';
import type { ChatEvent, InferenceSettings, ModelRecord } from '../bedrock/types';
import { presentError } from '../account/errorPresenter';
import { log } from '../core/log';
import { bedrock } from '../core/services';
import { pickInstruction, type ChosenInstruction } from './instructionPicker';
import { buildRewritePrompt } from './instructions';
import { lineAt, paragraphAt } from './rewriteTarget';
import { pickRewriteModel, resolveRewriteModel, RewriteModelMissingError } from './rewriteModel';
import { EditorRewrite, type RewriteStatus } from './streamIntoEditor';

/** Answers the command can be given instead of asking (tests, keybindings): `executeCommand('bedrock.rewriteSelection', {instruction: '…'})`. */
export interface RewriteArgs {
  instruction?: string;
  modelId?: string;
  /** Overrides the id sent to Bedrock (an inference profile). */
  invocationId?: string;
  /** What to rewrite when nothing is selected. */
  emptySelection?: 'line' | 'paragraph';
}

export interface RewriteResult {
  status: RewriteStatus | 'nothing' | 'dismissed';
  rewritten: number;
  message?: string;
}

let active: { cancel: () => void } | undefined;

function parseArgs(arg: unknown): RewriteArgs {
  if (typeof arg !== 'object' || arg === null) return {};
  const a = arg as Record<string, unknown>;
  const out: RewriteArgs = {};
  if (typeof a.instruction === 'string' && a.instruction.trim()) out.instruction = a.instruction.trim();
  if (typeof a.modelId === 'string' && a.modelId.trim()) out.modelId = a.modelId.trim();
  if (typeof a.invocationId === 'string' && a.invocationId.trim()) out.invocationId = a.invocationId.trim();
  if (a.emptySelection === 'line' || a.emptySelection === 'paragraph') out.emptySelection = a.emptySelection;
  return out;
}

/** The ranges to rewrite: the non-empty selections, else the cursor's line or paragraph (asked). */
async function targetRanges(editor: vscode.TextEditor, args: RewriteArgs): Promise<vscode.Range[] | 'nothing' | 'dismissed'> {
  const selected = editor.selections.filter((s) => !s.isEmpty).map((s) => new vscode.Range(s.start, s.end));
  if (selected.length) return selected;
  const doc = editor.document;
  const lines = Array.from({ length: doc.lineCount }, (_, i) => doc.lineAt(i).text);
  const cursor = editor.selection.active.line;
  const para = paragraphAt(lines, cursor);
  const line = lineAt(lines, cursor);
  if (!para || !line) return 'nothing';
  let choice = args.emptySelection;
  if (!choice) {
    const preview = (text: string): string => (text.length > 60 ? `${text.slice(0, 59)}…` : text);
    const items: Array<vscode.QuickPickItem & { value: 'line' | 'paragraph' }> = [
      { label: 'Current line', description: `line ${cursor + 1}`, detail: preview(doc.lineAt(cursor).text.trim()), value: 'line' },
    ];
    if (para.endLine > para.startLine) {
      items.unshift({ label: 'Current paragraph', description: `lines ${para.startLine + 1}–${para.endLine + 1}`, detail: preview(doc.lineAt(para.startLine).text.trim()), value: 'paragraph' });
    }
    const pick = await vscode.window.showQuickPick(items, { title: 'Nothing is selected. Rewrite…' });
    if (!pick) return 'dismissed';
    choice = pick.value;
  }
  const span = choice === 'paragraph' ? para : line;
  return [new vscode.Range(span.startLine, 0, span.endLine, doc.lineAt(span.endLine).text.length)];
}

/** maxTokens for a rewrite: room for the text to grow, within the model's limit. */
function settingsFor(model: ModelRecord, original: string): InferenceSettings {
  try {
    const spec = bedrock().parameterSpec(model);
    const settings: InferenceSettings = {};
    if (spec.maxTokens.supported) settings.maxTokens = Math.min(spec.maxTokens.max, Math.max(spec.maxTokens.default, Math.ceil(original.length / 2) + 256));
    // Rewrites should stay close to the text.
    if (spec.temperature.supported) settings.temperature = Math.min(spec.temperature.max, Math.max(spec.temperature.min, 0.3));
    return settings;
  } catch {
    return {};
  }
}

async function chooseModelAndInstruction(context: vscode.ExtensionContext, editor: vscode.TextEditor, args: RewriteArgs): Promise<{ model: ModelRecord; instruction: ChosenInstruction } | { failed: string } | undefined> {
  let choice;
  try {
    choice = await resolveRewriteModel(args.modelId);
  } catch (err) {
    if (!(err instanceof RewriteModelMissingError)) {
      // Not awaited: the error toast may stay open for minutes, and the command has ended (failed).
      void presentError(err, { doing: 'Finding the rewrite model', retry: () => vscode.commands.executeCommand('bedrock.rewriteSelection', args) });
      return { failed: bedrock().describeError(err, args.modelId ? { modelId: args.modelId } : undefined).message };
    }
    const pick = await vscode.window.showErrorMessage(err.message, 'Choose Model');
    if (!pick) return undefined;
    const model = await pickRewriteModel();
    if (!model) return undefined;
    choice = { model, source: 'bedrock.rewriteModel' as const };
  }
  if (args.instruction) return { model: choice.model, instruction: { label: args.instruction, instruction: args.instruction } };
  for (;;) {
    const picked = await pickInstruction(context.globalState, editor.document.languageId, choice.model, choice.source);
    if (!picked) return undefined;
    if (picked !== 'changeModel') return { model: choice.model, instruction: picked };
    const model = await pickRewriteModel(choice.model);
    if (model) choice = { model, source: 'bedrock.rewriteModel' as const };
  }
}

/** "Bedrock: Rewrite Selection": streams the rewrite into the editor in place of each selection, as one undo step. */
export async function rewriteSelection(context: vscode.ExtensionContext, arg?: unknown): Promise<RewriteResult> {
  const args = parseArgs(arg);
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Open a file and select the text to rewrite.');
    return { status: 'nothing', rewritten: 0 };
  }
  if (active) {
    void vscode.window.showInformationMessage('A rewrite is already running. Cancel it first (Escape or the Cancel button).');
    return { status: 'dismissed', rewritten: 0 };
  }
  const first = await targetRanges(editor, args);
  if (first === 'nothing') {
    void vscode.window.showInformationMessage('There is nothing to rewrite here: select some text first.');
    return { status: 'nothing', rewritten: 0 };
  }
  if (first === 'dismissed') return { status: 'dismissed', rewritten: 0 };
  const version = editor.document.version;
  const chosen = await chooseModelAndInstruction(context, editor, args);
  if (!chosen) return { status: 'dismissed', rewritten: 0 };
  if ('failed' in chosen) return { status: 'failed', rewritten: 0, message: chosen.failed };
  // The document may have been edited while the pickers were open: take the selection afresh.
  const ranges = editor.document.version === version ? first : await targetRanges(editor, args);
  if (!Array.isArray(ranges)) return { status: ranges === 'nothing' ? 'nothing' : 'dismissed', rewritten: 0 };

  const { model, instruction } = chosen;
  const rewrite = new EditorRewrite(editor, ranges);
  const languageId = editor.document.languageId;
  const source = (original: string, signal: AbortSignal): AsyncIterable<ChatEvent> => {
    const prompt = buildRewritePrompt(instruction.instruction, original, languageId);
    const systemSupported = (() => { try { return bedrock().parameterSpec(model).systemPrompt.supported; } catch { return true; } })();
    return bedrock().chat({
      model,
      ...(args.invocationId ? { invocationId: args.invocationId } : {}),
      ...(systemSupported ? { system: prompt.system } : {}),
      messages: [{ role: 'user', text: systemSupported ? prompt.user : `${prompt.system}\n\n${prompt.user}` }],
      settings: settingsFor(model, original),
    }, signal);
  };

  log().info(`Rewrite (${instruction.label}) of ${rewrite.count} range(s) in ${editor.document.uri.scheme}:${editor.document.fileName.split(/[\\/]/).pop() ?? ''} with ${model.id}`);
  await vscode.commands.executeCommand('setContext', 'bedrock.rewriting', true);
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Rewriting with ${model.name}: ${instruction.label}`, cancellable: true },
    async (progress, token) => {
      const cancellation = new vscode.CancellationTokenSource();
      const link = token.onCancellationRequested(() => cancellation.cancel());
      active = { cancel: () => cancellation.cancel() };
      try {
        return await rewrite.run(source, cancellation.token, (index, event) => {
          const which = rewrite.count > 1 ? `selection ${index + 1} of ${rewrite.count}` : '';
          if (event.type === 'retry') progress.report({ message: `Bedrock is busy; retrying (attempt ${event.attempt} of ${event.maxAttempts})… ${which}` });
          else if (event.type === 'request' || (event.type === 'text' && which)) progress.report({ message: which || 'writing…' });
        });
      } finally {
        active = undefined;
        link.dispose();
        cancellation.dispose();
        await vscode.commands.executeCommand('setContext', 'bedrock.rewriting', false);
      }
    },
  );

  const result: RewriteResult = { status: outcome.status, rewritten: outcome.rewritten };
  switch (outcome.status) {
    case 'done':
      vscode.window.setStatusBarMessage(`$(check) Rewrote ${outcome.rewritten === 1 ? 'the selection' : `${outcome.rewritten} selections`} with ${model.name}. Undo restores the original.`, 6000);
      break;
    case 'cancelled':
      result.message = 'Rewrite cancelled; the original text is unchanged.';
      vscode.window.setStatusBarMessage(result.message, 5000);
      break;
    case 'interrupted':
      result.message = outcome.restored
        ? 'The document changed while the rewrite was writing into it, so the rewrite stopped and put the original text back.'
        : 'The text being rewritten was edited during the rewrite, so the rewrite stopped and left it as it is. Undo steps back through the changes.';
      void vscode.window.showWarningMessage(result.message);
      break;
    case 'editorClosed':
      result.message = 'The editor was closed during the rewrite, so it stopped; the original text is unchanged.';
      void vscode.window.showWarningMessage(result.message);
      break;
    case 'truncated':
      result.message = `${model.name} reached its output limit before finishing the rewrite, so the original text was kept. Select less text at a time, or choose a model with a larger output limit.`;
      void vscode.window.showWarningMessage(result.message, 'Choose Model').then((c) => (c ? pickRewriteModel(model) : undefined));
      break;
    case 'noText':
      result.message = `${model.name} returned no text, so the selection was left unchanged.`;
      void vscode.window.showWarningMessage(result.message);
      break;
    case 'failed':
      result.message = bedrock().describeError(outcome.error, { modelId: model.id }).message;
      void presentError(outcome.error, {
        doing: 'Rewriting the selection',
        modelId: model.id,
        retry: () => vscode.commands.executeCommand('bedrock.rewriteSelection', { ...args, instruction: instruction.instruction, modelId: model.id }),
        useProfile: (invocationId) => vscode.commands.executeCommand('bedrock.rewriteSelection', { ...args, instruction: instruction.instruction, modelId: model.id, invocationId }),
      });
      break;
  }
  return result;
}

export function registerRewriteSelection(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('bedrock.rewriteSelection', (arg?: unknown) => rewriteSelection(context, arg)),
    vscode.commands.registerCommand('bedrock.cancelRewrite', () => active?.cancel()),
  );
}

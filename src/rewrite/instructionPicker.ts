import * as vscode from 'vscode';
import type { ModelRecord } from '../bedrock/types';
import { BUILTIN_INSTRUCTIONS, commentHint, rememberInstruction, TRANSLATE_LANGUAGES, translateInstruction } from './instructions';

const RECENT_KEY = 'bedrock.rewrite.recentInstructions';
const LANGUAGE_KEY = 'bedrock.rewrite.lastLanguage';

export interface ChosenInstruction {
  /** Short name for progress and messages. */
  label: string;
  instruction: string;
}

interface Item extends vscode.QuickPickItem {
  run: () => Promise<ChosenInstruction | 'changeModel' | undefined>;
}

async function askTranslate(memento: vscode.Memento): Promise<ChosenInstruction | undefined> {
  const last = memento.get<string>(LANGUAGE_KEY);
  const languages = last ? [last, ...TRANSLATE_LANGUAGES.filter((l) => l !== last)] : [...TRANSLATE_LANGUAGES];
  const items: vscode.QuickPickItem[] = [...languages.map((label) => ({ label })), { label: '', kind: vscode.QuickPickItemKind.Separator }, { label: '$(edit) Other language…' }];
  const pick = await vscode.window.showQuickPick(items, { title: 'Translate into…' });
  if (!pick) return undefined;
  let language = pick.label;
  if (language.startsWith('$(edit)')) {
    const typed = await vscode.window.showInputBox({ title: 'Translate into…', prompt: 'Language name', validateInput: (v) => (v.trim() ? undefined : 'Type a language') });
    if (!typed) return undefined;
    language = typed.trim();
  }
  await memento.update(LANGUAGE_KEY, language);
  return { label: `Translate into ${language}`, instruction: translateInstruction(language) };
}

async function askCustom(memento: vscode.Memento): Promise<ChosenInstruction | undefined> {
  const typed = await vscode.window.showInputBox({
    title: 'Custom rewrite instruction',
    prompt: 'What should the model do with the text? (remembered for next time)',
    placeHolder: 'e.g. Rewrite as a bulleted list',
    validateInput: (v) => (v.trim() ? undefined : 'Type an instruction'),
  });
  if (!typed) return undefined;
  await memento.update(RECENT_KEY, rememberInstruction(memento.get<string[]>(RECENT_KEY, []), typed));
  return { label: typed.trim(), instruction: typed.trim() };
}

/**
 * The instruction quick pick. Its last entry shows the model in use and changes it; the
 * caller then shows the pick again (returns 'changeModel').
 */
export async function pickInstruction(memento: vscode.Memento, languageId: string, model: ModelRecord, modelSource: string): Promise<ChosenInstruction | 'changeModel' | undefined> {
  const items: Item[] = BUILTIN_INSTRUCTIONS.map((b) => ({
    label: b.label,
    detail: b.detail,
    run: async () => ({ label: b.label, instruction: b.id === 'comments' ? `${b.instruction} ${commentHint(languageId)}` : b.instruction }),
  }));
  items.push({ label: 'Translate…', detail: 'Into another language', run: () => askTranslate(memento) });
  const recent = memento.get<string[]>(RECENT_KEY, []);
  if (recent.length) items.push({ label: 'Recent', kind: vscode.QuickPickItemKind.Separator, run: async () => undefined });
  for (const r of recent) items.push({ label: r, description: 'custom', run: async () => ({ label: r, instruction: r }) });
  items.push(
    { label: '$(edit) Custom instruction…', detail: 'Type your own; it is remembered', run: () => askCustom(memento) },
    { label: '', kind: vscode.QuickPickItemKind.Separator, run: async () => undefined },
    {
      label: `$(settings-gear) Model: ${model.name}`,
      description: modelSource === 'automatic' ? 'chosen automatically — change…' : 'change…',
      detail: model.id,
      run: async () => 'changeModel',
    },
  );
  const pick = await vscode.window.showQuickPick(items, { title: 'Bedrock: Rewrite Selection', placeHolder: 'How should the selection be rewritten?', matchOnDetail: true });
  return pick ? pick.run() : undefined;
}

import * as vscode from 'vscode';
import type { Modality, ModelRecord } from '../bedrock/types';
import { describeRule } from '../bedrock/learnedRules';
import { presentError } from '../account/errorPresenter';
import { bedrock } from '../core/services';
import { MODALITY_LABELS, profileModels } from './catalogView';
import type { DetailsDocuments } from './detailsDocument';
import type { ModelExplorer } from './modelExplorer';
import { isModelNode, isProfileNode } from './modelTreeProvider';
import { openInPlayground } from './openInPlayground';

/** The model a command was invoked on: a tree node, or a model id (tests, keybindings). */
function modelOf(explorer: ModelExplorer, arg: unknown): ModelRecord | undefined {
  if (isModelNode(arg)) return arg.model;
  if (typeof arg === 'string') return explorer.findModel(arg);
  return undefined;
}

async function copy(text: string, what: string): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`$(copy) Copied ${what}: ${text}`, 4000);
}

/** Shown with the details of a model Bedrock taught us rules about. */
async function offerToForget(model: ModelRecord): Promise<void> {
  const learned = bedrock().learnedRules.get(model.id);
  const what = learned.map(describeRule).join('; ');
  const forget = 'Forget';
  const choice = await vscode.window.showInformationMessage(`Bedrock refused requests to ${model.name} that it now gets ${what}.`, forget);
  if (choice === forget) await vscode.commands.executeCommand('bedrock.models.forgetLearnedRules', model.id);
}

export function registerModelCommands(explorer: ModelExplorer, details: DetailsDocuments): vscode.Disposable[] {
  const reg = vscode.commands.registerCommand;
  return [
    reg('bedrock.models.forgetLearnedRules', async (arg: unknown) => {
      const store = bedrock().learnedRules;
      let id = isModelNode(arg) ? arg.model.id : typeof arg === 'string' ? arg : undefined;
      if (id === undefined) {
        const picks = Object.entries(store.all()).filter(([, r]) => r.length > 0)
          .map(([key, r]) => ({ label: explorer.findModel(key)?.name ?? key, description: key, detail: `Sent ${r.map(describeRule).join('; ')}`, key }));
        if (picks.length === 0) {
          void vscode.window.showInformationMessage('Bedrock has refused no request in a way this extension learned from: there is nothing to forget.');
          return;
        }
        id = (await vscode.window.showQuickPick(picks, { title: 'Forget What Bedrock Refused For…', placeHolder: 'The next request to the model is sent as the registry says' }))?.key;
      }
      if (id === undefined) return;
      store.forget(id);
      vscode.window.setStatusBarMessage(`$(check) Forgot the learned rules for ${id}`, 4000);
    }),

    reg('bedrock.refreshModels', () => explorer.refresh()),

    reg('bedrock.models.openInPlayground', async (arg: unknown) => {
      if (isProfileNode(arg)) {
        const first = profileModels(arg.profile, explorer.catalog?.models ?? [])[0];
        if (first) return openInPlayground(first, arg.profile);
        return;
      }
      const model = modelOf(explorer, arg);
      if (model) await openInPlayground(model);
    }),

    reg('bedrock.models.copyModelId', async (arg: unknown) => {
      if (isProfileNode(arg)) return copy(arg.profile.id, 'inference profile ID');
      const model = modelOf(explorer, arg);
      if (model) await copy(model.id, 'model ID');
    }),

    reg('bedrock.models.copyInvocationId', async (arg: unknown) => {
      if (isProfileNode(arg)) return copy(arg.profile.arn || arg.profile.id, 'inference profile ARN');
      const model = modelOf(explorer, arg);
      if (!model) return;
      try {
        await copy(bedrock().resolveInvocation(model).invocationId, 'invocation ID');
      } catch (err) {
        await presentError(err, { doing: `Resolving the invocation ID of ${model.id}`, modelId: model.id });
      }
    }),

    reg('bedrock.models.showDetails', async (arg: unknown) => {
      if (isProfileNode(arg)) {
        await details.show(arg.profile.id, arg.profile);
        return;
      }
      const model = modelOf(explorer, arg);
      if (!model) return;
      try {
        const value = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Window, title: `Loading details of ${model.name}` },
          () => bedrock().modelDetails(model.id),
        );
        const service = bedrock();
        const rules = service.modelRules(model);
        const learned = service.learnedRules.get(model.id);
        await details.show(model.id, {
          ...(typeof value === 'object' && value !== null ? value : { modelDetails: value }),
          extension: {
            family: rules.family,
            limitsKnown: rules.known,
            parameters: service.parameterSpec(model),
            ...(rules.contextWindow !== undefined ? { contextWindow: rules.contextWindow } : {}),
            tools: rules.tools,
            sources: rules.sources,
            learnedFromBedrock: learned,
          },
        });
        if (learned.length > 0) void offerToForget(model);
      } catch (err) {
        await presentError(err, { doing: `Loading details of ${model.id}`, modelId: model.id, retry: () => vscode.commands.executeCommand('bedrock.models.showDetails', arg) });
      }
    }),

    reg('bedrock.models.filter', async (text?: unknown) => {
      if (typeof text === 'string') return explorer.setFilter({ ...explorer.filter, text });
      // Live filtering while typing; Escape puts the previous filter back.
      const before = explorer.filter;
      const input = vscode.window.createInputBox();
      input.title = 'Filter Foundation Models';
      input.placeholder = 'Words in the name, id or provider (e.g. "claude sonnet"); empty shows all';
      input.value = before.text;
      let accepted = false;
      await new Promise<void>((resolve) => {
        input.onDidChangeValue((v) => explorer.setFilter({ ...explorer.filter, text: v }));
        input.onDidAccept(() => { accepted = true; input.hide(); });
        input.onDidHide(() => resolve());
        input.show();
      });
      input.dispose();
      if (!accepted) explorer.setFilter(before);
    }),

    reg('bedrock.models.filterByModality', async (modalities?: unknown) => {
      if (Array.isArray(modalities)) return explorer.setFilter({ ...explorer.filter, modalities: modalities.filter((m): m is Modality => typeof m === 'string' && m in MODALITY_LABELS) });
      const present = new Set((explorer.catalog?.models ?? []).flatMap((m) => m.outputModalities));
      const all = (Object.keys(MODALITY_LABELS) as Modality[]).filter((m) => present.has(m) || explorer.filter.modalities.includes(m));
      const picks = all.map((m) => ({ label: MODALITY_LABELS[m], modality: m, picked: explorer.filter.modalities.includes(m) }));
      const chosen = await vscode.window.showQuickPick(picks, { canPickMany: true, title: 'Show models that output…', placeHolder: 'None checked shows every model' });
      if (chosen) explorer.setFilter({ ...explorer.filter, modalities: chosen.map((c) => c.modality) });
    }),

    reg('bedrock.models.clearFilter', () => explorer.setFilter({ text: '', modalities: [] })),
    reg('bedrock.models.groupByModality', () => explorer.setGroupBy('modality')),
    reg('bedrock.models.groupByProvider', () => explorer.setGroupBy('provider')),
  ];
}

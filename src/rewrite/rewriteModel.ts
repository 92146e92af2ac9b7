import * as vscode from 'vscode';
import type { ModelRecord } from '../bedrock/types';
import { updateBedrockSetting } from '../account/settingsWriter';
import { readConfig } from '../core/config';
import { bedrock } from '../core/services';
import { rewriteCandidates } from './modelChoice';

export interface RewriteModelChoice {
  model: ModelRecord;
  /** Where it came from, shown in the picker. */
  source: 'argument' | 'bedrock.rewriteModel' | 'bedrock.defaultChatModel' | 'automatic';
}

/** The model to rewrite with: the argument, `bedrock.rewriteModel`, `bedrock.defaultChatModel`, else the best candidate. */
export async function resolveRewriteModel(explicitId?: string): Promise<RewriteModelChoice> {
  const config = readConfig();
  const configured: Array<[string, RewriteModelChoice['source']]> = [
    [explicitId ?? '', 'argument'],
    [config.rewriteModel, 'bedrock.rewriteModel'],
    [config.defaultChatModel, 'bedrock.defaultChatModel'],
  ];
  for (const [id, source] of configured) {
    if (!id) continue;
    const model = await bedrock().findModel(id);
    if (model) return { model, source };
    throw new RewriteModelMissingError(id, source);
  }
  const best = rewriteCandidates(await bedrock().catalog())[0];
  if (!best) throw new RewriteModelMissingError('', 'automatic');
  return { model: best, source: 'automatic' };
}

export class RewriteModelMissingError extends Error {
  constructor(readonly modelId: string, readonly source: RewriteModelChoice['source']) {
    super(modelId
      ? `The rewrite model "${modelId}" (from ${source}) is not in the model catalog of ${bedrock().connection.local ? 'the local endpoint' : bedrock().connection.region}.`
      : 'No text model is available for rewriting here.');
    this.name = 'RewriteModelMissingError';
  }
}

/** Lets the user choose the rewrite model; saves it as `bedrock.rewriteModel`. */
export async function pickRewriteModel(current?: ModelRecord): Promise<ModelRecord | undefined> {
  const catalog = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Loading Bedrock models' }, () => bedrock().catalog());
  const items = rewriteCandidates(catalog).map((m) => ({
    label: `${m.id === current?.id ? '$(check) ' : ''}${m.name}`,
    description: m.id,
    detail: [m.provider, m.streaming ? 'streams' : 'no streaming', m.lifecycle === 'LEGACY' ? 'LEGACY' : ''].filter(Boolean).join(' · '),
    model: m,
  }));
  const pick = await vscode.window.showQuickPick(items, { title: 'Model for Rewrite Selection', placeHolder: 'Saved as the bedrock.rewriteModel setting', matchOnDescription: true });
  if (!pick) return undefined;
  await updateBedrockSetting('rewriteModel', pick.model.id);
  return pick.model;
}

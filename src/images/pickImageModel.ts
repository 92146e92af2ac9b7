// Which image model "Bedrock: Generate Image" uses: `bedrock.defaultImageModel` when it names an
// image model of the catalog, else the user's pick (offered to be remembered as the default).

import * as vscode from 'vscode';
import type { ModelRecord } from '../bedrock/types';
import { readConfig } from '../core/config';
import { log } from '../core/log';
import { bedrock } from '../core/services';

export const DEFAULT_IMAGE_MODEL_SETTING = 'bedrock.defaultImageModel';

export function isImageModel(model: ModelRecord): boolean {
  return model.outputModalities.includes('IMAGE');
}

/** Image-output models of the catalog, active ones first, then by provider and name. */
export async function imageModels(refresh = false): Promise<ModelRecord[]> {
  const catalog = await bedrock().catalog({ refresh });
  return catalog.models
    .filter(isImageModel)
    .sort((a, b) => (a.lifecycle === b.lifecycle ? 0 : a.lifecycle === 'ACTIVE' ? -1 : 1) || a.provider.localeCompare(b.provider) || a.name.localeCompare(b.name));
}

interface ModelItem extends vscode.QuickPickItem {
  model: ModelRecord;
}

/** A model picker that is on screen at once and fills in when the catalog arrives. */
async function pickFromCatalog(title: string): Promise<ModelRecord | undefined> {
  const qp = vscode.window.createQuickPick<ModelItem>();
  qp.title = title;
  qp.placeholder = 'Loading image models…';
  qp.busy = true;
  qp.ignoreFocusOut = true;
  qp.matchOnDescription = true;
  const picked = new Promise<ModelRecord | undefined>((resolve) => {
    qp.onDidAccept(() => resolve(qp.selectedItems[0]?.model));
    qp.onDidHide(() => resolve(undefined));
  });
  qp.show();
  try {
    const models = await imageModels();
    qp.items = models.map((model) => ({
      label: model.name,
      description: model.id,
      detail: `${model.provider}${model.lifecycle === 'LEGACY' ? ' · legacy' : ''}`,
      model,
    }));
    qp.placeholder = models.length ? 'Pick the model that generates the image' : `No image model is available in ${bedrock().connection.region}.`;
    qp.busy = false;
    return await picked;
  } finally {
    qp.dispose();
  }
}

/** Offers (without waiting) to save the pick as the default, so the question is asked once. */
function offerToRemember(model: ModelRecord): void {
  void vscode.window
    .showInformationMessage(`Use ${model.name} for "Bedrock: Generate Image" from now on?`, 'Remember', 'Not Now')
    .then(async (choice) => {
      if (choice !== 'Remember') return;
      await vscode.workspace.getConfiguration('bedrock').update('defaultImageModel', model.id, vscode.ConfigurationTarget.Global);
      log().info(`Default image model set to ${model.id}`);
    });
}

/**
 * The model to generate with. `explicitId` (a command argument) wins; then the setting; else the
 * user picks. Throws when an explicit id is not an image model of the catalog.
 */
export async function chooseImageModel(explicitId?: string): Promise<ModelRecord | undefined> {
  if (explicitId) {
    const model = await bedrock().findModel(explicitId);
    if (!model) throw new Error(`"${explicitId}" is not a model of the catalog in ${bedrock().connection.region}.`);
    if (!isImageModel(model)) throw new Error(`${model.name} (${model.id}) does not generate images.`);
    return model;
  }
  const configured = readConfig().defaultImageModel;
  if (configured) {
    const model = await bedrock().findModel(configured);
    if (model && isImageModel(model)) return model;
    const why = model ? `${model.name} does not generate images` : `it is not in the catalog of ${bedrock().connection.region}`;
    void vscode.window.showWarningMessage(`The default image model "${configured}" (${DEFAULT_IMAGE_MODEL_SETTING}) cannot be used: ${why}. Pick another one.`);
  }
  const model = await pickFromCatalog('Bedrock: Generate Image — choose a model');
  if (model) offerToRemember(model);
  return model;
}

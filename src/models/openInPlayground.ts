import * as vscode from 'vscode';
import type { InferenceProfileRecord, ModelRecord } from '../bedrock/types';

/**
 * Opens the playground with the model preselected: "Bedrock: Chat" for text models (a profile
 * opens the chat on the profile id), the Images tab ("Bedrock: Open Image Playground") for image models.
 */
export async function openInPlayground(model: ModelRecord, profile?: InferenceProfileRecord): Promise<void> {
  const image = model.outputModalities.includes('IMAGE') && !model.outputModalities.includes('TEXT');
  if (!image) {
    await vscode.commands.executeCommand('bedrock.chat', { modelId: profile ? profile.id : model.id });
    return;
  }
  await vscode.commands.executeCommand('bedrock.openImagePlayground', { modelId: model.id });
}

import * as vscode from 'vscode';
import type { InferenceProfileRecord, ModelRecord } from '../bedrock/types';

/**
 * Opens the playground with the model preselected: the chat tab for text models, the images
 * tab for image models. A profile opens the chat with the profile id as the invocation id.
 */
export async function openInPlayground(model: ModelRecord, profile?: InferenceProfileRecord): Promise<void> {
  const image = model.outputModalities.includes('IMAGE') && !model.outputModalities.includes('TEXT');
  await vscode.commands.executeCommand('bedrock.chat', {
    modelId: profile ? profile.id : model.id,
    ...(image ? { tab: 'images' } : {}),
  });
}

import * as vscode from 'vscode';
import type { InferenceProfileRecord, ModelRecord } from '../bedrock/types';

/** The command that opens the images side of the playground with a model, once one is registered. */
const IMAGE_PANE_COMMANDS = ['bedrock.openImages', 'bedrock.images.open'];

/**
 * Opens the playground with the model preselected: "Bedrock: Chat" for text models (a profile
 * opens the chat on the profile id), the image pane for image models when it offers a command,
 * else "Bedrock: Generate Image" with the model chosen.
 */
export async function openInPlayground(model: ModelRecord, profile?: InferenceProfileRecord): Promise<void> {
  const image = model.outputModalities.includes('IMAGE') && !model.outputModalities.includes('TEXT');
  if (!image) {
    await vscode.commands.executeCommand('bedrock.chat', { modelId: profile ? profile.id : model.id });
    return;
  }
  const commands = new Set(await vscode.commands.getCommands(true));
  const pane = IMAGE_PANE_COMMANDS.find((c) => commands.has(c));
  await vscode.commands.executeCommand(pane ?? 'bedrock.generateImage', { modelId: model.id });
}

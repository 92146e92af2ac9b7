import * as vscode from 'vscode';
import { generateImageCommand } from './generateImageCommand';

/** "Bedrock: Generate Image": generates into the workspace (see src/images/generateImageCommand.ts). */
export function registerGenerateImage(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand('bedrock.generateImage', (arg?: unknown) => generateImageCommand(arg)));
}

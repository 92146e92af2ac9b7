// "Bedrock: Show Usage" (palette, and the Models view's title bar): the playground with its Usage tab in front.
import * as vscode from 'vscode';
import { UsageEvents } from '../../protocol/usage';
import { playgrounds } from '../playgrounds';

export function registerShowUsage(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand('bedrock.showUsage', async () => {
    const panel = await playgrounds().show();
    panel.notify(UsageEvents.reveal, {});
  }));
}

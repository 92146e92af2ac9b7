import * as vscode from 'vscode';
import { log } from '../core/log';
import { bedrock } from '../core/services';
import { BedrockChatProvider } from './provider';
import { CHAT_PROVIDER_SECTION, chatProviderSettings } from './settings';

/** The vendor of our models in `vscode.lm` (declared under `languageModelChatProviders` in package.json). */
export const CHAT_VENDOR = 'bedrock-playground';

/** Bedrock's chat models in VS Code's model picker and in `vscode.lm.selectChatModels({ vendor })`. */
export function registerChatProvider(context: vscode.ExtensionContext): void {
  const provider = new BedrockChatProvider(bedrock, chatProviderSettings);
  context.subscriptions.push(
    provider,
    vscode.lm.registerLanguageModelChatProvider(CHAT_VENDOR, provider),
    // Another region, profile or endpoint means another catalog.
    bedrock().onDidChangeConnection(() => provider.refresh()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(CHAT_PROVIDER_SECTION)) {
        log().info(`VS Code Chat models: ${chatProviderSettings().enabled ? 'on' : 'off'}`);
        provider.refresh();
      }
    }),
  );
}

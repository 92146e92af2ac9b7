import * as vscode from 'vscode';

// The two settings of the chat provider, read where they are used (they change nothing else).

export interface ChatProviderSettings {
  enabled: boolean;
  /** Model ids (with `*` wildcards) or names kept out of VS Code's model list. */
  hiddenModels: string[];
}

export const CHAT_PROVIDER_SECTION = 'bedrock.chatProvider';

export function chatProviderSettings(): ChatProviderSettings {
  const c = vscode.workspace.getConfiguration('bedrock.chatProvider');
  const hidden = c.get<unknown>('hiddenModels');
  return {
    enabled: c.get<boolean>('enabled') !== false,
    hiddenModels: Array.isArray(hidden) ? hidden.filter((h): h is string => typeof h === 'string') : [],
  };
}

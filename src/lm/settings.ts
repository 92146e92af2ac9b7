import { readConfig } from '../core/config';

// The two settings of the chat provider (declared in package.json, read in src/config.ts).

export interface ChatProviderSettings {
  enabled: boolean;
  /** Model ids (with `*` wildcards) or names kept out of VS Code's model list. */
  hiddenModels: string[];
}

export const CHAT_PROVIDER_SECTION = 'bedrock.chatProvider';

export function chatProviderSettings(): ChatProviderSettings {
  const c = readConfig();
  return { enabled: c['chatProvider.enabled'], hiddenModels: c['chatProvider.hiddenModels'] };
}

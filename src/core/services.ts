import type * as vscode from 'vscode';
import { BedrockService, type Logger } from '../bedrock/service';
import { LearnedRules, type LearnedRule } from '../bedrock/learnedRules';
import type { PriceStore, StoredPrices } from '../bedrock/pricingService';
import { connectionSettings, onConnectionChange, onNetworkChange } from './config';
import { log } from './log';
import { onDidChangeSecrets, registerSecrets } from './secretKeys';

// The extension's one BedrockService. Created on first use (so activation loads no SDK), from
// the `bedrock.*` settings, and told about every change to them.

let service: BedrockService | undefined;
let learned: LearnedRules | undefined;
let priceStore: PriceStore | undefined;

/** Global state key of what Bedrock refused per model (learnedRules.ts); kept across sessions and workspaces. */
export const LEARNED_RULES_KEY = 'bedrock.learnedRules';

/** Writes to the "Bedrock" log channel, opened only when something is logged. */
const channelLogger: Logger = {
  debug: (m) => log().debug(m),
  info: (m) => log().info(m),
  warn: (m) => log().warn(m),
  error: (m, ...a) => log().error(m, ...a),
};

/** The one BedrockService of the extension, created on first call from src/config.ts settings, rebuilt on `bedrock.*` changes. */
export function bedrock(): BedrockService {
  service ??= new BedrockService(() => connectionSettings(), channelLogger, learned ?? new LearnedRules(), priceStore);
  return service;
}

/** Hooks configuration changes to the service; registered first so every feature sees a live service. */
export function registerServices(context: vscode.ExtensionContext): void {
  const stored = context.globalState.get<Record<string, LearnedRule[]>>(LEARNED_RULES_KEY, {});
  learned = new LearnedRules(typeof stored === 'object' && stored !== null ? stored : {}, (table) => {
    context.globalState.update(LEARNED_RULES_KEY, table).then(undefined, (err: unknown) => log().error('Could not save the learned model rules', err));
  });
  // The day's Price List prices (costs), kept across reloads; one entry per Region and source.
  priceStore = {
    get: (key) => context.globalState.get<StoredPrices>(`bedrock.${key}`),
    set: (key, value) => context.globalState.update(`bedrock.${key}`, value),
  };
  registerSecrets(context);
  context.subscriptions.push(
    // A service not yet created reads fresh settings when it is.
    onConnectionChange(() => service?.settingsChanged()),
    // A new or cleared API key, or a host allowed to receive it: new clients.
    onDidChangeSecrets(() => service?.settingsChanged()),
    // A new proxy: new clients for the next call.
    onNetworkChange(() => service?.settingsChanged()),
    {
      dispose: () => {
        service?.dispose();
        service = undefined;
      },
    },
  );
}

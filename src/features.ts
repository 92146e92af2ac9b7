import type * as vscode from 'vscode';
import { registerShowLog } from './core/showLog';
import { registerGenerateImage } from './images/generateImage';
import { registerImagesPane } from './playground/images/imagesPane';
import { registerEmbeddingsPane } from './playground/embeddings/embeddingsPane';
import { registerKnowledgeBasePane } from './playground/knowledgeBase/knowledgeBasePane';
import { registerComparePane } from './playground/compare/comparePane';
import { registerUsagePane } from './playground/usage/usagePane';
import { registerShowUsage } from './playground/usage/showUsageCommand';
import { registerPlayground } from './playground/chat/registerChatTab';
import { registerLinkOpener } from './playground/linkOpener';
import { registerServices } from './core/services';
import { registerDemo } from './demo/demoMode';
import { registerModelExplorer } from './models/registerModelExplorer';
import { registerAccount } from './account/registerAccount';
import { registerRewriteSelection } from './rewrite/rewriteSelection';
import { registerChatProvider } from './lm/registerChatProvider';
import { registerGuardrails } from './playground/guardrails/registerGuardrails';

/** The short, central list of what the extension contributes. Each entry registers one feature. */
export const FEATURES: ReadonlyArray<[name: string, register: (context: vscode.ExtensionContext) => void]> = [
  ['services', registerServices],
  // Before the features that read the connection: a reloaded window in the demo must not reach AWS.
  ['demo', registerDemo],
  ['showLog', registerShowLog],
  ['generateImage', registerGenerateImage],
  ['imagesPane', registerImagesPane],
  ['embeddingsPane', registerEmbeddingsPane],
  ['knowledgeBasePane', registerKnowledgeBasePane],
  ['comparePane', registerComparePane],
  ['guardrails', registerGuardrails],
  ['usagePane', registerUsagePane],
  ['showUsage', registerShowUsage],
  ['playground', registerPlayground],
  ['linkOpener', registerLinkOpener],
  ['account', registerAccount],
  ['modelExplorer', registerModelExplorer],
  ['rewriteSelection', registerRewriteSelection],
  ['chatProvider', registerChatProvider],
];

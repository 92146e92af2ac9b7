import type * as vscode from 'vscode';
import { registerShowLog } from './commands/showLog';
import { registerGenerateImage } from './commands/generateImage';
import { registerImagesPane } from './playground/imagesPane';
import { registerEmbeddingsPane } from './playground/embeddingsPane';
import { registerKnowledgeBasePane } from './playground/knowledgeBasePane';
import { registerComparePane } from './playground/comparePane';
import { registerPlayground } from './playground/feature';
import { registerServices } from './services';
import { registerModelExplorer } from './models/registerModelExplorer';
import { registerAccount } from './account/registerAccount';
import { registerRewriteSelection } from './commands/rewriteSelection';
import { registerChatProvider } from './lm/registerChatProvider';

/** The short, central list of what the extension contributes. Each entry registers one feature. */
export const FEATURES: ReadonlyArray<[name: string, register: (context: vscode.ExtensionContext) => void]> = [
  ['services', registerServices],
  ['showLog', registerShowLog],
  ['generateImage', registerGenerateImage],
  ['imagesPane', registerImagesPane],
  ['embeddingsPane', registerEmbeddingsPane],
  ['knowledgeBasePane', registerKnowledgeBasePane],
  ['comparePane', registerComparePane],
  ['playground', registerPlayground],
  ['account', registerAccount],
  ['modelExplorer', registerModelExplorer],
  ['rewriteSelection', registerRewriteSelection],
  ['chatProvider', registerChatProvider],
];

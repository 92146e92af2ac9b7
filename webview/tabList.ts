// The tabs of the playground, in order. A new tab (the Images tab) adds its entry here; its code
// lives in its own folder (webview/images/) and talks to the host through its own protocol module.

import { chatTab } from './chat/chatTab';
import { imagesTab } from './images/imagesTab';
import { embeddingsTab } from './embeddings/embeddingsTab';
import { knowledgeBaseTab } from './knowledgeBase/knowledgeBaseTab';
import { compareTab } from './compare/compareTab';
import { usageTab } from './usage/usageTab';
import type { TabContribution } from './tabs';

export const TABS: readonly TabContribution[] = [chatTab, compareTab, imagesTab, embeddingsTab, knowledgeBaseTab, usageTab];

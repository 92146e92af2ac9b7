// The Compare pane's host side for one test: attached to a WebviewSide with fresh conversation
// stores in a temporary folder, `ready` said and the model list loaded. `close` detaches it and
// deletes the folder.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CompareEvents } from '../../../src/protocol/compare';
import { attachComparePane } from '../../../src/playground/compare/comparePane';
import { ConversationStore } from '../../../src/playground/chat/conversationStore';
import type { WebviewSide } from './webviewSide';

export interface ComparePane {
  /** Where "Continue with this model" saves the chat it opens. */
  chats: ConversationStore;
  close(): void;
}

export async function openComparePane(side: WebviewSide, name: string, openChat: (id: string) => Promise<void> = async () => undefined): Promise<ComparePane> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  const chats = new ConversationStore(path.join(dir, 'chat'));
  const pane = attachComparePane(
    { panelId: `${name}-${Date.now()}`, router: side.router, isReady: true, notify: side.notify },
    { store: new ConversationStore(path.join(dir, 'compare')), chats, openChat },
  );
  side.router.handle({ type: 'ready' });
  await side.until(() => side.notifications(CompareEvents.models).find((m) => !m.loading));
  return {
    chats,
    close() {
      pane.dispose();
      side.router.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

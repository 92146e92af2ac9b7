// The playground feature: the panels (with their serializer), the chat tab's host side, and the
// two commands. One entry in src/features.ts.

import type * as vscode from 'vscode';
import { registerChatCommands } from '../commands/chat';
import { log } from '../log';
import { attachChat, chatStore } from './chatHost';
import type { ChatSession } from './chatSession';
import { registerPlaygroundContribution } from './contributions';
import { trackLastEditor } from './lastEditor';
import { playgrounds, registerPlaygrounds } from './playgrounds';

export function registerPlayground(context: vscode.ExtensionContext): void {
  const store = chatStore(context);
  const sessions = new Map<string, ChatSession>();
  context.subscriptions.push(
    trackLastEditor(),
    registerPlaygroundContribution((ctx) => attachChat(ctx, {
      extension: context,
      store,
      onSession: (id, s) => { if (s) sessions.set(id, s); else sessions.delete(id); },
    })),
    // Saves still queued when the extension stops are finished first.
    { dispose: () => void store.flush() },
  );
  registerPlaygrounds(context);
  context.subscriptions.push(playgrounds().onDidOpen((panel, options) => {
    if (options.modelId) void sessions.get(panel.panelId)?.selectModel(options.modelId).catch((err: unknown) => log().error('Selecting the model failed', err));
  }));
  registerChatCommands(context);
}

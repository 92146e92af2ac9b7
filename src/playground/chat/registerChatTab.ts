// The playground feature: the panels (with their serializer), the chat tab's host side, its
// commands, and the Chats view of saved chats. One entry in src/features.ts.

import type * as vscode from 'vscode';
import { registerChatCommands } from './chatCommand';
import { log } from '../../core/log';
import { attachChat, type ChatHandle, chatStore, onChatsChanged } from './chatHost';
import { ChatLibrary } from './chatLibrary';
import { registerChatsView } from './chatsView';
import { readConfig } from '../../core/config';
import { registerPlaygroundContribution } from '../contributions';
import { trackLastEditor } from '../lastEditor';
import { playgrounds, registerPlaygrounds } from '../playgrounds';

export function registerPlayground(context: vscode.ExtensionContext): void {
  const store = chatStore(context);
  const sessions = new Map<string, ChatHandle>();
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
    const chat = sessions.get(panel.panelId);
    if (!chat) return;
    void (async () => {
      if (options.modelId) await chat.selectModel(options.modelId);
      if (options.prompt) await chat.ask(options.prompt);
    })().catch((err: unknown) => log().warn(`Playground: ${err instanceof Error ? err.message : String(err)}`));
  }));
  registerChatCommands(context, (panelId) => sessions.get(panelId));

  const library = new ChatLibrary(store);
  registerChatsView(context, { library, store, chatOf: (id) => sessions.get(id) }, (listener) => onChatsChanged(listener));
  // Chats older than bedrock.chats.keepDays go at activation, never one a panel is on (also
  // those VS Code has yet to restore).
  const keepDays = readConfig()['chats.keepDays'];
  if (keepDays > 0) {
    const keep = playgrounds().openConversationIds();
    void library.prune(keepDays, keep).then(
      (n) => log().info(`Chats clean-up (bedrock.chats.keepDays ${keepDays}): deleted ${n} chat${n === 1 ? '' : 's'}; the ${keep.size} that panels are on were kept`),
      (err: unknown) => log().warn(`Deleting old chats failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  }
}

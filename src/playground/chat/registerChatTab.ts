// The playground feature: the panels (with their serializer), the chat tab's host side, and the
// two commands. One entry in src/features.ts.

import type * as vscode from 'vscode';
import { registerChatCommands } from './chatCommand';
import { log } from '../../core/log';
import { attachChat, type ChatHandle, chatStore } from './chatHost';
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
}

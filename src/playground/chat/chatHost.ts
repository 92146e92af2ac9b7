// Wires the chat tab into each playground panel: one ChatSession per panel, its `chat/...`
// methods in the panel's router, the model list (live catalog, refreshed when the connection
// changes), and the actions that need VS Code (clipboard, editors, files, sign-in; links go through
// src/playground/linkOpener.ts, for every tab).

import * as vscode from 'vscode';
import type { BedrockErrorInfo } from '../../bedrock/types';
import { readConfig } from '../../core/config';
import { log } from '../../core/log';
import { bedrock } from '../../core/services';
import { ChatEvents, ChatNotifications, ChatRequests } from '../../protocol/chat';
import { ChatSession } from './chatSession';
import type { PlaygroundContext } from '../contributions';
import { defaultOptions } from './conversation';
import { ConversationStore } from './conversationStore';
import { runErrorAction } from '../../account/errorActions';
import { copyRequestAsCode, LAST_MODEL_KEY, openRequestView, recordedRequest, runTurnAction, withModelsList } from './conversationHost';
import { exportConversation } from './exportCommand';
import { countDraftTokens } from './draftTokens';
import { insertIntoEditor } from '../lastEditor';
import { initialModel } from './modelOptions';
import { ProtocolFailure } from '../router';

/** What commands can do with a panel's chat. */
export interface ChatHandle {
  selectModel(modelId: string): Promise<void>;
  /** Sends a prompt as if typed (the answer streams into the panel); resolves when the answer is complete. */
  ask(prompt: string): Promise<void>;
  /** Renames the conversation (empty: back to its first words). */
  rename(title: string): Promise<void>;
  /** Exports the conversation as Markdown (to `target`, or where the user picks). */
  exportMarkdown(target?: vscode.Uri): Promise<vscode.Uri | undefined>;
}

export interface ChatHostDeps {
  extension: vscode.ExtensionContext;
  store: ConversationStore;
  /** Called with each panel's chat handle when it opens, and undefined when it closes. */
  onSession(panelId: string, chat: ChatHandle | undefined): void;
}

const changeListeners = new Set<(id: string) => void>();
let shared: { context: vscode.ExtensionContext; store: ConversationStore } | undefined;

/** The one store of saved chats (the playground's chat tabs, Compare's "Continue with this model", the Chats view). */
export function chatStore(context: vscode.ExtensionContext): ConversationStore {
  if (shared?.context === context) return shared.store;
  const root = vscode.Uri.joinPath(context.storageUri ?? context.globalStorageUri, 'chat').fsPath;
  const store = new ConversationStore(root, {
    warn: (m) => log().warn(m),
    changed: (id) => { for (const l of [...changeListeners]) l(id); },
    unreadable: (message, keptAt) => {
      void vscode.window.showWarningMessage(message, 'Open File').then((choice) => {
        if (choice) void vscode.window.showTextDocument(vscode.Uri.file(keptAt));
      });
    },
  });
  shared = { context, store };
  return store;
}

/** Called with a chat's id whenever it is saved, deleted or kept aside. */
export function onChatsChanged(listener: (id: string) => void): vscode.Disposable {
  changeListeners.add(listener);
  return { dispose: () => changeListeners.delete(listener) };
}

export function attachChat(ctx: PlaygroundContext, deps: ChatHostDeps): vscode.Disposable {
  const state = deps.extension.workspaceState;
  const session = new ChatSession(ctx.panelId, deps.store, bedrock(), {
    notify: (method, params) => ctx.notify(method, params),
    setTitle: (title) => { ctx.panel.title = title; },
    warn: (m) => log().warn(m),
  }, () => defaultOptions(''));
  const r = ctx.router;
  const subs: vscode.Disposable[] = [];

  let lastModelsError: BedrockErrorInfo | undefined;
  const postModels = (refresh = false) => withModelsList('Playground', refresh, async (list) => {
    const view = await session.modelsView(list,
      (models) => initialModel(models, readConfig().defaultChatModel, state.get<string>(LAST_MODEL_KEY)));
    ctx.notify(ChatEvents.models, view);
  }, (view) => {
    lastModelsError = view.error;
    ctx.notify(ChatEvents.models, view);
  });

  deps.onSession(ctx.panelId, {
    async selectModel(idOrArn) {
      // A profile id or ARN (from the model tree) selects its model, called through that profile.
      const model = await bedrock().findModel(idOrArn).catch(() => undefined);
      if (model && model.id !== idOrArn) await session.setInvocationOverride(model.id, idOrArn);
      await session.selectModel(model?.id ?? idOrArn);
    },
    async ask(prompt) {
      const c = await session.conversationNow();
      if (!c.options.modelId) await postModels();
      await new Promise<void>((resolve, reject) => {
        r.startHostStream(ChatRequests.send, async (sctx) => {
          try {
            await session.send({ mode: 'new', text: prompt, attachments: [], options: c.options }, sctx);
            resolve();
          } catch (err) {
            reject(err instanceof Error ? err : new Error(String(err)));
            throw err;
          }
        });
      });
    },
    rename: (title) => session.rename(title),
    exportMarkdown: async (target) => exportConversation(await session.conversationNow(), target),
  });

  subs.push(
    r.onReady(() => {
      void session.sendState().then(() => postModels());
    }),
    r.onStream(ChatRequests.send, async (p, c) => {
      void state.update(LAST_MODEL_KEY, p.options.modelId);
      await session.send(p, c);
    }),
    r.onNotify(ChatNotifications.setOptions, async ({ options }) => {
      await session.setOptions(options);
      if (options.modelId) void state.update(LAST_MODEL_KEY, options.modelId);
    }),
    r.onRequest(ChatRequests.clear, async () => { await session.clear(); }),
    r.onRequest(ChatRequests.refreshModels, async (p) => { await postModels(p.refresh); }),
    r.onRequest(ChatRequests.modelsAction, async () => {
      const action = lastModelsError?.action;
      if (!action) throw new ProtocolFailure('There is nothing to fix: reload the list instead.', 'invalid');
      await runErrorAction(action, { useProfile: async () => undefined });
      lastModelsError = undefined;
      await postModels(true);
    }),
    r.onRequest(ChatRequests.copyText, async ({ text }) => { await vscode.env.clipboard.writeText(text); }),
    r.onRequest(ChatRequests.insertCode, async ({ code, language }) => { await insertIntoEditor(code, language); }),
    r.onRequest(ChatRequests.copyAsCode, async ({ turnId }) => { await copyRequestAsCode(recordedRequest(await session.turn(turnId))); }),
    r.onRequest(ChatRequests.openRequest, async ({ turnId }) => { await openRequestView(recordedRequest(await session.turn(turnId))); }),
    r.onRequest(ChatRequests.export, async () => {
      await exportConversation(await session.conversationNow());
    }),
    r.onRequest(ChatRequests.runAction, async ({ turnId }) => runTurnAction(await session.turn(turnId), session)),
    r.onRequest(ChatRequests.countTokens, (p) => countDraftTokens(bedrock(), p, (m) => log().debug(m))),
    bedrock().onDidChangeConnection(() => { if (ctx.isReady) void postModels(); }),
    // A rule learned from a refusal (or forgotten) changes that model's parameters in the picker.
    bedrock().learnedRules.onDidChange(() => { if (ctx.isReady) void postModels(); }),
    { dispose: () => deps.onSession(ctx.panelId, undefined) },
  );
  return vscode.Disposable.from(...subs);
}

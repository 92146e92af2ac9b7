// Wires the chat tab into each playground panel: one ChatSession per panel, its `chat/...`
// methods in the panel's router, the model list (live catalog, refreshed when the connection
// changes), and the actions that need VS Code (clipboard, editors, links, files, sign-in).

import * as vscode from 'vscode';
import type { BedrockErrorInfo } from '../../bedrock/types';
import { readConfig } from '../../core/config';
import { log } from '../../core/log';
import { bedrock } from '../../core/services';
import { apiSnippet, snippetConnection } from './apiSnippet';
import { ChatEvents, ChatNotifications, ChatRequests, type ModelsView } from '../../protocol/chat';
import { ChatSession } from './chatSession';
import type { PlaygroundContext } from '../contributions';
import { defaultOptions } from './conversation';
import { ConversationStore } from './conversationStore';
import { runErrorAction } from '../../account/errorActions';
import { exportConversation } from './exportCommand';
import { insertIntoEditor } from '../lastEditor';
import { initialModel, modelOptions } from './modelOptions';
import { ProtocolFailure } from '../router';

const LAST_MODEL_KEY = 'bedrock.playground.lastChatModel';

/** What commands can do with a panel's chat. */
export interface ChatHandle {
  selectModel(modelId: string): Promise<void>;
  /** Sends a prompt as if typed (the answer streams into the panel); resolves when the answer is complete. */
  ask(prompt: string): Promise<void>;
  /** Exports the conversation as Markdown (to `target`, or where the user picks). */
  exportMarkdown(target?: vscode.Uri): Promise<vscode.Uri | undefined>;
}

export interface ChatHostDeps {
  extension: vscode.ExtensionContext;
  store: ConversationStore;
  /** Called with each panel's chat handle when it opens, and undefined when it closes. */
  onSession(panelId: string, chat: ChatHandle | undefined): void;
}

export function chatStore(context: vscode.ExtensionContext): ConversationStore {
  const root = vscode.Uri.joinPath(context.storageUri ?? context.globalStorageUri, 'chat').fsPath;
  return new ConversationStore(root, (m) => log().warn(m));
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
  const postModels = async (refresh = false) => {
    const conn = bedrock().connection;
    const base = { region: conn.region, local: conn.local === true };
    try {
      const catalog = await bedrock().catalog({ refresh });
      const models = modelOptions(catalog, bedrock());
      const view = await session.modelsView({ ...base, models, loading: false },
        (list) => initialModel(list, readConfig().defaultChatModel, state.get<string>(LAST_MODEL_KEY)));
      ctx.notify(ChatEvents.models, view);
    } catch (err) {
      const error = bedrock().describeError(err);
      lastModelsError = error;
      log().warn(`Playground: the model list failed: ${error.message}`);
      const view: ModelsView = { ...base, models: [], loading: false, error };
      ctx.notify(ChatEvents.models, view);
    }
  };

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
    r.onNotify(ChatNotifications.openLink, async ({ url }) => {
      let uri: vscode.Uri;
      try { uri = vscode.Uri.parse(url, true); } catch { return; }
      // Web links only, and through VS Code's opener (it asks before trusting a new domain).
      if (uri.scheme !== 'http' && uri.scheme !== 'https') return log().warn(`Playground: refused to open a ${uri.scheme}: link`);
      await vscode.env.openExternal(uri);
    }),
    r.onRequest(ChatRequests.copyText, async ({ text }) => { await vscode.env.clipboard.writeText(text); }),
    r.onRequest(ChatRequests.insertCode, async ({ code, language }) => { await insertIntoEditor(code, language); }),
    r.onRequest(ChatRequests.copyAsCode, async ({ turnId }) => {
      const turn = await session.turn(turnId);
      if (!turn?.request) throw new ProtocolFailure('This answer has no recorded request.', 'invalid');
      const conn = bedrock().connection;
      await vscode.env.clipboard.writeText(apiSnippet(turn.request, snippetConnection(conn)));
    }),
    r.onRequest(ChatRequests.openRequest, async ({ turnId }) => {
      const turn = await session.turn(turnId);
      if (!turn?.request) throw new ProtocolFailure('This answer has no recorded request.', 'invalid');
      const { operation, modelId, body } = turn.request;
      const doc = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify({ operation, modelId, body }, null, 2) });
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }),
    r.onRequest(ChatRequests.export, async () => {
      await exportConversation(await session.conversationNow());
    }),
    r.onRequest(ChatRequests.runAction, async ({ turnId }) => {
      const turn = await session.turn(turnId);
      const action = turn?.error?.action;
      if (!turn || !action) throw new ProtocolFailure('This answer has no action to run.', 'invalid');
      const retry = await runErrorAction(action, {
        useProfile: (invocationId) => session.setInvocationOverride(turn.modelId ?? '', invocationId),
      });
      return { retry };
    }),
    bedrock().onDidChangeConnection(() => { if (ctx.isReady) void postModels(); }),
    // A rule learned from a refusal (or forgotten) changes that model's parameters in the picker.
    bedrock().learnedRules.onDidChange(() => { if (ctx.isReady) void postModels(); }),
    { dispose: () => deps.onSession(ctx.panelId, undefined) },
  );
  return vscode.Disposable.from(...subs);
}

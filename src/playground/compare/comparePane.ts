// Host side of the playground's Compare tab: 2 or 3 columns, each a chat session with its own
// model and parameters (compareColumns.ts), the chat models list, the layout (saved per panel),
// the per-answer actions (API request, copy as code, the error's fix) and "Continue with this
// model", which opens a Chat playground on one column's conversation.

import * as vscode from 'vscode';
import { readConfig } from '../../core/config';
import { log } from '../../core/log';
import { bedrock } from '../../core/services';
import { apiSnippet, snippetConnection } from '../chat/apiSnippet';
import { chatStore } from '../chat/chatHost';
import type { ModelsView, TurnView } from '../../protocol/chat';
import { CompareColumns } from './compareColumns';
import { type ColumnCount, type ColumnIndex, CompareEvents, CompareNotifications, CompareRequests, MAX_COLUMNS } from '../../protocol/compare';
import { columnModel } from '../../protocol/compareSummary';
import { type PlaygroundContext, registerPlaygroundContribution } from '../contributions';
import { ConversationStore } from '../chat/conversationStore';
import { runErrorAction } from '../../account/errorActions';
import { initialModel, modelOptions } from '../chat/modelOptions';
import { playgrounds } from '../playgrounds';
import { ProtocolFailure } from '../router';

const LAST_MODEL_KEY = 'bedrock.playground.lastChatModel';
const layoutKey = (panelId: string) => `bedrock.compare.columns.${panelId}`;

export function compareStore(context: vscode.ExtensionContext): ConversationStore {
  const root = vscode.Uri.joinPath(context.storageUri ?? context.globalStorageUri, 'compare').fsPath;
  return new ConversationStore(root, (m) => log().warn(m));
}

export function registerComparePane(context: vscode.ExtensionContext): void {
  const store = compareStore(context);
  const chats = chatStore(context);
  context.subscriptions.push(
    registerPlaygroundContribution((ctx) => attachComparePane(ctx, { state: context.workspaceState, store, chats })),
    { dispose: () => void store.flush() },
  );
}

export interface CompareDeps {
  /** Where the layout (2 or 3 columns) of each panel is remembered; without it, for the panel's life only. */
  state?: vscode.Memento;
  /** Where the columns' conversations are saved. */
  store: ConversationStore;
  /** Where the Chat tab's conversations are saved ("Continue with this model" writes one there). */
  chats: ConversationStore;
  /** Opens a Chat playground on a saved conversation (default: a new playground panel). */
  openChat?: (conversationId: string) => Promise<void>;
}

/** What the tab uses of its panel (integration tests drive it through a router of their own). */
export type ComparePaneContext = Pick<PlaygroundContext, 'panelId' | 'router' | 'notify' | 'isReady'>;

export function attachComparePane(ctx: ComparePaneContext, deps: CompareDeps): vscode.Disposable {
  const state = deps.state;
  let columnCount: ColumnCount = state?.get<number>(layoutKey(ctx.panelId)) === 3 ? 3 : 2;
  const columns = new CompareColumns(ctx.panelId, deps.store, bedrock(), (e, params) => ctx.notify(e, params), (m) => log().warn(m));
  const r = ctx.router;
  const openChat = deps.openChat ?? (async (id: string) => { await playgrounds().openSaved(id); });

  const postModels = async (refresh = false) => {
    const conn = bedrock().connection;
    const base = { region: conn.region, local: conn.local === true };
    try {
      const models = modelOptions(await bedrock().catalog({ refresh }), bedrock());
      const view: ModelsView = { ...base, models, loading: false };
      ctx.notify(CompareEvents.models, view);
      // Columns without a usable model get one (different models in each, to compare at once).
      const taken: string[] = [];
      for (let i = 0; i < MAX_COLUMNS; i++) {
        const column = i as ColumnIndex;
        const s = columns.session(column);
        const before = (await s.conversationNow()).options.modelId;
        const first = initialModel(models, readConfig().defaultChatModel, state?.get<string>(LAST_MODEL_KEY));
        const chosen = (await s.modelsView(view, (list) => columnModel(list, taken, first))).preferredId ?? '';
        taken.push(chosen);
        if (chosen !== before) ctx.notify(CompareEvents.options, { column, options: await columns.options(column) });
      }
    } catch (err) {
      const error = bedrock().describeError(err);
      log().warn(`Compare: the model list failed: ${error.message}`);
      ctx.notify(CompareEvents.models, { ...base, models: [], loading: false, error });
    }
  };

  const turnOf = async (column: ColumnIndex, turnId: string): Promise<TurnView> => {
    const turn = await columns.session(column).turn(turnId);
    if (!turn) throw new ProtocolFailure('This answer is no longer in the column.', 'invalid');
    return turn;
  };
  const requestOf = async (column: ColumnIndex, turnId: string) => {
    const turn = await turnOf(column, turnId);
    if (!turn.request) throw new ProtocolFailure('This answer has no recorded request.', 'invalid');
    return turn.request;
  };

  const subs: vscode.Disposable[] = [
    r.onReady(() => {
      ctx.notify(CompareEvents.layout, { columns: columnCount });
      void (async () => {
        for (const s of columns.sessions) await s.sendState();
        await postModels();
      })().catch((err: unknown) => log().error('Compare: sending the state failed', err));
    }),
    // One stream per column: its own id, its own AbortController; a failure ends only this stream.
    r.onStream(CompareRequests.send, async (p, c) => {
      const { column, ...send } = p;
      await columns.session(column).send(send, c);
    }),
    r.onNotify(CompareNotifications.setOptions, async ({ column, options }) => {
      await columns.session(column).setOptions(options);
    }),
    r.onNotify(CompareNotifications.setLayout, async ({ columns: n }) => {
      columnCount = n;
      await state?.update(layoutKey(ctx.panelId), n);
    }),
    r.onRequest(CompareRequests.clear, async () => { await columns.clear(); }),
    r.onRequest(CompareRequests.refreshModels, async (p) => { await postModels(p.refresh); }),
    r.onRequest(CompareRequests.openRequest, async ({ column, turnId }) => {
      const { operation, modelId, body } = await requestOf(column, turnId);
      const doc = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify({ operation, modelId, body }, null, 2) });
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }),
    r.onRequest(CompareRequests.copyAsCode, async ({ column, turnId }) => {
      const conn = bedrock().connection;
      await vscode.env.clipboard.writeText(apiSnippet(await requestOf(column, turnId), snippetConnection(conn)));
    }),
    r.onRequest(CompareRequests.runAction, async ({ column, turnId }) => {
      const turn = await turnOf(column, turnId);
      const action = turn.error?.action;
      if (!action) throw new ProtocolFailure('This answer has no action to run.', 'invalid');
      const retry = await runErrorAction(action, {
        useProfile: (invocationId) => columns.session(column).setInvocationOverride(turn.modelId ?? '', invocationId),
      });
      return { retry };
    }),
    r.onRequest(CompareRequests.continueChat, async ({ column }) => {
      const conversation = await columns.forkConversation(column);
      await deps.chats.save(conversation);
      await openChat(conversation.id);
      return { conversationId: conversation.id };
    }),
    bedrock().onDidChangeConnection(() => { if (ctx.isReady) void postModels(); }),
    bedrock().learnedRules.onDidChange(() => { if (ctx.isReady) void postModels(); }),
  ];
  return vscode.Disposable.from(...subs);
}

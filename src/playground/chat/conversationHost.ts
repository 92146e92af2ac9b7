// What the host does alike for the Chat tab and each Compare column: the chat models list, and an
// answer's actions (View API request, Copy as code, the error's fix).

import * as vscode from 'vscode';
import { runErrorAction } from '../../account/errorActions';
import { log } from '../../core/log';
import { bedrock } from '../../core/services';
import type { ApiRequestRecord } from '../../bedrock/types';
import type { ModelsView, TurnView } from '../../protocol/chat';
import { ProtocolFailure } from '../router';
import { apiSnippet, snippetConnection } from './apiSnippet';
import { modelOptions } from './modelOptions';

/** The model the user last chose in a Chat tab (also the Compare columns' first choice). */
export const LAST_MODEL_KEY = 'bedrock.playground.lastChatModel';

/**
 * Loads the chat models list and hands it to `use`; when the catalog (or `use`) fails, logs why
 * under `what` and hands `failed` an empty list with the error.
 */
export async function withModelsList(what: string, refresh: boolean, use: (view: ModelsView) => Promise<void>, failed: (view: ModelsView) => void): Promise<void> {
  const conn = bedrock().connection;
  const base = { region: conn.region, local: conn.local === true, ...(conn.demo ? { demo: true } : {}) };
  try {
    const models = modelOptions(await bedrock().catalog({ refresh }), bedrock());
    await use({ ...base, models, loading: false });
  } catch (err) {
    const error = bedrock().describeError(err);
    log().warn(`${what}: the model list failed: ${error.message}`);
    failed({ ...base, models: [], loading: false, error });
  }
}

/** The request an answer was given for, or the reason there is none. */
export function recordedRequest(turn: TurnView | undefined): ApiRequestRecord {
  if (!turn?.request) throw new ProtocolFailure('This answer has no recorded request.', 'invalid');
  return turn.request;
}

/** View API request: the request's operation, model and body in a JSON editor beside the panel. */
export async function openRequestView({ operation, modelId, body }: ApiRequestRecord): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify({ operation, modelId, body }, null, 2) });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
}

/** Copy as code: a TypeScript snippet that sends the request over this connection. */
export async function copyRequestAsCode(request: ApiRequestRecord): Promise<void> {
  // snippetConnection: with an API key in use, the snippet says to set AWS_BEARER_TOKEN_BEDROCK (never the key).
  await vscode.env.clipboard.writeText(apiSnippet(request, snippetConnection(bedrock().connection)));
}

/** Runs the fix offered with a failed answer; `retry`: the webview should send it again. */
export async function runTurnAction(turn: TurnView | undefined, session: { setInvocationOverride(modelId: string, invocationId: string): Promise<void> }): Promise<{ retry: boolean }> {
  const action = turn?.error?.action;
  if (!turn || !action) throw new ProtocolFailure('This answer has no action to run.', 'invalid');
  const retry = await runErrorAction(action, {
    useProfile: (invocationId) => session.setInvocationOverride(turn.modelId ?? '', invocationId),
  });
  return { retry };
}

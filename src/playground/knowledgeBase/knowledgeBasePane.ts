// Host side of the playground's Knowledge base tab: the knowledge bases of the account and
// Region, Retrieve, and the streamed RetrieveAndGenerate answer with its citations; sources open
// in the browser (https only) or the S3 console.

import * as vscode from 'vscode';
import { generationModelArn, type RetrievedChunk } from '../../bedrock/knowledgeBases';
import { isValidRegionName } from '../../bedrock/region';
import type { BedrockErrorInfo, ModelRecord } from '../../bedrock/types';
import { readConfig } from '../../core/config';
import { runErrorAction } from '../../account/errorActions';
import { log } from '../../core/log';
import { bedrock } from '../../core/services';
import { type PlaygroundContext, registerPlaygroundContribution } from '../contributions';
import {
  type AskResult, type ChunkView, type GenerationModelView, KnowledgeBaseEvents, KnowledgeBaseNotifications, KnowledgeBaseRequests,
  type KnowledgeBasesView, type KnowledgeBaseView, type OutputView, type RetrieveResult,
} from '../../protocol/knowledgeBase';
import { canChat } from '../../bedrock/families/registry';
import { ProtocolFailure } from '../router';

export function registerKnowledgeBasePane(context: vscode.ExtensionContext): void {
  context.subscriptions.push(registerPlaygroundContribution((ctx) => attachKnowledgeBasePane(ctx)));
}

function chunkView(c: RetrievedChunk): ChunkView {
  return { text: c.text, sourceType: c.source.type, ...(c.score !== undefined ? { score: c.score } : {}), ...(c.source.uri ? { uri: c.source.uri } : {}), ...(c.chunkId ? { chunkId: c.chunkId } : {}) };
}

/** The https URL that opens a source: web URLs as they are, S3 URIs in the S3 console; nothing else. */
export function sourceUrl(uri: string, region: string): string | undefined {
  const s3 = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(uri);
  if (s3) {
    // The Region goes into the host name: only a Region name does.
    if (!isValidRegionName(region)) return undefined;
    const [, bucket, key] = s3;
    return key
      ? `https://${region}.console.aws.amazon.com/s3/object/${encodeURIComponent(bucket!)}?region=${encodeURIComponent(region)}&prefix=${encodeURIComponent(key)}`
      : `https://${region}.console.aws.amazon.com/s3/buckets/${encodeURIComponent(bucket!)}?region=${encodeURIComponent(region)}`;
  }
  try {
    const u = new URL(uri);
    return u.protocol === 'https:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The facade's error description, except for a knowledge base that does not exist: the generic
 * "not found" speaks of models, which would send the user looking in the wrong place.
 */
function describeKbError(err: unknown, knowledgeBaseId: string, modelId?: string): BedrockErrorInfo {
  const info = bedrock().describeError(err, modelId ? { modelId } : {});
  const message = err instanceof Error ? err.message : '';
  if (err instanceof Error && err.name === 'ResourceNotFoundException' && (!modelId || /knowledge ?base/i.test(message))) {
    const c = bedrock().connection;
    return {
      ...info,
      message: `The knowledge base ${knowledgeBaseId} was not found in ${c.region}${c.local ? ' (local endpoint)' : ''}; it may have been deleted. Refresh the list.`,
      detail: message || info.detail,
    };
  }
  return info;
}

/** What the tab uses of its panel (integration tests drive it through a router of their own). */
export type PaneContext = Pick<PlaygroundContext, 'router' | 'notify' | 'isReady'>;

export function attachKnowledgeBasePane(ctx: PaneContext): vscode.Disposable {
  let kbs: KnowledgeBaseView[] = [];
  let models: GenerationModelView[] = [];
  const records = new Map<string, ModelRecord>();
  let loading: Promise<void> | undefined;
  const running = new Map<string, AbortController>();
  /** The last output, so a reloaded page shows it again (and follows a running answer). */
  let output: OutputView | undefined;
  let lastError: BedrockErrorInfo | undefined;
  const s = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

  const view = (extra: Partial<KnowledgeBasesView>): KnowledgeBasesView => {
    const c = bedrock().connection;
    const defaultModelId = readConfig().defaultChatModel || undefined;
    return { knowledgeBases: kbs, models, loading: false, region: c.region, local: c.local === true, ...(defaultModelId ? { defaultModelId } : {}), ...extra };
  };

  const load = (refresh: boolean): Promise<void> => {
    loading = (async () => {
      ctx.notify(KnowledgeBaseEvents.view, view({ loading: true }));
      try {
        const [list, catalog] = await Promise.all([bedrock().knowledgeBases.list(), bedrock().catalog({ refresh })]);
        kbs = list.map((k) => ({ id: k.id, name: k.name, status: k.status, ...(k.description ? { description: k.description } : {}), ...(k.updatedAt ? { updatedAt: k.updatedAt } : {}) }));
        records.clear();
        const chat = catalog.models.filter((m) => canChat(m) && m.lifecycle === 'ACTIVE');
        for (const m of chat) records.set(m.id, m);
        models = chat.map((m) => ({ id: m.id, name: m.name, provider: m.provider })).sort((a, b) => a.provider.localeCompare(b.provider) || a.name.localeCompare(b.name));
        ctx.notify(KnowledgeBaseEvents.view, view({}));
      } catch (err) {
        log().error('Knowledge bases: listing failed', err);
        ctx.notify(KnowledgeBaseEvents.view, view({ error: bedrock().describeError(err) }));
      }
    })();
    return loading;
  };

  const retrieve = async (kbId: string, question: string, n: number, signal: AbortSignal): Promise<RetrieveResult> => {
    if (!question.trim()) return { error: { kind: 'validation', message: 'Enter a question.', detail: '', parameter: 'question', retryable: false } };
    const started = Date.now();
    try {
      const chunks = (await bedrock().knowledgeBases.retrieve({ knowledgeBaseId: kbId, query: question, numberOfResults: n }, signal)).map(chunkView);
      const durationMs = Date.now() - started;
      output = { kind: 'chunks', question, chunks, status: `${s(chunks.length, 'chunk')} in ${(durationMs / 1000).toFixed(1)} s.` };
      ctx.notify(KnowledgeBaseEvents.output, output);
      return { chunks, durationMs };
    } catch (err) {
      if (!signal.aborted) log().error(`Knowledge bases: Retrieve on ${kbId} failed`, err);
      lastError = describeKbError(err, kbId);
      return { error: lastError };
    }
  };

  const ask = async (p: { knowledgeBaseId: string; question: string; numberOfResults: number; modelId: string; token: string }, signal: AbortSignal): Promise<AskResult> => {
    if (!p.question.trim()) return { error: { kind: 'validation', message: 'Enter a question.', detail: '', parameter: 'question', retryable: false } };
    if (loading) await loading;
    const model = records.get(p.modelId);
    if (!model) return { error: { kind: 'validation', message: `"${p.modelId}" is not a text model of this catalog. Pick one in the tab's settings.`, detail: '', parameter: 'model', retryable: false } };
    const controller = new AbortController();
    running.get(p.token)?.abort();
    running.set(p.token, controller);
    const started = Date.now();
    let sessionId: string | undefined;
    let guardrail: string | undefined;
    const out: Extract<OutputView, { kind: 'answer' }> = { kind: 'answer', question: p.question, token: p.token, text: '', citations: [], running: true, status: 'Retrieving and generating…' };
    output = out;
    const finish = (status: string) => {
      out.running = false;
      out.status = status;
      ctx.notify(KnowledgeBaseEvents.output, out);
    };
    try {
      const modelArn = generationModelArn(model, bedrock().resolveInvocation(model).invocationId);
      for await (const e of bedrock().knowledgeBases.ask({ knowledgeBaseId: p.knowledgeBaseId, query: p.question, numberOfResults: p.numberOfResults, modelArn }, AbortSignal.any([signal, controller.signal]))) {
        if (e.type === 'session') sessionId = e.sessionId;
        else if (e.type === 'text') {
          out.text += e.text;
          ctx.notify(KnowledgeBaseEvents.answer, { token: p.token, type: 'text', text: e.text });
        } else if (e.type === 'citation') {
          const citation = { start: e.citation.start, end: e.citation.end, references: e.citation.references.map(chunkView) };
          out.citations.push(citation);
          ctx.notify(KnowledgeBaseEvents.answer, { token: p.token, type: 'citation', citation });
        } else {
          log().warn(`Knowledge bases: a guardrail intervened (${e.action})`);
          guardrail = e.action;
        }
      }
      const durationMs = Date.now() - started;
      log().info(`Knowledge bases: answer from ${p.knowledgeBaseId} with ${model.id} in ${durationMs} ms`);
      const sources = new Set(out.citations.flatMap((c) => c.references.map((r) => r.chunkId ?? `${r.uri ?? ''}\n${r.text}`))).size;
      finish(`Answered in ${(durationMs / 1000).toFixed(1)} s with ${s(out.citations.length, 'citation')} from ${s(sources, 'chunk')}.${guardrail ? ` A guardrail intervened (${guardrail}).` : ''}`);
      return { done: true, durationMs, ...(sessionId ? { sessionId } : {}) };
    } catch (err) {
      if (!signal.aborted && !controller.signal.aborted) log().error(`Knowledge bases: RetrieveAndGenerateStream on ${p.knowledgeBaseId} failed`, err);
      const error = describeKbError(err, p.knowledgeBaseId, model.id);
      lastError = error;
      finish(error.kind === 'cancelled' ? 'Cancelled.' : `Failed: ${error.message}`);
      return { error };
    } finally {
      if (running.get(p.token) === controller) running.delete(p.token);
    }
  };

  const openSource = async (uri: string): Promise<void> => {
    const url = sourceUrl(uri, bedrock().connection.region);
    if (!url) {
      await vscode.env.clipboard.writeText(uri);
      void vscode.window.showInformationMessage(`Only https and S3 sources can be opened; ${uri} was copied to the clipboard.`);
      return;
    }
    const opened = await vscode.env.openExternal(vscode.Uri.parse(url, true));
    if (!opened) throw new ProtocolFailure(`Could not open ${url}.`);
  };

  const r = ctx.router;
  const disposables = [
    r.onReady(() => {
      if (loading) void loading.then(() => ctx.notify(KnowledgeBaseEvents.view, view({})));
      else void load(false);
      if (output) ctx.notify(KnowledgeBaseEvents.output, output);
    }),
    r.onRequest(KnowledgeBaseRequests.refresh, (p) => load(p.refresh)),
    r.onRequest(KnowledgeBaseRequests.retrieve, (p, c) => retrieve(p.knowledgeBaseId, p.question, p.numberOfResults, c.signal)),
    r.onRequest(KnowledgeBaseRequests.ask, (p, c) => ask(p, c.signal)),
    r.onNotify(KnowledgeBaseNotifications.cancel, (p) => running.get(p.token)?.abort()),
    r.onRequest(KnowledgeBaseRequests.runErrorAction, async () => ({ retry: lastError?.action ? await runErrorAction(lastError.action) : false })),
    r.onRequest(KnowledgeBaseRequests.openSource, (p) => openSource(p.uri)),
    r.onRequest(KnowledgeBaseRequests.openChunk, async (p) => {
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: p.uri ? `<!-- ${p.uri} -->\n\n${p.text}\n` : `${p.text}\n` });
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }),
    bedrock().onDidChangeConnection(() => {
      if (ctx.isReady) void load(false);
      else loading = undefined;
    }),
  ];
  return { dispose: () => { for (const c of running.values()) c.abort(); disposables.forEach((d) => d.dispose()); } };
}

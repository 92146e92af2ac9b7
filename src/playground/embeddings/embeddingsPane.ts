// Host side of the playground's Embeddings tab: the embedding models of the catalog, computing
// vectors through BedrockService.embed, the similarity matrix and a query's neighbours, texts from
// the editor selection or files, and exporting the vectors into the workspace.

import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { EmbeddingResult } from '../../bedrock/embeddings';
import { nearestNeighbours, similarityMatrix } from '../../bedrock/embeddingsMath';
import { embeddingSpecFor, isTextEmbeddingModel, type EmbeddingModelSpec } from '../../bedrock/families/embeddingModels';
import type { BedrockErrorInfo, ModelRecord } from '../../bedrock/types';
import { runErrorAction } from '../../account/errorActions';
import { log } from '../../core/log';
import { bedrock } from '../../core/services';
import { type PlaygroundContext, registerPlaygroundContribution } from '../contributions';
import { exportVectors } from './embeddingsExport';
import {
  type ComputeResult, type EmbeddingModelOption, type EmbeddingModelsView, EmbeddingsEvents, EmbeddingsNotifications, EmbeddingsRequests,
  type EmbeddingSettings, type EmbeddingsView, type ExportResult, MAX_TEXTS, type NeighboursResult, type TextsResult,
} from '../../protocol/embeddings';

/** Files larger than this are not read as one text. */
const MAX_FILE_BYTES = 1_000_000;

export function registerEmbeddingsPane(context: vscode.ExtensionContext): void {
  context.subscriptions.push(registerPlaygroundContribution((ctx) => attachEmbeddingsPane(ctx)));
}

function label(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > 80 ? `${one.slice(0, 79)}…` : one;
}

function option(m: ModelRecord, spec: EmbeddingModelSpec): EmbeddingModelOption {
  return {
    id: m.id, name: m.name, provider: m.provider, defaultDimensions: spec.defaultDimensions, normalize: spec.normalize,
    maxBatch: spec.maxBatch, maxChars: spec.maxChars, overLimit: spec.overLimit,
    ...(spec.dimensions ? { dimensions: spec.dimensions } : {}),
    ...(spec.inputTypes ? { inputTypes: [...spec.inputTypes] } : {}),
  };
}

interface LastRun { model: ModelRecord; spec: EmbeddingModelSpec; settings: EmbeddingSettings; texts: string[]; result: EmbeddingResult; at: Date }

/** What the tab uses of its panel (integration tests drive it through a router of their own). */
export type PaneContext = Pick<PlaygroundContext, 'router' | 'notify' | 'isReady'>;

export function attachEmbeddingsPane(ctx: PaneContext): vscode.Disposable {
  let models: EmbeddingModelOption[] = [];
  const records = new Map<string, { model: ModelRecord; spec: EmbeddingModelSpec }>();
  let loading: Promise<void> | undefined;
  let last: LastRun | undefined;
  let lastView: EmbeddingsView | undefined;
  let lastError: BedrockErrorInfo | undefined;
  let running: AbortController | undefined;

  const view = (extra: Partial<EmbeddingModelsView>): EmbeddingModelsView => {
    const c = bedrock().connection;
    return { models, loading: false, region: c.region, local: c.local === true, ...extra };
  };

  const loadModels = (refresh: boolean): Promise<void> => {
    loading = (async () => {
      ctx.notify(EmbeddingsEvents.models, view({ loading: true }));
      try {
        const catalog = await bedrock().catalog({ refresh });
        records.clear();
        const next: EmbeddingModelOption[] = [];
        for (const m of catalog.models.filter(isTextEmbeddingModel)) {
          const spec = embeddingSpecFor(m);
          if (!spec) { log().info(`Embeddings: ${m.id} left out (its request body is not known)`); continue; }
          records.set(m.id, { model: m, spec });
          next.push(option(m, spec));
        }
        models = next.sort((a, b) => a.provider.localeCompare(b.provider) || a.name.localeCompare(b.name));
        ctx.notify(EmbeddingsEvents.models, view({}));
      } catch (err) {
        log().error('Embeddings: loading the models failed', err);
        ctx.notify(EmbeddingsEvents.models, view({ error: bedrock().describeError(err) }));
      }
    })();
    return loading;
  };

  const compute = async (settings: EmbeddingSettings, texts: string[], signal: AbortSignal): Promise<ComputeResult> => {
    if (loading) await loading;
    const rec = records.get(settings.modelId);
    if (!rec) return { error: { kind: 'validation', message: `"${settings.modelId}" is not an embedding model of this catalog. Pick one from the list.`, detail: '', parameter: 'model', retryable: false } };
    if (texts.length === 0) return { error: { kind: 'validation', message: 'Enter at least one text (one per line).', detail: '', parameter: 'texts', retryable: false } };
    running?.abort();
    const controller = new AbortController();
    running = controller;
    const started = Date.now();
    try {
      const invocationId = bedrock().resolveInvocation(rec.model).invocationId;
      const result = await bedrock().embed(
        {
          invocationId, spec: rec.spec, texts,
          ...(rec.spec.dimensions && settings.dimensions ? { dimensions: settings.dimensions } : {}),
          ...(rec.spec.normalize ? { normalize: settings.normalize } : {}),
          ...(rec.spec.inputTypes ? { inputType: settings.inputType ?? 'search_document' } : {}),
        },
        AbortSignal.any([signal, controller.signal]),
        (done, total) => ctx.notify(EmbeddingsEvents.progress, { done, total }),
      );
      last = { model: rec.model, spec: rec.spec, settings, texts, result, at: new Date() };
      const durationMs = Date.now() - started;
      log().info(`Embeddings: ${texts.length} texts with ${rec.model.id} in ${result.calls} calls, ${durationMs} ms`);
      lastView = {
        modelName: rec.model.name, dimensions: result.dimensions, calls: result.calls, durationMs,
        ...(result.inputTokens !== undefined ? { inputTokens: result.inputTokens } : {}),
        labels: texts.map(label), outcomes: result.outcomes, matrix: similarityMatrix(result.vectors),
      };
      ctx.notify(EmbeddingsEvents.result, { result: lastView });
      return { result: lastView };
    } catch (err) {
      if (!signal.aborted && !controller.signal.aborted) log().error(`Embeddings: ${rec.model.id} failed`, err);
      lastError = bedrock().describeError(err, { modelId: rec.model.id });
      return { error: lastError };
    } finally {
      if (running === controller) running = undefined;
    }
  };

  const neighbours = async (query: string, signal: AbortSignal): Promise<NeighboursResult> => {
    if (!last) return { error: { kind: 'validation', message: 'Compute the embeddings of your texts first.', detail: '', retryable: false } };
    if (!query.trim()) return { error: { kind: 'validation', message: 'Enter a query text.', detail: '', parameter: 'query', retryable: false } };
    const { model, spec, settings } = last;
    try {
      const r = await bedrock().embed({
        invocationId: bedrock().resolveInvocation(model).invocationId, spec, texts: [query],
        ...(spec.dimensions && settings.dimensions ? { dimensions: settings.dimensions } : {}),
        ...(spec.normalize ? { normalize: settings.normalize } : {}),
        // A query is embedded as a query, so Cohere ranks documents the way search does.
        ...(spec.inputTypes ? { inputType: 'search_query' as const } : {}),
      }, signal);
      const q = r.vectors[0];
      if (!q) return { error: { kind: 'validation', message: r.outcomes[0]?.status === 'refused' ? `The query was refused: ${r.outcomes[0].reason}` : 'The query was not embedded.', detail: '', retryable: false } };
      return { neighbours: nearestNeighbours(q, last.result.vectors) };
    } catch (err) {
      lastError = bedrock().describeError(err, { modelId: model.id });
      return { error: lastError };
    }
  };

  const fromSelection = (): TextsResult => {
    const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
    if (!editor) return { texts: [], message: 'No text editor is open.' };
    const selected = editor.selections.map((s) => editor.document.getText(s)).join('\n');
    const source = selected.trim() ? selected : editor.document.getText();
    const texts = source.split(/\r?\n/).filter((l) => l.trim()).slice(0, MAX_TEXTS);
    const from = selected.trim() ? 'the selection' : vscode.workspace.asRelativePath(editor.document.uri);
    return { texts, message: texts.length ? `${texts.length} line${texts.length === 1 ? '' : 's'} from ${from}.` : `No text in ${from}.` };
  };

  const fromFiles = async (): Promise<TextsResult> => {
    const uris = await vscode.window.showOpenDialog({ canSelectMany: true, openLabel: 'Embed', title: 'Files to embed (one text each)' });
    if (!uris?.length) return { texts: [], message: '' };
    const texts: string[] = [];
    const skipped: string[] = [];
    for (const uri of uris.slice(0, MAX_TEXTS)) {
      const bytes = await readFile(uri.fsPath);
      if (bytes.length > MAX_FILE_BYTES || bytes.includes(0)) { skipped.push(vscode.workspace.asRelativePath(uri)); continue; }
      texts.push(bytes.toString('utf8'));
    }
    const note = skipped.length ? ` Skipped (binary or over 1 MB): ${skipped.join(', ')}.` : '';
    return { texts, message: `${texts.length} file${texts.length === 1 ? '' : 's'} read, one text each.${note}` };
  };

  const exportJson = async (): Promise<ExportResult> => {
    if (!last) return { saved: false, message: 'Compute the embeddings first.' };
    const l = last;
    const result = await exportVectors({
      modelId: l.model.id, dimensions: l.result.dimensions, createdAt: l.at,
      settings: { ...(l.settings.dimensions && l.spec.dimensions ? { dimensions: l.settings.dimensions } : {}), ...(l.spec.normalize ? { normalize: l.settings.normalize } : {}), ...(l.spec.inputTypes ? { inputType: l.settings.inputType ?? 'search_document' } : {}) },
      items: l.texts.map((text, i) => {
        const o = l.result.outcomes[i]!;
        const v = l.result.vectors[i];
        return { text, status: o.status, ...(v ? { embedding: v } : {}) };
      }),
    });
    if (result.saved) log().info(`Embeddings: ${result.message}`);
    return result;
  };

  const r = ctx.router;
  const disposables = [
    r.onReady(() => {
      if (loading) void loading.then(() => ctx.notify(EmbeddingsEvents.models, view({})));
      else void loadModels(false);
      if (lastView) ctx.notify(EmbeddingsEvents.result, { result: lastView });
    }),
    r.onRequest(EmbeddingsRequests.compute, (p, c) => compute(p.settings, p.texts, c.signal)),
    r.onRequest(EmbeddingsRequests.neighbours, (p, c) => neighbours(p.query, c.signal)),
    r.onRequest(EmbeddingsRequests.fromSelection, () => fromSelection()),
    r.onRequest(EmbeddingsRequests.fromFiles, () => fromFiles()),
    r.onRequest(EmbeddingsRequests.exportJson, () => exportJson()),
    r.onRequest(EmbeddingsRequests.refreshModels, (p) => loadModels(p.refresh)),
    r.onNotify(EmbeddingsNotifications.cancel, () => running?.abort()),
    r.onRequest(EmbeddingsRequests.runErrorAction, async () => ({ retry: lastError?.action ? await runErrorAction(lastError.action) : false })),
    bedrock().onDidChangeConnection(() => {
      last = undefined;
      lastView = undefined;
      if (ctx.isReady) void loadModels(false);
      else loading = undefined;
    }),
  ];
  return { dispose: () => { running?.abort(); disposables.forEach((d) => d.dispose()); } };
}

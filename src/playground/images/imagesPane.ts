// Host side of the playground's Images tab: registers the `images/...` methods into each panel's
// router. Generated images are stored in the extension's storage (imagesHistory.ts) and shown
// through webview resource URIs; saving into the workspace goes through src/images.

import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { BedrockErrorInfo, ModelRecord } from '../../bedrock/types';
import { readConfig } from '../../core/config';
import { runErrorAction } from '../../account/errorActions';
import { announceSaved } from '../../images/generateImageCommand';
import { isImageModel } from '../../images/pickImageModel';
import { ImageFolderRefusedError, offerAfterRefusal, saveGeneratedImages, type GenerationToSave } from '../../images/saveToWorkspace';
import { log } from '../../core/log';
import { bedrock } from '../../core/services';
import { type PlaygroundContext, registerPlaygroundContribution } from '../contributions';
import {
  type GenerateResult, type GenerationView, type ImageModelOption, type ImageModelsView, ImagesEvents, ImagesNotifications, ImagesRequests,
  type ImagesStateView, type SaveResult,
} from '../../protocol/images';
import { ImageHistoryStore, panelFolderName, pruneOldPanels, type StoredGeneration } from './imagesHistory';
import { checkSettings, PARAMETER_LABELS, toImageRequest } from '../../protocol/imagesSettings';
import { playgrounds } from '../playgrounds';
import { ProtocolFailure } from '../router';
import { isRecord, own } from '../../protocol/validate';

/** The Images tab of each open panel, by panel id, for "Bedrock: Open Image Playground". */
const panes = new Map<string, PlaygroundContext>();

export function registerImagesPane(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    registerPlaygroundContribution((ctx) => {
      panes.set(ctx.panelId, ctx);
      const pane = attachImagesPane(ctx);
      return { dispose: () => { if (panes.get(ctx.panelId) === ctx) panes.delete(ctx.panelId); pane.dispose(); } };
    }),
    // Also what the model tree's "Open in Playground" should run for an image model (argument: a model id or { modelId }).
    vscode.commands.registerCommand('bedrock.openImagePlayground', (arg?: unknown) => openImagePlayground(arg)),
  );
}

async function openImagePlayground(arg?: unknown): Promise<void> {
  try {
    const modelId = typeof arg === 'string' ? arg : isRecord(arg) && typeof own(arg, 'modelId') === 'string' ? (own(arg, 'modelId') as string) : undefined;
    const panel = await playgrounds().show();
    // Held until the webview is ready, so a panel that is still loading switches too.
    panes.get(panel.panelId)?.notify(ImagesEvents.show, modelId ? { modelId } : {});
  } catch (err) {
    log().error('Opening the image playground failed', err);
    void vscode.window.showErrorMessage(`Could not open the Bedrock playground: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** A model record good enough for a sidecar when the catalog no longer lists the model. */
function recordFor(g: StoredGeneration): ModelRecord {
  return {
    id: g.modelId, arn: '', name: g.modelName, provider: g.provider, inputModalities: ['TEXT'], outputModalities: ['IMAGE'],
    streaming: false, lifecycle: 'ACTIVE', inferenceTypes: ['ON_DEMAND'], profiles: [],
  };
}

function attachImagesPane(ctx: PlaygroundContext): vscode.Disposable {
  const storageRoot = vscode.Uri.joinPath(ctx.extension.globalStorageUri, 'imageHistory');
  const folderName = panelFolderName(ctx.panelId);
  const store = new ImageHistoryStore(vscode.Uri.joinPath(storageRoot, folderName).fsPath, (w) => log().warn(w));
  void pruneOldPanels(storageRoot.fsPath, folderName).catch((err: unknown) => log().warn(`Image history clean-up failed: ${String(err)}`));

  // The stored images are shown through webview resource URIs, so their folder must be a resource root.
  // (Contributions run before the page is loaded, so this does not reload anything.)
  const options = ctx.panel.webview.options;
  ctx.panel.webview.options = { ...options, localResourceRoots: [...(options.localResourceRoots ?? []), storageRoot] };

  let models: ImageModelOption[] = [];
  const records = new Map<string, ModelRecord>();
  let lastError: BedrockErrorInfo | undefined;
  let loading: Promise<void> | undefined;

  const view = (g: StoredGeneration): GenerationView => ({
    id: g.id,
    createdAt: g.createdAt,
    modelId: g.modelId,
    modelName: g.modelName,
    settings: g.settings,
    durationMs: g.durationMs,
    request: g.request,
    images: g.images.map((image) => ({
      index: image.index,
      seed: image.seed,
      mimeType: image.mimeType,
      bytes: image.bytes,
      savedAs: image.savedAs,
      src: ctx.panel.webview.asWebviewUri(vscode.Uri.file(store.filePath(image))).toString(),
    })),
  });

  const modelsView = (extra: Partial<ImageModelsView>): ImageModelsView => {
    const conn = bedrock().connection;
    const defaultModelId = readConfig().defaultImageModel || undefined;
    return { models, loading: false, region: conn.region, local: conn.local === true, ...(conn.demo ? { demo: true } : {}), defaultModelId, ...extra };
  };

  const loadModels = (refresh: boolean): Promise<void> => {
    loading = (async () => {
      ctx.notify(ImagesEvents.models, modelsView({ loading: true }));
      try {
        const catalog = await bedrock().catalog({ refresh });
        const next: ImageModelOption[] = [];
        records.clear();
        for (const m of catalog.models.filter(isImageModel)) {
          try {
            next.push({ id: m.id, name: m.name, provider: m.provider, legacy: m.lifecycle === 'LEGACY', spec: bedrock().imageSpec(m) });
            records.set(m.id, m);
          } catch (err) {
            // A model whose body we do not know is left out of the picker rather than failing at Generate.
            log().warn(`Images: ${m.id} left out: ${(err as Error).message}`);
          }
        }
        models = next.sort((a, b) => Number(a.legacy) - Number(b.legacy) || a.provider.localeCompare(b.provider) || a.name.localeCompare(b.name));
        ctx.notify(ImagesEvents.models, modelsView({}));
      } catch (err) {
        log().error('Images: loading the image models failed', err);
        ctx.notify(ImagesEvents.models, modelsView({ error: bedrock().describeError(err) }));
      }
    })();
    return loading;
  };

  const sendState = async () => {
    const [token, job] = [...running.entries()][0] ?? [];
    const state: ImagesStateView = {
      history: (await store.list()).map(view),
      settings: await store.settings(),
      ...(token && job ? { running: { token, startedAt: job.startedAt, count: job.count } } : {}),
    };
    ctx.notify(ImagesEvents.state, state);
  };

  /** Generations in flight, by the webview's token, so `images/cancel` can abort them. */
  const running = new Map<string, { controller: AbortController; startedAt: number; count: number }>();

  const generate = async (settings: GenerateParamsSettings, token: string, requestSignal: AbortSignal): Promise<GenerateResult> => {
    const controller = new AbortController();
    running.get(token)?.controller.abort();
    const job = { controller, startedAt: Date.now(), count: settings.count };
    running.set(token, job);
    try {
      const result = await generateNow(settings, AbortSignal.any([controller.signal, requestSignal]));
      ctx.notify(ImagesEvents.ended, { token, result });
      return result;
    } finally {
      if (running.get(token) === job) running.delete(token);
    }
  };

  const generateNow = async (settings: GenerateParamsSettings, signal: AbortSignal): Promise<GenerateResult> => {
    if (loading) await loading;
    const option = models.find((m) => m.id === settings.modelId);
    const model = records.get(settings.modelId);
    if (!option || !model) {
      return { error: { kind: 'validation', message: `"${settings.modelId}" is not an image model of this catalog. Pick one from the list.`, detail: '', parameter: 'model', retryable: false } };
    }
    const problems = checkSettings(option.spec, settings, option.name);
    if (problems.length) {
      const first = problems[0]!;
      return { error: { kind: 'validation', message: problems.map((p) => p.message).join(' '), detail: '', parameter: PARAMETER_LABELS[first.parameter], retryable: false } };
    }
    const request = toImageRequest(model, settings);
    const started = Date.now();
    try {
      const result = await bedrock().generateImages(request, signal);
      const stored = await store.add(
        { createdAt: started, modelId: model.id, modelName: model.name, provider: model.provider, settings, durationMs: Date.now() - started, request: result.request },
        result.images,
      );
      lastError = undefined;
      const generation = view(stored);
      ctx.notify(ImagesEvents.generation, { generation });
      return { generation };
    } catch (err) {
      if (!signal.aborted) log().error(`Images: generation with ${model.id} failed`, err);
      lastError = bedrock().describeError(err, { modelId: model.id });
      return { error: lastError };
    }
  };

  const save = async (generationId: string, index: number): Promise<SaveResult> => {
    const g = await store.get(generationId);
    const image = g?.images.find((i) => i.index === index);
    if (!g || !image) throw new ProtocolFailure('That image is no longer in the history.', 'notFound');
    const bytes = new Uint8Array(await readFile(store.filePath(image)));
    const model = records.get(g.modelId) ?? (await bedrock().findModel(g.modelId).catch(() => undefined)) ?? recordFor(g);
    const gen: GenerationToSave = {
      request: toImageRequest(model, g.settings),
      images: [{ bytes, mimeType: image.mimeType, seed: image.seed }],
      apiRequest: g.request,
      createdAt: new Date(g.createdAt),
      indices: [index],
      of: g.images.length,
    };
    let outcome;
    try {
      outcome = await saveGeneratedImages(gen);
    } catch (err) {
      if (!(err instanceof ImageFolderRefusedError)) throw err;
      void offerAfterRefusal(err, gen).then((o) => (o ? announceSaved(o, false) : undefined));
      return { saved: false, message: err.reason };
    }
    const first = outcome?.saved[0];
    if (!outcome || !first) return { saved: false, message: 'Not saved.' };
    const savedAs = outcome.inWorkspace ? vscode.workspace.asRelativePath(vscode.Uri.file(first.imagePath), (vscode.workspace.workspaceFolders?.length ?? 0) > 1) : first.imagePath;
    const updated = await store.markSaved(g.id, index, savedAs);
    if (updated) ctx.notify(ImagesEvents.generation, { generation: view(updated) });
    void announceSaved(outcome, false);
    return { saved: true, savedAs, message: `Saved as ${savedAs}` };
  };

  const r = ctx.router;
  const disposables = [
    r.onReady(() => {
      void sendState();
      if (loading) void loading.then(() => ctx.notify(ImagesEvents.models, modelsView({})));
      else void loadModels(false);
    }),
    r.onRequest(ImagesRequests.generate, (p, c) => generate(p.settings, p.token, c.signal)),
    r.onNotify(ImagesNotifications.cancel, (p) => running.get(p.token)?.controller.abort()),
    r.onRequest(ImagesRequests.save, (p) => save(p.generationId, p.index)),
    r.onRequest(ImagesRequests.open, async (p) => {
      const image = (await store.get(p.generationId))?.images.find((i) => i.index === p.index);
      if (!image) throw new ProtocolFailure('That image is no longer in the history.', 'notFound');
      await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(store.filePath(image)), { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }),
    r.onRequest(ImagesRequests.copySeed, async (p) => {
      await vscode.env.clipboard.writeText(String(p.seed));
      vscode.window.setStatusBarMessage(`Seed ${p.seed} copied`, 3000);
    }),
    r.onRequest(ImagesRequests.openRequest, async (p) => {
      const g = await store.get(p.generationId);
      if (!g?.request) throw new ProtocolFailure('No request was recorded for that generation.', 'notFound');
      const doc = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify(g.request, null, 2) });
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }),
    r.onRequest(ImagesRequests.remove, async (p) => { await store.remove(p.generationId); }),
    r.onRequest(ImagesRequests.clearHistory, () => store.clear()),
    r.onRequest(ImagesRequests.runErrorAction, async () => ({ retry: lastError?.action ? await runErrorAction(lastError.action) : false })),
    r.onRequest(ImagesRequests.refreshModels, (p) => loadModels(p.refresh)),
    r.onNotify(ImagesNotifications.setSettings, (p) => store.setSettings(p.settings)),
    bedrock().onDidChangeConnection(() => {
      if (ctx.isReady) void loadModels(false);
      else loading = undefined;
    }),
  ];
  return {
    dispose: () => {
      for (const job of running.values()) job.controller.abort();
      disposables.forEach((d) => d.dispose());
    },
  };
}

type GenerateParamsSettings = Parameters<typeof toImageRequest>[1];

// "Bedrock: Generate Image": prompt (pre-filled with the selection) → model (setting or pick)
// → generation under a cancellable progress notification → saved into the workspace → the
// first image opened. Callers (tests, keybindings, other extensions) may pass the answers as
// an argument object; the command then asks only for what is missing.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { IMAGE_LIMITS } from '../bedrock/families/imageModels';
import type { ApiRequestRecord, GeneratedImage, ImageRequest, ModelRecord } from '../bedrock/types';
import { MAX_ID } from '../protocol/common';
import { IMAGE_SETTING_GUARDS as S } from '../protocol/images';
import { isBoolean, isOptional, isRecord, isString, own, type Guard } from '../protocol/validate';
import { log } from '../core/log';
import { bedrock } from '../core/services';
import { imageErrorText, showImageError } from './errorMessages';
import { chooseImageModel } from './pickImageModel';
import { ImageFolderRefusedError, offerAfterRefusal, saveGeneratedImages, type GenerationToSave, type SaveOutcome } from './saveToWorkspace';

/** The longest prompt the input box accepts (the longest any image model takes); each model's own limit is checked by the Bedrock layer. */
const MAX_PROMPT = IMAGE_LIMITS.promptMaxLength;

/**
 * Optional answers for the command, e.g. `executeCommand('bedrock.generateImage', { prompt: 'a fox' })`:
 * the settings of an image request (checked against the model by the Bedrock layer), the model, and
 * whether to open the first image.
 */
export interface GenerateImageArgs extends Partial<Omit<ImageRequest, 'model'>> {
  modelId?: string;
  /** Open the first image when saved (default true). */
  open?: boolean;
}

/** What the command returns: the files written (none unless `status` is "saved"), and why not. */
export interface GenerateImageResult {
  status: 'saved' | 'cancelled' | 'refused' | 'failed';
  images: string[];
  sidecars: string[];
  seeds: number[];
  /** The message shown to the user when nothing was saved. */
  message?: string;
}

// The image settings are the Images tab's (one schema: the widest bounds any model takes); the model's own limits come after.
const ARG_GUARDS: { [K in keyof GenerateImageArgs]-?: Guard<GenerateImageArgs[K]> } = {
  prompt: isOptional(S.prompt),
  negativePrompt: isOptional(S.negativePrompt),
  modelId: isOptional(isString(MAX_ID)),
  seed: isOptional(S.seed),
  count: isOptional(S.count),
  width: isOptional(S.width),
  height: isOptional(S.height),
  aspectRatio: isOptional(S.aspectRatio),
  cfgScale: isOptional(S.cfgScale),
  steps: isOptional(S.steps),
  quality: isOptional(S.quality),
  style: isOptional(S.style),
  open: isOptional(isBoolean),
};

/** Accepts the command argument or explains which field is wrong (a command link or a test may pass anything). */
export function parseGenerateImageArgs(arg: unknown): GenerateImageArgs {
  if (arg === undefined || arg instanceof vscode.Uri) return {}; // no argument, or invoked from a menu with a resource
  if (!isRecord(arg)) throw new Error('Bedrock: Generate Image takes an object argument such as { "prompt": "…" }.');
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(arg)) {
    const guard = (ARG_GUARDS as Record<string, Guard<unknown> | undefined>)[key];
    if (!guard) throw new Error(`Bedrock: Generate Image does not take the argument "${key}".`);
    const value = own(arg, key);
    if (!guard(value)) throw new Error(`Bedrock: Generate Image: the argument "${key}" has an invalid value (${JSON.stringify(value)}).`);
    out[key] = value;
  }
  return out as GenerateImageArgs;
}

function selectedText(): string {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) return '';
  return editor.document.getText(editor.selection).trim().slice(0, MAX_PROMPT);
}

async function askPrompt(model: ModelRecord): Promise<string | undefined> {
  const prompt = await vscode.window.showInputBox({
    title: `Bedrock: Generate Image with ${model.name}`,
    prompt: 'Describe the image to generate',
    placeHolder: 'A lighthouse on a rocky coast at dawn, watercolor',
    value: selectedText(),
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'Describe the image: the prompt cannot be empty.'),
  });
  return prompt?.trim() || undefined;
}

interface Generated {
  images: GeneratedImage[];
  apiRequest: ApiRequestRecord;
}

/** One generation under a cancellable progress notification. Failures are thrown. */
function generateWithProgress(request: ImageRequest): Thenable<Generated> {
  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Generating ${request.count && request.count > 1 ? `${request.count} images` : 'an image'} with ${request.model.name}`,
      cancellable: true,
    },
    async (progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      try {
        const conn = bedrock().connection;
        progress.report({ message: conn.local ? 'on the local endpoint…' : `in ${conn.region}…` });
        const result = await bedrock().generateImages(request, abort.signal);
        return { images: result.images, apiRequest: result.request };
      } finally {
        sub.dispose();
      }
    },
  );
}

function savedMessage(outcome: SaveOutcome): string {
  const n = outcome.saved.length;
  const seeds = outcome.saved.map((s) => s.seed).join(', ');
  const names = n === 1 ? path.basename(outcome.saved[0]?.imagePath ?? '') : `${n} images`;
  return `Saved ${names} to ${outcome.where} (seed${n > 1 ? 's' : ''} ${seeds}), with a .json sidecar to regenerate ${n > 1 ? 'them' : 'it'}.`;
}

/**
 * Says where the images went (with Reveal / Open Sidecar) and opens the first one. The message is
 * not awaited: the command finishes while it is on screen.
 */
export async function announceSaved(outcome: SaveOutcome, open: boolean): Promise<void> {
  if (outcome.saved.length === 0) return;
  const first = vscode.Uri.file(outcome.saved[0]!.imagePath);
  if (open) await vscode.commands.executeCommand('vscode.open', first, { preview: false });
  void vscode.window.showInformationMessage(savedMessage(outcome), ...(outcome.inWorkspace ? ['Reveal in Explorer'] : []), 'Open Sidecar').then(async (choice) => {
    if (choice === 'Reveal in Explorer') await vscode.commands.executeCommand('revealInExplorer', first);
    if (choice === 'Open Sidecar') await vscode.window.showTextDocument(vscode.Uri.file(outcome.saved[0]!.sidecarPath));
  });
}

function result(status: GenerateImageResult['status'], message?: string, outcome?: SaveOutcome): GenerateImageResult {
  return {
    status,
    images: outcome?.saved.map((s) => s.imagePath) ?? [],
    sidecars: outcome?.saved.map((s) => s.sidecarPath) ?? [],
    seeds: outcome?.saved.map((s) => s.seed) ?? [],
    ...(message ? { message } : {}),
  };
}

/**
 * Runs the command. Messages that offer a choice (Retry, Open Setting, Save As…) are not awaited:
 * the command returns its result at once and the choice, if made, starts a new run.
 */
export async function generateImageCommand(arg?: unknown): Promise<GenerateImageResult> {
  let args: GenerateImageArgs;
  try {
    args = parseGenerateImageArgs(arg);
  } catch (err) {
    const message = (err as Error).message;
    void vscode.window.showErrorMessage(message);
    return result('failed', message);
  }
  let model: ModelRecord | undefined;
  try {
    model = await chooseImageModel(args.modelId);
  } catch (err) {
    log().error('Choosing the image model failed', err);
    const info = bedrock().describeError(err, { modelId: args.modelId });
    void showImageError(info);
    return result('failed', info.message);
  }
  if (!model) return result('cancelled');
  const prompt = args.prompt?.trim() || (await askPrompt(model));
  if (!prompt) return result('cancelled');
  const { open = true, modelId: _modelId, prompt: _prompt, ...params } = args;
  const request: ImageRequest = { ...params, model, prompt };
  const createdAt = new Date();
  let generated: Generated;
  try {
    generated = await generateWithProgress(request);
  } catch (err) {
    log().error(`Image generation with ${model.id} failed`, err);
    const info = bedrock().describeError(err, { modelId: model.id });
    const again: GenerateImageArgs = { ...args, modelId: model.id, prompt };
    void showImageError(info).then((retry) => (retry ? generateImageCommand(again) : undefined));
    return result(info.kind === 'cancelled' ? 'cancelled' : 'failed', imageErrorText(info));
  }
  const gen: GenerationToSave = { request, images: generated.images, apiRequest: generated.apiRequest, createdAt };
  let outcome: SaveOutcome | undefined;
  try {
    outcome = await saveGeneratedImages(gen);
  } catch (err) {
    if (!(err instanceof ImageFolderRefusedError)) {
      log().error('Saving the generated images failed', err);
      const message = `The image was generated but could not be saved: ${(err as Error).message}`;
      void vscode.window.showErrorMessage(message);
      return result('failed', message);
    }
    // Nothing is written; the user may fix the setting or pick a place in a dialog.
    void offerAfterRefusal(err, gen).then((o) => (o ? announceSaved(o, open) : undefined));
    return result('refused', err.reason);
  }
  if (!outcome) return result('cancelled');
  await announceSaved(outcome, open);
  return result('saved', undefined, outcome);
}

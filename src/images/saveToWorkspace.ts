// Where generated images go, decided with the user: the configured folder of the (chosen)
// workspace folder, confined to it; with no folder open, a Save dialog. The file writing and
// the confinement rules are plain Node (writeImages.ts, outputFolder.ts); this is the thin
// VS Code part around them.

import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ApiRequestRecord, GeneratedImage, ImageRequest } from '../bedrock/types';
import { log } from '../core/log';
import { extensionFor, imageBaseName } from './fileNames';
import { DEFAULT_IMAGE_FOLDER, FOLDER_SETTING, resolveOutputFolder } from './outputFolder';
import type { SidecarInput } from './sidecar';
import { writeGeneration, type SavedImage } from './writeImages';

/** One generation as it came back from Bedrock, or the part of it the user wants saved. */
export interface GenerationToSave {
  request: ImageRequest;
  images: ReadonlyArray<GeneratedImage>;
  apiRequest?: ApiRequestRecord;
  createdAt: Date;
  /** Position of each image in its generation (defaults to 0..n-1), for the sidecar. */
  indices?: ReadonlyArray<number>;
  /** Size of the whole generation (defaults to images.length), for the sidecar. */
  of?: number;
}

export interface SaveOutcome {
  saved: SavedImage[];
  /** Where they went, for messages: "images/ in proj", or the folder chosen in the dialog. */
  where: string;
  /** False when the user chose the place in a Save dialog (no workspace folder). */
  inWorkspace: boolean;
}

/** The configured folder escapes the workspace: nothing was written. */
export class ImageFolderRefusedError extends Error {
  override readonly name = 'ImageFolderRefusedError';
  constructor(
    readonly reason: string,
    readonly workspaceFolder: vscode.WorkspaceFolder,
  ) {
    super(reason);
  }
}

function itemsOf(gen: GenerationToSave): SidecarInput[] {
  return gen.images.map((image, i) => ({
    request: gen.request,
    image,
    index: gen.indices?.[i] ?? i,
    of: gen.of ?? gen.images.length,
    createdAt: gen.createdAt,
    apiRequest: gen.apiRequest,
  }));
}

/** Workspace folders on the local file system (the only ones whose real path can be checked). */
function fileWorkspaceFolders(): readonly vscode.WorkspaceFolder[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
}

let lastChosenFolder: string | undefined;

/** The workspace folder to save into: the only one, or the user's choice (last choice first). */
async function pickWorkspaceFolder(folders: readonly vscode.WorkspaceFolder[]): Promise<vscode.WorkspaceFolder | undefined> {
  if (folders.length === 1) return folders[0];
  const ordered = [...folders].sort((a, b) => Number(b.uri.toString() === lastChosenFolder) - Number(a.uri.toString() === lastChosenFolder));
  const picked = await vscode.window.showQuickPick(
    ordered.map((folder) => ({
      label: folder.name,
      description: `${configuredFolder(folder)}/ in ${folder.uri.fsPath}`,
      folder,
    })),
    { title: 'Save generated images', placeHolder: 'Which workspace folder should the images be saved in?', ignoreFocusOut: true },
  );
  if (picked) lastChosenFolder = picked.folder.uri.toString();
  return picked?.folder;
}

/** `bedrock.imageOutputFolder` as set for this workspace folder (the setting is resource-scoped). */
export function configuredFolder(folder: vscode.WorkspaceFolder): string {
  const value = vscode.workspace.getConfiguration('bedrock', folder.uri).get<string>('imageOutputFolder', DEFAULT_IMAGE_FOLDER);
  return (value ?? '').trim() || DEFAULT_IMAGE_FOLDER;
}

/**
 * Saves into the workspace: asks which folder when there are several, resolves the configured
 * folder inside it (refusing one that escapes: ImageFolderRefusedError, nothing written).
 * With no local workspace folder, asks for a place in a Save dialog. Undefined = the user cancelled.
 */
export async function saveGeneratedImages(gen: GenerationToSave): Promise<SaveOutcome | undefined> {
  if (gen.images.length === 0) return { saved: [], where: '', inWorkspace: true };
  const folders = fileWorkspaceFolders();
  if (folders.length === 0) return saveWithDialog(gen);
  const folder = await pickWorkspaceFolder(folders);
  if (!folder) return undefined;
  const setting = configuredFolder(folder);
  const resolved = await resolveOutputFolder(folder.uri.fsPath, setting, true);
  if (!resolved.ok) {
    log().warn(`Image folder refused: ${resolved.reason}`);
    throw new ImageFolderRefusedError(resolved.reason, folder);
  }
  const saved = await writeGeneration(resolved.folder, itemsOf(gen));
  for (const s of saved) log().info(`Saved ${s.imagePath} (seed ${s.seed}) and its sidecar`);
  const where = folders.length > 1 ? `${resolved.relative || '.'}/ in ${folder.name}` : `${resolved.relative || '.'}/`;
  return { saved, where, inWorkspace: true };
}

/**
 * The user picks the file name and place in a Save dialog: the only way an image is written
 * outside a workspace folder. Further images of the generation go beside the first.
 */
export async function saveWithDialog(gen: GenerationToSave, defaultFolder?: string): Promise<SaveOutcome | undefined> {
  const first = gen.images[0];
  if (!first) return { saved: [], where: '', inWorkspace: false };
  const ext = extensionFor(first.mimeType);
  const suggested = `${imageBaseName(gen.request.prompt, gen.createdAt, first.seed)}.${ext}`;
  const uri = await vscode.window.showSaveDialog({
    title: gen.images.length > 1 ? `Save ${gen.images.length} generated images (more are saved beside the first)` : 'Save generated image',
    defaultUri: vscode.Uri.file(path.join(defaultFolder ?? os.homedir(), suggested)),
    filters: { [`${ext.toUpperCase()} image`]: [ext] },
    saveLabel: 'Save Image',
  });
  if (!uri) return undefined;
  const folder = path.dirname(uri.fsPath);
  const chosenBase = path.basename(uri.fsPath).replace(/\.(png|jpe?g|webp)$/i, '') || 'image';
  // Never overwrite, even where the dialog asked "replace?": a taken name moves on to "-2".
  const saved = await writeGeneration(folder, itemsOf(gen), (item) => (item.index === (gen.indices?.[0] ?? 0) ? chosenBase : `${chosenBase}-seed${item.image.seed}`));
  for (const s of saved) log().info(`Saved ${s.imagePath} (seed ${s.seed}) and its sidecar, in a folder chosen in the Save dialog`);
  return { saved, where: folder, inWorkspace: false };
}

/**
 * Shows a refused folder in plain words, with the two ways out: fix the setting, or choose a
 * place in a dialog (which saves there). Returns the outcome of that dialog, if used.
 */
export async function offerAfterRefusal(err: ImageFolderRefusedError, gen: GenerationToSave): Promise<SaveOutcome | undefined> {
  const choice = await vscode.window.showErrorMessage(err.reason, 'Open Setting', 'Save As…');
  if (choice === 'Open Setting') {
    await vscode.commands.executeCommand('workbench.action.openSettings', FOLDER_SETTING);
    return undefined;
  }
  if (choice === 'Save As…') return saveWithDialog(gen, err.workspaceFolder.uri.fsPath);
  return undefined;
}

// Writes the vectors of a computation as JSON into the workspace's `embeddings/` folder, confined
// to the workspace folder by the same rules as saved images (src/images/outputFolder.ts); with no
// workspace folder open, the user picks the place in a Save dialog. Never overwrites a file.
import { writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FOLDER_SETTING, resolveOutputFolder } from '../../images/outputFolder';
import type { ExportResult } from '../../protocol/embeddings';

export const EXPORT_FOLDER = 'embeddings';

export interface VectorsToExport {
  modelId: string;
  dimensions: number;
  settings: Record<string, unknown>;
  createdAt: Date;
  items: { text: string; status: string; embedding?: number[] }[];
}

export function exportFileBase(modelId: string, at: Date): string {
  const model = modelId.replace(/^.*\//, '').replace(/[^\w.-]+/g, '-').replace(/[:.]+/g, '-').slice(0, 60);
  const stamp = at.toISOString().replace(/\.\d+Z$/, '').replace(/[-:]/g, '').replace('T', '-');
  return `embeddings-${model}-${stamp}`;
}

/** Writes `base.json`, or `base-2.json`… when taken (exclusive create, so a race cannot overwrite either). */
async function writeNew(folder: string, base: string, content: string): Promise<string> {
  for (let i = 1; ; i++) {
    const file = path.join(folder, `${base}${i === 1 ? '' : `-${i}`}.json`);
    try {
      await writeFile(file, content, { flag: 'wx' });
      return file;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || i > 999) throw err;
    }
  }
}

export async function exportVectors(v: VectorsToExport): Promise<ExportResult> {
  const content = `${JSON.stringify({ model: v.modelId, dimensions: v.dimensions, settings: v.settings, createdAt: v.createdAt.toISOString(), items: v.items }, null, 1)}\n`;
  const base = exportFileBase(v.modelId, v.createdAt);
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (folders.length === 0) {
    const uri = await vscode.window.showSaveDialog({
      title: 'Export embeddings as JSON',
      defaultUri: vscode.Uri.file(path.join(os.homedir(), `${base}.json`)),
      filters: { JSON: ['json'] },
      saveLabel: 'Export',
    });
    if (!uri) return { saved: false, message: 'Not exported.' };
    const file = await writeNew(path.dirname(uri.fsPath), path.basename(uri.fsPath).replace(/\.json$/i, ''), content);
    return { saved: true, message: `Exported to ${file}`, savedAs: file };
  }
  const folder = folders[0]!;
  const resolved = await resolveOutputFolder(folder.uri.fsPath, EXPORT_FOLDER, true);
  if (!resolved.ok) return { saved: false, message: resolved.reason.replace(` (from the ${FOLDER_SETTING} setting)`, '') };
  const file = await writeNew(resolved.folder, base, content);
  const savedAs = vscode.workspace.asRelativePath(vscode.Uri.file(file), folders.length > 1);
  return { saved: true, message: `Exported to ${savedAs}`, savedAs };
}

// The Images tab's history, kept on disk in the extension's storage so it survives a reload:
// one folder per panel with the image files exactly as generated and an index.json (settings,
// seeds, the request). Webview state holds none of the bytes. Plain Node (no `vscode`).

import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { ApiRequestRecord, GeneratedImage } from '../../bedrock/types';
import { extensionFor, slugify } from '../../images/fileNames';
import { isApiRequest, MAX_ID } from '../../protocol/common';
import { type ImageSettings, MAX_HISTORY, isImageMime, isImageSettings } from '../../protocol/images';
import { type Guard, isArrayOf, isInteger, isLiteral, isNonEmptyString, isNumber, isOptional, isShape, isString } from '../../protocol/validate';

/** Panels whose history is kept; older panels' folders are removed when a new one starts. */
export const MAX_PANELS_KEPT = 20;

export interface StoredImage {
  index: number;
  seed: number;
  mimeType: GeneratedImage['mimeType'];
  /** File name inside the panel's folder. */
  file: string;
  bytes: number;
  /** Workspace-relative path where the user saved it, if they did. */
  savedAs?: string;
}

export interface StoredGeneration {
  id: string;
  createdAt: number;
  modelId: string;
  modelName: string;
  provider: string;
  settings: ImageSettings;
  images: StoredImage[];
  durationMs: number;
  request?: ApiRequestRecord;
}

interface HistoryIndex {
  version: 1;
  settings?: ImageSettings;
  /** Newest first. */
  generations: StoredGeneration[];
}

const isStoredImage: Guard<StoredImage> = isShape({
  index: isInteger(0, 100), seed: isInteger(0, Number.MAX_SAFE_INTEGER), mimeType: isImageMime,
  file: (v): v is string => typeof v === 'string' && /^[\w.-]{1,200}$/.test(v), bytes: isInteger(0, 1e10), savedAs: isOptional(isString(8192)),
});
const isStoredGeneration: Guard<StoredGeneration> = isShape({
  id: isNonEmptyString(200), createdAt: isNumber(0, Number.MAX_SAFE_INTEGER), modelId: isString(MAX_ID), modelName: isString(500),
  provider: isString(200), settings: isImageSettings, images: isArrayOf(isStoredImage, 100), durationMs: isNumber(0, 1e10),
  request: isOptional(isApiRequest),
});
const isHistoryIndex: Guard<HistoryIndex> = isShape({
  version: isLiteral(1), settings: isOptional(isImageSettings), generations: isArrayOf(isStoredGeneration, 10_000),
});

/** A panel id made safe as one folder name. */
export function panelFolderName(panelId: string): string {
  return /^[\w-]{1,100}$/.test(panelId) ? panelId : Buffer.from(panelId).toString('base64url').slice(0, 100);
}

export class ImageHistoryStore {
  private index: HistoryIndex = { version: 1, generations: [] };
  private loaded: Promise<void> | undefined;
  /** Writes are serialized: each operation runs after the previous one finished. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly folder: string,
    private readonly onWarning: (message: string) => void = () => undefined,
  ) {}

  private get indexPath(): string {
    return path.join(this.folder, 'index.json');
  }

  private run<T>(op: () => Promise<T>): Promise<T> {
    const next = this.queue.then(() => this.ensureLoaded()).then(op);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private ensureLoaded(): Promise<void> {
    this.loaded ??= (async () => {
      let text: string;
      try {
        text = await readFile(this.indexPath, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.onWarning(`Image history could not be read: ${(err as Error).message}`);
        return;
      }
      try {
        const parsed: unknown = JSON.parse(text);
        if (isHistoryIndex(parsed)) this.index = parsed;
        else this.onWarning('Image history index has an unexpected shape; starting a new history.');
      } catch {
        this.onWarning('Image history index is not valid JSON; starting a new history.');
      }
    })();
    return this.loaded;
  }

  private async persist(): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    // Write then rename: a crash mid-write never leaves a truncated index.
    const tmp = `${this.indexPath}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(this.index));
    await rename(tmp, this.indexPath);
  }

  /** Newest first. */
  list(): Promise<StoredGeneration[]> {
    return this.run(async () => this.index.generations.slice());
  }

  settings(): Promise<ImageSettings | undefined> {
    return this.run(async () => this.index.settings);
  }

  get(id: string): Promise<StoredGeneration | undefined> {
    return this.run(async () => this.index.generations.find((g) => g.id === id));
  }

  filePath(image: StoredImage): string {
    return path.join(this.folder, image.file);
  }

  /** Stores a generation's images (bytes as generated) and records it; the oldest beyond MAX_HISTORY are removed. */
  add(meta: Omit<StoredGeneration, 'id' | 'images'>, images: ReadonlyArray<GeneratedImage>): Promise<StoredGeneration> {
    return this.run(async () => {
      await mkdir(this.folder, { recursive: true });
      const id = randomUUID();
      const stored: StoredImage[] = [];
      for (const [index, image] of images.entries()) {
        // Named for the user too: "Open" shows this name in the editor tab.
        const file = `${slugify(meta.settings.prompt, 40)}-seed${image.seed}-${id.slice(0, 8)}-${index}.${extensionFor(image.mimeType)}`;
        await writeFile(path.join(this.folder, file), image.bytes, { flag: 'wx' });
        stored.push({ index, seed: image.seed, mimeType: image.mimeType, file, bytes: image.bytes.byteLength });
      }
      const generation: StoredGeneration = { ...meta, id, images: stored };
      this.index.generations.unshift(generation);
      const evicted = this.index.generations.splice(MAX_HISTORY);
      await this.persist();
      await this.deleteFiles(evicted);
      return generation;
    });
  }

  markSaved(id: string, index: number, savedAs: string): Promise<StoredGeneration | undefined> {
    return this.run(async () => {
      const generation = this.index.generations.find((g) => g.id === id);
      const image = generation?.images.find((i) => i.index === index);
      if (!generation || !image) return undefined;
      image.savedAs = savedAs;
      await this.persist();
      return generation;
    });
  }

  setSettings(settings: ImageSettings): Promise<void> {
    return this.run(async () => {
      this.index.settings = settings;
      await this.persist();
    });
  }

  remove(id: string): Promise<boolean> {
    return this.run(async () => {
      const i = this.index.generations.findIndex((g) => g.id === id);
      if (i < 0) return false;
      const [gone] = this.index.generations.splice(i, 1);
      await this.persist();
      await this.deleteFiles(gone ? [gone] : []);
      return true;
    });
  }

  clear(): Promise<void> {
    return this.run(async () => {
      const gone = this.index.generations;
      this.index.generations = [];
      await this.persist();
      await this.deleteFiles(gone);
    });
  }

  private async deleteFiles(generations: StoredGeneration[]): Promise<void> {
    for (const g of generations) {
      for (const image of g.images) await rm(this.filePath(image), { force: true });
    }
  }
}

/** Removes the history folders of all but the `keep` most recently used panels (never `current`). */
export async function pruneOldPanels(root: string, current: string, keep = MAX_PANELS_KEPT): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return [];
  }
  const dated = await Promise.all(
    names.map(async (name) => {
      const folder = path.join(root, name);
      const s = await stat(path.join(folder, 'index.json')).catch(() => stat(folder).catch(() => undefined));
      return { name, folder, time: s?.mtimeMs ?? 0 };
    }),
  );
  const others = dated.filter((d) => d.name !== current).sort((a, b) => b.time - a.time);
  const removed = others.slice(Math.max(0, keep - 1));
  for (const d of removed) await rm(d.folder, { recursive: true, force: true });
  return removed.map((d) => d.name);
}

// Writes generated images and their sidecars without ever overwriting a file: each file is
// created exclusively (`wx`), and a name already taken moves on to `-2`, `-3`, ...
// The bytes are written exactly as Bedrock returned them (no re-encoding).
// Plain Node (no `vscode`): unit-tested in test/unit/images.

import { open, unlink } from 'node:fs/promises';
import * as path from 'node:path';
import { candidateBaseName, extensionFor, imageBaseName } from './fileNames';
import { buildSidecar, type SidecarInput } from './sidecar';

/** Give up after this many taken names: something is wrong with the folder, not unlucky. */
const MAX_ATTEMPTS = 1000;

export interface SavedImage {
  imagePath: string;
  sidecarPath: string;
  seed: number;
}

async function createExclusive(file: string, data: Uint8Array | string): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    await handle.writeFile(data);
    await handle.close();
  } catch (err) {
    await handle.close().catch(() => undefined);
    // A half-written picture is worse than none: remove it before reporting the failure.
    await unlink(file).catch(() => undefined);
    throw err;
  }
  return true;
}

/**
 * Saves one image and its sidecar (`<base>.png` + `<base>.json`) in `folder`, under the first
 * free name from `baseName`. Both files are new; if the sidecar's name is taken, the image just
 * written is removed and the next name is tried.
 */
export async function writeImageWithSidecar(folder: string, baseName: string, input: SidecarInput): Promise<SavedImage> {
  const ext = extensionFor(input.image.mimeType);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const base = candidateBaseName(baseName, attempt);
    const imagePath = path.join(folder, `${base}.${ext}`);
    const sidecarPath = path.join(folder, `${base}.json`);
    if (!(await createExclusive(imagePath, input.image.bytes))) continue;
    const sidecar = buildSidecar(input, path.basename(imagePath));
    let written: boolean;
    try {
      written = await createExclusive(sidecarPath, `${JSON.stringify(sidecar, null, 2)}\n`);
    } catch (err) {
      await unlink(imagePath).catch(() => undefined);
      throw err;
    }
    if (written) return { imagePath, sidecarPath, seed: input.image.seed };
    await unlink(imagePath);
  }
  throw new Error(`Could not find a free file name for "${baseName}" in ${folder} after ${MAX_ATTEMPTS} tries.`);
}

/** Saves every image of one generation into `folder`, named from the prompt, time and each seed. */
export async function writeGeneration(
  folder: string,
  items: ReadonlyArray<SidecarInput>,
  baseNameOf: (item: SidecarInput) => string = (item) => imageBaseName(item.request.prompt, item.createdAt, item.image.seed),
): Promise<SavedImage[]> {
  const saved: SavedImage[] = [];
  for (const item of items) saved.push(await writeImageWithSidecar(folder, baseNameOf(item), item));
  return saved;
}

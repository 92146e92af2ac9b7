import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { GeneratedImage } from '../../../src/bedrock/types';
import { MAX_HISTORY, type ImageSettings } from '../../../src/protocol/images';
import { ImageHistoryStore, panelFolderName, pruneOldPanels } from '../../../src/playground/images/imagesHistory';

const settings: ImageSettings = { modelId: 'amazon.nova-canvas-v1:0', prompt: 'a fox', negativePrompt: '', count: 2, width: 512, height: 512 };
const image = (seed: number): GeneratedImage => ({ bytes: new Uint8Array([137, 80, 78, 71, seed & 255]), mimeType: 'image/png', seed });
const meta = { createdAt: 1, modelId: settings.modelId, modelName: 'Nova Canvas', provider: 'Amazon', settings, durationMs: 12 };

describe('image history store', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'bedrock-history-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('keeps the bytes as generated and survives a new store (a reload)', async () => {
    const store = new ImageHistoryStore(path.join(root, 'p1'));
    const g = await store.add(meta, [image(1), image(2)]);
    await store.setSettings({ ...settings, prompt: 'draft' });
    assert.deepEqual(new Uint8Array(await readFile(store.filePath(g.images[1]!))), image(2).bytes);

    const reloaded = new ImageHistoryStore(path.join(root, 'p1'));
    const list = await reloaded.list();
    assert.equal(list.length, 1);
    assert.deepEqual(list[0]?.images.map((i) => i.seed), [1, 2]);
    assert.equal((await reloaded.settings())?.prompt, 'draft');
  });

  it('lists newest first, marks saved images, removes and clears with their files', async () => {
    const store = new ImageHistoryStore(path.join(root, 'p'));
    const a = await store.add(meta, [image(1)]);
    const b = await store.add(meta, [image(2)]);
    assert.deepEqual((await store.list()).map((g) => g.id), [b.id, a.id]);
    await store.markSaved(a.id, 0, 'images/a-fox.png');
    assert.equal((await store.get(a.id))?.images[0]?.savedAs, 'images/a-fox.png');
    assert.equal(await store.remove(b.id), true);
    assert.equal(await store.remove('nope'), false);
    assert.deepEqual((await readdir(store.folder)).sort(), [a.images[0]!.file, 'index.json']);
    assert.match(a.images[0]!.file, /^a-fox-seed1-[0-9a-f]{8}-0\.png$/, 'named for the user: Open shows it');
    await store.clear();
    assert.deepEqual(await readdir(store.folder), ['index.json']);
  });

  it(`keeps at most ${MAX_HISTORY} generations, deleting the oldest files`, async () => {
    const store = new ImageHistoryStore(path.join(root, 'p'));
    const first = await store.add(meta, [image(0)]);
    // Concurrent adds are serialized by the store.
    await Promise.all(Array.from({ length: MAX_HISTORY }, (_, i) => store.add(meta, [image(i + 1)])));
    const list = await store.list();
    assert.equal(list.length, MAX_HISTORY);
    assert.ok(!list.some((g) => g.id === first.id));
    assert.equal((await readdir(store.folder)).length, MAX_HISTORY + 1);
  });

  it('starts afresh from a damaged index, with a warning', async () => {
    const folder = path.join(root, 'p');
    await mkdir(folder);
    await writeFile(path.join(folder, 'index.json'), '{"version":1,"generations":[{"id":"x"}]}');
    const warnings: string[] = [];
    const store = new ImageHistoryStore(folder, (w) => warnings.push(w));
    assert.deepEqual(await store.list(), []);
    assert.match(warnings[0] ?? '', /unexpected shape/);
  });

  it('makes any panel id a safe folder name', () => {
    assert.equal(panelFolderName('abc-123_x'), 'abc-123_x');
    assert.match(panelFolderName('../../etc'), /^[\w-]+$/);
  });

  it('prunes the folders of the least recently used panels, never the current one', async () => {
    for (const [i, name] of ['old', 'mid', 'new', 'current'].entries()) {
      await mkdir(path.join(root, name));
      await writeFile(path.join(root, name, 'index.json'), '{}');
      const t = new Date(2026, 0, 1 + i);
      await utimes(path.join(root, name, 'index.json'), t, t);
    }
    await utimes(path.join(root, 'current', 'index.json'), new Date(2020, 0, 1), new Date(2020, 0, 1));
    const removed = await pruneOldPanels(root, 'current', 2);
    assert.deepEqual(removed.sort(), ['mid', 'old']);
    assert.deepEqual((await readdir(root)).sort(), ['current', 'new']);
  });
});

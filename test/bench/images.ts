// Images: what saving and the panel history cost next to the generation itself. Saving (exclusive
// create of the image and its sidecar, moving on past taken names) against a plain writeFile of
// the same bytes; a generation through the real SDK against the local endpoint; a panel's history
// read back after a reload.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { BedrockService } from '../../src/bedrock/service';
import type { GeneratedImage, ModelRecord } from '../../src/bedrock/types';
import { writeImageWithSidecar } from '../../src/images/writeImages';
import { MAX_HISTORY } from '../../src/protocol/images';
import { ImageHistoryStore } from '../../src/playground/images/imagesHistory';
import { startLocalBedrock } from '../localBedrock/server';
import type { Figure } from './figures';
import { median } from './stats';

const RUNS = 30;
const TITAN = 'amazon.titan-image-generator-v2:0';

export async function imagesBench(log: (m: string) => void): Promise<Figure[]> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'bench-images-'));
  const endpoint = await startLocalBedrock({ port: 0 });
  const service = new BedrockService(() => ({ region: 'us-east-1', endpoint: endpoint.endpoint, local: true }));
  try {
    const model = (await service.findModel(TITAN)) as ModelRecord;
    // One real 1024×1024 generation: its time, and its bytes for the saving figures.
    const gen: number[] = [];
    let images: GeneratedImage[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const r = await service.generateImages({ model, prompt: 'a lighthouse at dawn', width: 1024, height: 1024, seed: 7 + i });
      gen.push(performance.now() - t);
      images = r.images;
    }
    const image = images[0]!;
    log(`images: generated ${image.bytes.byteLength} bytes per 1024×1024 PNG`);

    const plain: number[] = [];
    const saved: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      await writeFile(path.join(scratch, `plain-${i}.png`), image.bytes);
      plain.push(performance.now() - t);
      t = performance.now();
      await writeImageWithSidecar(scratch, `saved-${i}`, { request: { model, prompt: 'a lighthouse at dawn', width: 1024, height: 1024 }, image, index: 0, of: 1, createdAt: new Date() });
      saved.push(performance.now() - t);
    }
    // Worst case for "never overwrite": the same name saved again and again (each one tries every
    // taken name first). Each save is paired with a plain writeFile of the same bytes, in the same
    // loop: when the slowest save is an outlier of the machine (the disk's write-back, another
    // process on the core, a GC), the plain writes show outliers of the same size; when it is the
    // name search, it is the last saves (the most names to try) that are slow and the plain
    // writes are not.
    const taken: number[] = [];
    const takenPlain: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      await writeImageWithSidecar(scratch, 'same-name', { request: { model, prompt: 'x' }, image, index: 0, of: 1, createdAt: new Date() });
      taken.push(performance.now() - t);
      t = performance.now();
      await writeFile(path.join(scratch, `plain-taken-${i}.png`), image.bytes);
      takenPlain.push(performance.now() - t);
    }
    const worstAt = taken.indexOf(Math.max(...taken));
    const lastFive = median(taken.slice(-5));
    const firstFive = median(taken.slice(0, 5));
    log(`images: saves under a taken name ${taken.map((v) => v.toFixed(1)).join(', ')} ms; plain writes beside them ${takenPlain.map((v) => v.toFixed(1)).join(', ')} ms`);

    const store = new ImageHistoryStore(path.join(scratch, 'history'));
    for (let i = 0; i < MAX_HISTORY; i++) {
      await store.add({ createdAt: i, modelId: TITAN, modelName: 'Titan', provider: 'Amazon', settings: { modelId: TITAN, prompt: 'p', negativePrompt: '', count: 2 }, durationMs: 1 }, [image, image]);
    }
    const reload: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      await new ImageHistoryStore(store.folder).list();
      reload.push(performance.now() - t);
    }

    const g = median(gen);
    const s = median(saved);
    return [
      { name: 'Images: generate one 1024×1024 image (local endpoint, real SDK)', value: g, unit: 'ms', runs: gen },
      { name: 'Images: save image + sidecar vs plain writeFile', value: s / median(plain), unit: '×', target: { op: '<=', value: 5 }, runs: saved, detail: `${s.toFixed(2)} ms vs ${median(plain).toFixed(2)} ms (plain: worst ${Math.max(...plain).toFixed(2)} ms); ${((s / (g + s)) * 100).toFixed(2)}% of generate + save` },
      {
        name: `Images: save when ${RUNS} earlier saves took the name (worst case)`, value: Math.max(...taken), unit: 'ms', target: { op: '<=', value: 100 }, runs: taken,
        detail: `the slowest was save ${worstAt + 1} (${worstAt} names tried first); first 5 saves median ${firstFive.toFixed(2)} ms, last 5 (${RUNS - 5}–${RUNS - 1} names tried) ${lastFive.toFixed(2)} ms; a plain writeFile of the same bytes after each save: median ${median(takenPlain).toFixed(2)} ms, worst ${Math.max(...takenPlain).toFixed(2)} ms`,
      },
      { name: `Images: read a full panel history back (${MAX_HISTORY} generations)`, value: median(reload), unit: 'ms', target: { op: '<=', value: 50 }, runs: reload, detail: 'index only; the pictures load lazily in the webview' },
    ];
  } finally {
    service.dispose();
    await endpoint.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

// "Bedrock: Generate Image" end to end in the extension host: the real command, the real SDK,
// the local Bedrock endpoint's real PNGs, written into the test workspace.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PNG } from 'pngjs';
import * as vscode from 'vscode';
import { imageBaseName } from '../../src/images/fileNames';
import { activeExtension, localBedrock } from './support/extension';
import { closeDocument, select } from './support/vscodeEvents';
import { nextInputBox } from './support/uiCalls';

interface GenerateImageResult {
  status: 'saved' | 'cancelled' | 'refused' | 'failed';
  images: string[];
  sidecars: string[];
  seeds: number[];
  message?: string;
}

const TITAN = 'amazon.titan-image-generator-v2:0';
const NOVA = 'amazon.nova-canvas-v1:0';
const SD35 = 'stability.sd3-5-large-v1:0';

function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration run opens a workspace folder');
  return folder.uri.fsPath;
}

function generate(args: Record<string, unknown>): Thenable<GenerateImageResult> {
  return vscode.commands.executeCommand<GenerateImageResult>('bedrock.generateImage', { open: false, ...args });
}

async function setFolder(value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('bedrock').update('imageOutputFolder', value, vscode.ConfigurationTarget.Workspace);
}

/** Every file under `dir` (relative paths), for "nothing else changed on disk". */
function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(path.relative(dir, path.join(e.parentPath, e.name)));
  }
  return out.sort();
}

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('Bedrock: Generate Image (into the workspace)', function () {
  this.timeout(60_000);
  const bedrock = localBedrock();
  let root: string;
  let outside: string;

  before(async () => {
    await activeExtension();
    root = workspaceRoot();
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'images-outside-'));
  });
  beforeEach(async () => {
    await bedrock.reset();
    await setFolder(undefined);
  });
  after(async () => {
    // Leave the endpoint as the next suite expects it: no fault left behind (a lasting throttle would fail them).
    await bedrock.reset();
    await setFolder(undefined);
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('writes a valid PNG of the requested size, as returned, with a sidecar to regenerate it', async () => {
    const result = await generate({ prompt: 'A red fox in the snow, watercolor', modelId: TITAN, seed: 42, width: 512, height: 512 });
    assert.equal(result.status, 'saved', result.message);
    assert.equal(result.images.length, 1);
    const file = result.images[0]!;
    assert.equal(path.dirname(file), path.join(fs.realpathSync(root), 'images'));
    assert.match(path.basename(file), /^a-red-fox-in-the-snow-watercolor-\d{8}-\d{6}-seed42\.png$/);

    const png = PNG.sync.read(fs.readFileSync(file));
    assert.deepEqual([png.width, png.height], [512, 512]);

    // The bytes on disk are the bytes Bedrock sent (no re-encoding): same length as the response's image.
    const sidecar = JSON.parse(fs.readFileSync(result.sidecars[0]!, 'utf8')) as Record<string, unknown> & {
      model: { id: string }; seed: number; parameters: Record<string, unknown>; image: { file: string; bytes: number }; request: { body: { imageGenerationConfig: { seed: number } } };
    };
    assert.equal(sidecar.model.id, TITAN);
    assert.equal(sidecar.prompt, 'A red fox in the snow, watercolor');
    assert.equal(sidecar.seed, 42);
    assert.equal(sidecar.seedWasRandom, false);
    // What the picture was made with: the size asked, and Titan's defaults for the rest (as sent).
    assert.deepEqual(sidecar.parameters, { width: 512, height: 512, count: 1, quality: 'standard', cfgScale: 8 });
    assert.equal(sidecar.image.file, path.basename(file));
    assert.equal(sidecar.image.bytes, fs.statSync(file).size);
    assert.equal(sidecar.request.body.imageGenerationConfig.seed, 42);

    const calls = await bedrock.requestsFor('InvokeModel');
    assert.equal(calls.length, 1);
    assert.equal(calls[0]!.modelId, TITAN);
  });

  it('regenerates the same picture from the same settings and seed', async () => {
    const first = await generate({ prompt: 'lighthouse at dawn', modelId: NOVA, seed: 7, width: 512, height: 512 });
    assert.equal(first.status, 'saved', first.message);
    const again = await generate({ prompt: 'lighthouse at dawn', modelId: NOVA, seed: 7, width: 512, height: 512 });
    assert.equal(again.status, 'saved', again.message);
    assert.notEqual(again.images[0], first.images[0], 'a second file');
    assert.equal(sha(again.images[0]!), sha(first.images[0]!), 'same model, prompt, parameters and seed: the same picture');
  });

  it('never overwrites a file that has the name it would take', async () => {
    // Occupy the names of the next few seconds (image and sidecar), so the command must move on.
    const dir = path.join(root, 'images');
    fs.mkdirSync(dir, { recursive: true });
    const now = Date.now();
    const taken: string[] = [];
    for (let s = 0; s < 15; s++) {
      const base = imageBaseName('a taken name', new Date(now + s * 1000), 9);
      for (const ext of ['png', 'json']) {
        const file = path.join(dir, `${base}.${ext}`);
        fs.writeFileSync(file, `mine ${ext}`);
        taken.push(file);
      }
    }
    const result = await generate({ prompt: 'a taken name', modelId: TITAN, seed: 9, width: 512, height: 512 });
    assert.equal(result.status, 'saved', result.message);
    assert.match(path.basename(result.images[0]!), /-seed9-2\.png$/);
    assert.match(path.basename(result.sidecars[0]!), /-seed9-2\.json$/);
    for (const file of taken) assert.equal(fs.readFileSync(file, 'utf8'), `mine ${path.extname(file).slice(1)}`, `${file} untouched`);
    assert.equal(PNG.sync.read(fs.readFileSync(result.images[0]!)).width, 512);
  });

  it('saves every image of a multi-image generation with its own sidecar', async () => {
    const result = await generate({ prompt: 'three cats', modelId: NOVA, count: 3, width: 512, height: 512 });
    assert.equal(result.status, 'saved', result.message);
    assert.equal(result.images.length, 3);
    assert.equal(new Set(result.images).size, 3);
    for (const [i, sidecarPath] of result.sidecars.entries()) {
      const sidecar = JSON.parse(fs.readFileSync(sidecarPath, 'utf8')) as { seedWasRandom: boolean; image: { index: number; of: number } };
      assert.equal(sidecar.seedWasRandom, true);
      assert.deepEqual([sidecar.image.index, sidecar.image.of], [i, 3]);
      assert.equal(PNG.sync.read(fs.readFileSync(result.images[i]!)).width, 512);
    }
  });

  it('generates and saves with every image model of the endpoint catalog, at its defaults', async () => {
    // The control plane ignores signatures, so the catalog can be read with a plain GET.
    const res = await fetch(`${bedrock.endpoint}/foundation-models?byOutputModality=IMAGE`);
    const { modelSummaries } = (await res.json()) as { modelSummaries: Array<{ modelId: string }> };
    const ids = modelSummaries.map((m) => m.modelId);
    assert.ok(ids.length >= 5, `image models: ${ids.join(', ')}`);
    for (const modelId of ids) {
      const result = await generate({ prompt: `a tree by ${modelId}`, modelId });
      assert.equal(result.status, 'saved', `${modelId}: ${result.message}`);
      const png = PNG.sync.read(fs.readFileSync(result.images[0]!));
      assert.ok(png.width >= 512 && png.height >= 512, `${modelId}: ${png.width}x${png.height}`);
      const sidecar = JSON.parse(fs.readFileSync(result.sidecars[0]!, 'utf8')) as { model: { id: string } };
      assert.equal(sidecar.model.id, modelId);
    }
  });

  it('takes an aspect ratio for Stability models', async () => {
    const result = await generate({ prompt: 'a mountain lake', modelId: SD35, aspectRatio: '16:9', seed: 5 });
    assert.equal(result.status, 'saved', result.message);
    const png = PNG.sync.read(fs.readFileSync(result.images[0]!));
    assert.ok(png.width > png.height, `16:9 gives a wide picture (${png.width}x${png.height})`);
  });

  it('saves into the configured folder inside the workspace', async () => {
    await setFolder('assets/generated');
    const result = await generate({ prompt: 'an owl', modelId: TITAN, width: 512, height: 512 });
    assert.equal(result.status, 'saved', result.message);
    assert.equal(path.dirname(result.images[0]!), path.join(fs.realpathSync(root), 'assets', 'generated'));
  });

  for (const [what, value] of [
    ['a ".." path', '../escaped-images'],
    ['an absolute path', ''],
  ] as const) {
    it(`refuses ${what} and writes nothing`, async () => {
      const setting = value || path.join(outside, 'abs');
      await setFolder(setting);
      const before = listFiles(root);
      const parentBefore = fs.readdirSync(path.dirname(root)).sort();
      const result = await generate({ prompt: 'should not land', modelId: TITAN, width: 512, height: 512 });
      assert.equal(result.status, 'refused');
      assert.match(result.message ?? '', /bedrock\.imageOutputFolder/);
      assert.deepEqual(listFiles(root), before, 'nothing written in the workspace');
      assert.deepEqual(fs.readdirSync(path.dirname(root)).sort(), parentBefore, 'nothing created beside the workspace');
      assert.deepEqual(fs.readdirSync(outside), [], 'nothing created at the absolute path');
    });
  }

  it('refuses a folder that is a symbolic link out of the workspace, and writes nothing there', async () => {
    const link = path.join(root, 'linked-out');
    fs.rmSync(link, { force: true });
    fs.symlinkSync(outside, link, 'dir');
    try {
      await setFolder('linked-out');
      const result = await generate({ prompt: 'should not land', modelId: TITAN, width: 512, height: 512 });
      assert.equal(result.status, 'refused');
      assert.match(result.message ?? '', /symbolic link .*outside the workspace/);
      assert.deepEqual(fs.readdirSync(outside), []);
    } finally {
      fs.rmSync(link, { force: true });
    }
  });

  it('reports a content-filtered prompt in plain words and writes nothing', async () => {
    const before = listFiles(root);
    const result = await generate({ prompt: 'something forbidden', modelId: TITAN, width: 512, height: 512 });
    assert.equal(result.status, 'failed');
    assert.match(result.message ?? '', /content filter/i);
    assert.deepEqual(listFiles(root), before);
  });

  it('names the parameter at fault when the size is not one the model makes', async () => {
    const before = listFiles(root);
    const result = await generate({ prompt: 'a fox', modelId: TITAN, width: 1000, height: 1000 });
    assert.equal(result.status, 'failed');
    assert.match(result.message ?? '', /1000×1000/);
    assert.match(result.message ?? '', /size/);
    assert.equal((await bedrock.requestsFor('InvokeModel')).length, 0, 'refused before sending');
    assert.deepEqual(listFiles(root), before);
  });

  it('says access is denied in plain words', async () => {
    await bedrock.injectFault({ operation: 'InvokeModel', fault: 'accessDenied' });
    const result = await generate({ prompt: 'a fox', modelId: TITAN, width: 512, height: 512 });
    assert.equal(result.status, 'failed');
    assert.match(result.message ?? '', /access/i);
  });

  it('rides out a throttle with a retry, and says so in plain words when Bedrock keeps throttling', async () => {
    await bedrock.injectFault({ operation: 'InvokeModel', fault: 'throttle', times: 1 });
    const once = await generate({ prompt: 'a busy harbour', modelId: TITAN, width: 512, height: 512 });
    assert.equal(once.status, 'saved', once.message);
    assert.equal((await bedrock.requestsFor('InvokeModel')).length, 2, 'the throttled request was retried');

    await bedrock.injectFault({ operation: 'InvokeModel', fault: 'throttle', times: -1 });
    const before = listFiles(root);
    const always = await generate({ prompt: 'a busy harbour', modelId: TITAN, width: 512, height: 512 }).then(
      async (r) => { await bedrock.clearFaults(); return r; },
    );
    assert.equal(always.status, 'failed');
    assert.match(always.message ?? '', /throttl|too many|rate|quota/i);
    assert.deepEqual(listFiles(root), before);
  });

  it('refuses a model that does not make images', async () => {
    const result = await generate({ prompt: 'a fox', modelId: 'amazon.nova-lite-v1:0' });
    assert.equal(result.status, 'failed');
    assert.match(result.message ?? '', /does not generate images/);
  });

  it('pre-fills the prompt with the editor selection', async () => {
    const doc = await vscode.workspace.openTextDocument({ content: 'intro\nA blue whale under the ice\noutro' });
    const editor = await vscode.window.showTextDocument(doc);
    await select(editor, new vscode.Selection(1, 0, 1, 29));
    const box = nextInputBox();
    const pending = vscode.commands.executeCommand<GenerateImageResult>('bedrock.generateImage', { modelId: TITAN, width: 512, height: 512, open: false });
    // Once the prompt box is up, accept it as it is: with the selection as its value.
    assert.equal((await box).value, 'A blue whale under the ice');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const result = await pending;
    assert.equal(result.status, 'saved', result.message);
    const sidecar = JSON.parse(fs.readFileSync(result.sidecars[0]!, 'utf8')) as { prompt: string };
    assert.equal(sidecar.prompt, 'A blue whale under the ice');
    await closeDocument(doc);
  });
});

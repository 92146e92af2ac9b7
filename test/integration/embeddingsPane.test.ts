// The Embeddings tab's host side inside a real VS Code: its router driven as the webview drives
// it, the real SDK against the local endpoint, the real workspace for selection and export.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { attachEmbeddingsPane } from '../../src/playground/embeddings/embeddingsPane';
import { EmbeddingsEvents, EmbeddingsNotifications, EmbeddingsRequests } from '../../src/protocol/embeddings';
import { activeExtension, localBedrock } from './support/extension';
import { closeDocument, select } from './support/vscodeEvents';
import { WebviewSide } from './support/webviewSide';

const TITAN = 'amazon.titan-embed-text-v2:0';
const COHERE = 'cohere.embed-english-v3';

describe('Embeddings tab (host side, in VS Code)', function () {
  this.timeout(60_000);
  const bedrock = localBedrock();
  let side: WebviewSide;
  let pane: vscode.Disposable;
  let root: string;

  before(async () => {
    await activeExtension();
    root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
  });
  beforeEach(async () => {
    await bedrock.reset();
    side = new WebviewSide();
    pane = attachEmbeddingsPane({ router: side.router, notify: side.notify, isReady: true });
    side.router.handle({ type: 'ready' });
  });
  afterEach(() => {
    pane.dispose();
    side.router.dispose();
    fs.rmSync(path.join(root, 'embeddings'), { recursive: true, force: true });
  });

  it('offers the catalog\'s text embedding models with their controls', async () => {
    const view = await side.until(() => side.notifications(EmbeddingsEvents.models).find((v) => !v.loading));
    const titan = view.models.find((m) => m.id === TITAN);
    const cohere = view.models.find((m) => m.id === COHERE);
    assert.deepEqual(titan?.dimensions, [256, 512, 1024]);
    assert.equal(titan?.normalize, true);
    assert.deepEqual(cohere?.inputTypes, ['search_document', 'search_query', 'classification', 'clustering']);
    assert.equal(cohere?.maxBatch, 96);
    assert.ok(view.models.every((m) => /embed/.test(m.id)), view.models.map((m) => m.id).join(', '));
  });

  it('computes Titan vectors at 512 dimensions, refuses the over-long text, ranks neighbours and exports JSON into the workspace', async () => {
    const texts = ['the cat sat on the mat', 'a cat on a mat', 'quarterly tax report for the board', 'q'.repeat(50_001)];
    const r = await side.request(EmbeddingsRequests.compute, { settings: { modelId: TITAN, dimensions: 512, normalize: true }, texts });
    assert.ok('result' in r, JSON.stringify(r));
    const v = r.result;
    assert.equal(v.dimensions, 512);
    assert.equal(v.calls, 3);
    assert.deepEqual(v.outcomes.map((o) => o.status), ['embedded', 'embedded', 'embedded', 'refused']);
    assert.equal(v.matrix.length, 4);
    assert.equal(v.matrix[0]![0], 1);
    assert.ok(v.matrix[0]![1]! > v.matrix[0]![2]!, 'the two cat texts are the closest pair');
    assert.deepEqual(v.matrix[3], [null, null, null, null]);
    const sent = await bedrock.requestsFor('InvokeModel');
    assert.equal(sent.length, 3);
    assert.ok(sent.every((s) => (s.body as { dimensions: number }).dimensions === 512));

    const n = await side.request(EmbeddingsRequests.neighbours, { query: 'cat on mat' });
    assert.ok('neighbours' in n);
    assert.deepEqual(n.neighbours.map((x) => x.index).slice(0, 2).sort(), [0, 1]);
    assert.equal(n.neighbours.length, 3, 'the refused text is not ranked');

    const first = await side.request(EmbeddingsRequests.exportJson, {});
    assert.equal(first.saved, true, first.message);
    assert.match(first.savedAs ?? '', /^embeddings\/embeddings-amazon-titan-embed-text-v2-0-\d{8}-\d{6}\.json$/);
    const json = JSON.parse(fs.readFileSync(path.join(root, first.savedAs!), 'utf8')) as { model: string; dimensions: number; items: { text: string; status: string; embedding?: number[] }[] };
    assert.equal(json.model, TITAN);
    assert.equal(json.items.length, 4);
    assert.equal(json.items[0]!.embedding?.length, 512);
    assert.equal(json.items[3]!.embedding, undefined);
    assert.equal(json.items[3]!.status, 'refused');
    // A second export never overwrites the first.
    const second = await side.request(EmbeddingsRequests.exportJson, {});
    assert.notEqual(second.savedAs, first.savedAs);
    assert.ok(fs.existsSync(path.join(root, first.savedAs!)) && fs.existsSync(path.join(root, second.savedAs!)));
  });

  it('sends Cohere texts 96 per call with the chosen input type, and reports a truncated text', async () => {
    const texts = Array.from({ length: 100 }, (_, i) => `note ${i} about hiking`);
    texts[1] = 'long '.repeat(600);
    const r = await side.request(EmbeddingsRequests.compute, { settings: { modelId: COHERE, normalize: false, inputType: 'classification' }, texts });
    assert.ok('result' in r);
    assert.equal(r.result.calls, 2);
    assert.deepEqual(r.result.outcomes[1], { status: 'truncated', sentChars: 2048, originalChars: 3000 });
    const sent = await bedrock.requestsFor('InvokeModel');
    assert.deepEqual(sent.map((s) => (s.body as { texts: string[] }).texts.length), [96, 4]);
    assert.ok(sent.every((s) => (s.body as { input_type: string }).input_type === 'classification'));
    // The query is embedded as a search query.
    await side.request(EmbeddingsRequests.neighbours, { query: 'hiking' });
    const all = await bedrock.requestsFor('InvokeModel');
    assert.equal((all[2]!.body as { input_type: string }).input_type, 'search_query');
  });

  it('refuses to export through a symbolic link leading out of the workspace, writing nothing', async function () {
    if (process.platform === 'win32') this.skip();
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'embeddings-outside-'));
    try {
      fs.symlinkSync(outside, path.join(root, 'embeddings'));
      const r = await side.request(EmbeddingsRequests.compute, { settings: { modelId: TITAN, dimensions: 256, normalize: true }, texts: ['one', 'two'] });
      assert.ok('result' in r);
      const out = await side.request(EmbeddingsRequests.exportJson, {});
      assert.equal(out.saved, false);
      assert.match(out.message, /symbolic link .* outside the workspace folder/);
      assert.doesNotMatch(out.message, /imageOutputFolder/);
      assert.deepEqual(fs.readdirSync(outside), []);
    } finally {
      fs.rmSync(path.join(root, 'embeddings'), { force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('takes the texts from the editor selection, one per line', async () => {
    const doc = await vscode.workspace.openTextDocument({ content: 'alpha line\n\nbeta line\ngamma line\n' });
    const editor = await vscode.window.showTextDocument(doc);
    await select(editor, new vscode.Selection(0, 0, 2, 9));
    const r = await side.request(EmbeddingsRequests.fromSelection, {});
    assert.deepEqual(r.texts, ['alpha line', 'beta line']);
    assert.match(r.message, /2 lines from the selection/);
    await closeDocument(doc);
  });

  it('stops a slow computation when the webview cancels it', async () => {
    await bedrock.injectFault({ operation: 'InvokeModel', fault: 'delayFirstEvent', delayMs: 20_000, times: -1 });
    try {
      const started = Date.now();
      const pending = side.request(EmbeddingsRequests.compute, { settings: { modelId: TITAN, dimensions: 256, normalize: true }, texts: ['one', 'two'] });
      await bedrock.waitForRequest((r) => r.operation === 'InvokeModel');
      side.router.handle({ type: 'notify', method: EmbeddingsNotifications.cancel.method, params: {} });
      const r = await pending;
      assert.ok('error' in r && r.error.kind === 'cancelled', JSON.stringify(r));
      assert.ok(Date.now() - started < 15_000, 'the delayed reply was not waited for');
    } finally {
      await bedrock.clearFaults();
    }
  });

  it('answers a bad request with a clear error and calls nothing', async () => {
    const none = await side.request(EmbeddingsRequests.compute, { settings: { modelId: 'anthropic.claude-3-haiku-20240307-v1:0', normalize: true }, texts: ['a'] });
    assert.ok('error' in none && /not an embedding model/.test(none.error.message));
    const empty = await side.request(EmbeddingsRequests.compute, { settings: { modelId: TITAN, normalize: true }, texts: [] });
    assert.ok('error' in empty && /at least one text/.test(empty.error.message));
    const noRun = await side.request(EmbeddingsRequests.exportJson, {});
    assert.equal(noRun.saved, false);
    assert.deepEqual(await bedrock.requestsFor('InvokeModel'), []);
  });
});

// Bad settings, bad parameters and large input, in the extension host: hand-edited settings of the
// wrong type, a malformed endpoint URL, out-of-range and empty values, a 1 MB prompt, an image at
// the limit and one past it, and a 500-turn conversation whose storage must stay bounded.
// (An image folder escaping the workspace is covered in images.test.ts: refused, nothing written.)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { BedrockService } from '../../src/bedrock/service';
import { connectionSettings, readConfig } from '../../src/core/config';
import { ChatRequests, MAX_IMAGE_BYTES, type SendParams } from '../../src/protocol/chat';
import { defaultOptions } from '../../src/playground/chat/conversation';
import { ChatDriver, HAIKU, tempStoreRoot } from './reliabilityDriver';
import { reliabilitySummary } from './reliabilitySummary';
import { activeExtension, localBedrock } from './support/extension';
import { setSetting } from './support/modelTree';


/** A real PNG-signature image of about `bytes` bytes, base64 (the endpoint checks only the format and size). */
function pngBase64(bytes: number): string {
  const buf = Buffer.alloc(bytes, 7);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(buf);
  return buf.toString('base64');
}

describe('Reliability: bad settings, bad parameters, large input', function () {
  this.timeout(120_000);
  const bedrock = localBedrock();
  let root: string;
  let service: BedrockService;
  let n = 0;
  let chat: ChatDriver;

  before(async () => {
    await activeExtension();
    root = tempStoreRoot();
    service = new BedrockService(() => connectionSettings());
  });
  beforeEach(async () => {
    await bedrock.reset();
    chat = new ChatDriver(`input-${++n}`, root, service);
  });
  afterEach(() => chat.dispose());
  after(async () => {
    for (const k of ['region', 'profile', 'maxAttempts', 'requestTimeoutSeconds', 'retryMode', 'imageOutputFolder', 'endpoint', 'defaultChatModel']) await setSetting(k, undefined);
    service.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('reads hand-edited settings of the wrong type as their defaults, and clamps out-of-range numbers', async () => {
    try {
      await setSetting('region', 42);
      await setSetting('profile', ['not', 'a', 'string']);
      await setSetting('maxAttempts', '5');
      await setSetting('requestTimeoutSeconds', 'thirty');
      await setSetting('retryMode', 'sometimes');
      await setSetting('imageOutputFolder', { path: 'x' });
      await setSetting('defaultChatModel', 7);
      const c = readConfig();
      assert.equal(c.region, 'us-east-1');
      assert.equal(c.profile, '');
      assert.equal(c.maxAttempts, 3, 'a string is not a number: the default, not the minimum');
      assert.equal(c.requestTimeoutSeconds, 120, 'a word is not a timeout: the default, not 1 second');
      assert.equal(c.retryMode, 'standard');
      assert.equal(c.imageOutputFolder, 'images');
      assert.equal(c.defaultChatModel, '');

      await setSetting('maxAttempts', 1000);
      await setSetting('requestTimeoutSeconds', -5);
      assert.equal(readConfig().maxAttempts, 10);
      assert.equal(readConfig().requestTimeoutSeconds, 1);
      // The extension keeps working with them: the model tree still loads.
      const tree = await vscode.commands.executeCommand<{ state: string }>('bedrock.models.snapshot');
      assert.notEqual(tree?.state, undefined);
      reliabilitySummary.found('a hand-edited setting of the wrong type (e.g. "bedrock.region": 42) made every feature throw (no trim() on a number), and a "30" timeout became 1 second; wrong types now read as the default');
    } finally {
      for (const k of ['region', 'profile', 'maxAttempts', 'requestTimeoutSeconds', 'retryMode', 'imageOutputFolder', 'defaultChatModel']) await setSetting(k, undefined);
    }
  });

  it('a malformed endpoint URL: a clear message, nothing sent', async () => {
    await setSetting('endpoint', 'htp//not a url');
    const bad = new BedrockService(() => connectionSettings());
    const driver = new ChatDriver(`input-endpoint-${n}`, root, bad);
    try {
      const id = driver.send('Hello');
      const end = await driver.end(id);
      assert.ok(end.error, 'refused');
      assert.match(end.error.message, /The endpoint "htp\/\/not a url" is not an http:\/\/ or https:\/\/ address/, end.error.message);
      assert.doesNotMatch(end.error.message, /TypeError|Invalid URL$|undefined/, 'in plain words');
      assert.equal((await bedrock.requests()).length, 0, 'nothing reached any endpoint');
      reliabilitySummary.found('a malformed bedrock.endpoint URL was reported as "No AWS credentials were found."; it is now named as the problem, with Check the endpoint');
    } finally {
      driver.dispose();
      bad.dispose();
      await setSetting('endpoint', undefined);
    }
  });

  it('out-of-range parameters are brought into range (and said so) or refused before sending; an empty model id is refused', async () => {
    const params: SendParams = { mode: 'new', text: 'Parameters out of range', attachments: [], options: { ...defaultOptions(HAIKU), temperature: 7, topP: -2, topK: 100_000, maxTokens: 10_000_000 } };
    const id = 77;
    chat.router.handle({ type: 'request', id, method: ChatRequests.send.method, params });
    const end = await chat.end(id);
    const calls = await bedrock.requestsFor('ConverseStream');
    if (end.done) {
      const body = calls[0]!.body as { inferenceConfig?: { temperature?: number; topP?: number; maxTokens?: number }; additionalModelRequestFields?: { top_k?: number } };
      assert.ok((body.inferenceConfig?.temperature ?? 0) <= 1);
      assert.ok((body.inferenceConfig?.topP ?? 0) >= 0);
      assert.ok((body.inferenceConfig?.maxTokens ?? 0) <= 4096);
      assert.ok((body.additionalModelRequestFields?.top_k ?? 0) <= 500);
    } else {
      assert.equal(calls.length, 0, 'refused before sending');
      assert.match(end.error?.message ?? '', /temperature|top|max/i);
    }
    await bedrock.clearRequests();

    const empty = chat.send('No model', 'new', '');
    const endEmpty = await chat.end(empty);
    assert.equal(endEmpty.error?.message, 'Choose a model first.');
    assert.equal((await bedrock.requests()).filter((r) => r.operation === 'ConverseStream').length, 0);
  });

  it('a 1 MB prompt is sent whole and answered', async () => {
    const words = Array.from({ length: 1_000_000 / 8 }, (_, i) => `w${String(i % 100000).padStart(5, '0')} `).join('');
    const text = `${words.slice(0, 1_000_000)} end-of-prompt`;
    const id = chat.send(text);
    const end = await chat.end(id, 60_000);
    assert.equal(end.done, true, JSON.stringify(end.error));
    const [call] = await bedrock.requestsFor('ConverseStream');
    const sent = (call!.body as { messages: Array<{ content: Array<{ text?: string }> }> }).messages[0]!.content[0]!.text!;
    assert.equal(sent.length, text.length, 'the whole prompt went out');
    const saved = await chat.reloaded();
    assert.equal(saved.turns[0]!.text.length, text.length, 'and was saved whole');
  });

  it('an image at the Bedrock limit is stored once however often the conversation is saved; one past the limit is refused in plain words', async () => {
    const atLimit = pngBase64(MAX_IMAGE_BYTES - 1000);
    const id = 91;
    chat.router.handle({ type: 'request', id, method: ChatRequests.send.method, params: { mode: 'new', text: 'What is in this image?', attachments: [{ format: 'png', base64: atLimit, name: 'big.png' }], options: { ...defaultOptions(HAIKU), maxTokens: 200 } } satisfies SendParams });
    const end = await chat.end(id, 60_000);
    assert.equal(end.done, true, JSON.stringify(end.error));
    for (let i = 0; i < 5; i++) {
      const next = chat.send(`Follow-up ${i}`);
      assert.equal((await chat.end(next, 60_000)).done, true);
    }
    await chat.store.flush();
    const attachments = path.join(root, 'attachments');
    assert.equal(fs.readdirSync(attachments).length, 1, 'one file for the image');
    const conv = fs.statSync(path.join(root, 'conversations', `${chat.id}.json`)).size;
    assert.ok(conv < 100_000, `the conversation file holds a reference, not the image (${conv} bytes)`);
    reliabilitySummary.conversationChecked();

    // 20 MB: the host refuses it (the composer refuses it earlier, with the size in words).
    const huge = 92;
    chat.router.handle({ type: 'request', id: huge, method: ChatRequests.send.method, params: { mode: 'new', text: 'and this?', attachments: [{ format: 'png', base64: pngBase64(20_000_000), name: 'huge.png' }], options: defaultOptions(HAIKU) } });
    const refused = await chat.end(huge);
    assert.ok(refused.error);
    const after = await chat.reloaded();
    assert.equal(after.turns.length, 12, 'the refused message changed nothing');
  });

  it('a 500-turn conversation keeps working and its storage stays bounded', async () => {
    await bedrock.setReply('Short answer.', -1);
    const file = path.join(root, 'conversations', `${chat.id}.json`);
    const sizes: Array<{ all: number; withoutRequests: number }> = [];
    for (let i = 0; i < 250; i++) {
      const id = chat.send(`Question number ${i}`);
      const end = await chat.end(id);
      assert.equal(end.done, true, `turn ${i}: ${JSON.stringify(end.error)}`);
      if (i % 50 === 49) {
        await chat.store.flush();
        const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { turns: Array<Record<string, unknown>> };
        const withoutRequests = JSON.stringify({ ...stored, turns: stored.turns.map(({ request: _r, ...t }) => t) }).length;
        sizes.push({ all: fs.statSync(file).size, withoutRequests });
      }
    }
    await bedrock.clearReplies();
    const saved = await chat.reloaded();
    assert.equal(saved.turns.length, 500);
    assert.equal(saved.turns.at(-1)!.status, 'done');
    assert.deepEqual(saved.turns.slice(0, 4).map((t) => t.text), ['Question number 0', 'Short answer.', 'Question number 1', 'Short answer.'], 'nothing lost from the start');
    // The conversation itself grows linearly: each 100 turns add about the same.
    const steps = sizes.slice(1).map((s, i) => s.withoutRequests - sizes[i]!.withoutRequests);
    assert.ok(Math.max(...steps) < Math.min(...steps) * 1.5, `growth per 100 turns: ${steps.join(', ')} bytes`);
    // Known and reported, not fixed here: each answer's "View API request" record repeats the whole
    // history sent with it, so the file grows with the square of the turns. Kept under a ceiling.
    assert.ok(sizes.at(-1)!.all < 20_000_000, `500 turns in ${sizes.at(-1)!.all} bytes`);
    console.log(`${process.env.BEDROCK_TEST_MARKER ?? ''}      (stored conversation per 100 turns: ${sizes.map((s) => `${(s.all / 1e6).toFixed(2)} MB (${(s.withoutRequests / 1e6).toFixed(2)} MB without request records)`).join(', ')})`);
    reliabilitySummary.conversationChecked();
  });
});

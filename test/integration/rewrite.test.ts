// "Bedrock: Rewrite Selection" in a real editor against the local endpoint: the answer lands in
// place of the selection as ONE undo step, wrapping is removed, cancel and concurrent edits
// leave the text intact.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, localBedrock } from './support/extension';
import { closeDocument, select, untilText } from './support/vscodeEvents';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';

interface RewriteResult { status: string; rewritten: number; message?: string }

const ORIGINAL = [
  '# Notes',
  '',
  'The meeting, which was held on tuesday, it went on for a very long time and there was many topics.',
  'Second line of the paragraph.',
  '',
  'Last paragraph stays as it is.',
  '',
].join('\n');

/** The documents a test opened, closed after it. */
const opened: vscode.TextDocument[] = [];

async function openDocument(text: string, language: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ content: text, language });
  opened.push(doc);
  return vscode.window.showTextDocument(doc);
}

function openEditor(text = ORIGINAL): Promise<vscode.TextEditor> {
  return openDocument(text, 'markdown');
}

function rewrite(args: Record<string, unknown> = {}): Thenable<RewriteResult> {
  return vscode.commands.executeCommand<RewriteResult>('bedrock.rewriteSelection', { instruction: 'Fix grammar and spelling', modelId: MODEL, ...args });
}

function lineRange(editor: vscode.TextEditor, line: number): vscode.Selection {
  return new vscode.Selection(line, 0, line, editor.document.lineAt(line).text.length);
}

/**
 * Another extension's edit. VS Code refuses a workspace edit made against a document version
 * that a streaming edit has just moved past, so it is retried as another extension would.
 */
async function applyEditSoon(uri: vscode.Uri, at: vscode.Position, text: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, at, text);
    if (await vscode.workspace.applyEdit(edit)) return;
  }
  throw new Error('The concurrent edit was never applied');
}

describe('Bedrock: Rewrite Selection', function () {
  this.timeout(60_000);
  const bedrock = localBedrock();

  before(async () => {
    await activeExtension();
  });
  beforeEach(async () => {
    await bedrock.reset();
  });
  afterEach(async () => {
    for (const doc of opened.splice(0)) await closeDocument(doc);
  });

  it('replaces the selection with the answer, unwrapped, and one Undo restores the original', async () => {
    const editor = await openEditor();
    await select(editor, lineRange(editor, 2));
    await bedrock.setReply('Here is the corrected text:\n<rewrite>\nThe meeting on Tuesday went on for a long time and covered many topics.\n</rewrite>');
    const result = await rewrite();
    assert.equal(result.status, 'done', result.message);
    const lines = editor.document.getText().split('\n');
    assert.equal(lines[2], 'The meeting on Tuesday went on for a long time and covered many topics.');
    assert.equal(editor.document.getText(), ORIGINAL.replace(/^The meeting.*$/m, lines[2]!), 'nothing else changed');

    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), ORIGINAL, 'one Undo restores the original exactly');
    await vscode.commands.executeCommand('redo');
    assert.equal(editor.document.getText().split('\n')[2], lines[2], 'and one Redo brings the rewrite back');
  });

  it('streams token by token, still as one undo step', async () => {
    const editor = await openEditor();
    await select(editor, lineRange(editor, 2));
    // 100 ms between tokens: each edit is applied before the next token comes, even on a busy machine
    // (faster, the rewrite rightly puts tokens that arrive while an edit is pending into one edit).
    await bedrock.setTokensPerSecond(10);
    const reply = 'The meeting on Tuesday lasted a long time and covered many topics, one after another, until everyone was tired.';
    await bedrock.setReply(reply);
    let changes = 0;
    const sub = vscode.workspace.onDidChangeTextDocument((e) => { if (e.document === editor.document) changes++; });
    try {
      const result = await rewrite();
      assert.equal(result.status, 'done', result.message);
    } finally {
      sub.dispose();
    }
    assert.ok(changes > 3, `the text arrived in several edits (${changes})`);
    assert.equal(editor.document.lineAt(2).text, reply);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), ORIGINAL);
  });

  it('sends the instruction, the model, and the text inside tags', async () => {
    const editor = await openEditor();
    await select(editor, lineRange(editor, 5));
    await bedrock.setReply('<rewrite>The last paragraph stays.</rewrite>');
    await rewrite({ instruction: 'Make concise' });
    const [req] = await bedrock.requestsFor('ConverseStream');
    assert.ok(req, 'a ConverseStream request reached the endpoint');
    assert.equal(req.modelId, MODEL);
    const body = JSON.stringify(req.body);
    assert.match(body, /Instruction: Make concise/);
    assert.match(body, /<text>\\nLast paragraph stays as it is\.\\n<\/text>/);
    assert.match(body, /<rewrite><\/rewrite>/, 'the system prompt asks for the tags');
  });

  it('rewrites every selection, in one undo step', async () => {
    const editor = await openEditor();
    await select(editor, lineRange(editor, 0), lineRange(editor, 5));
    await bedrock.setReply('<rewrite>REWRITTEN</rewrite>', 2);
    const result = await rewrite();
    assert.equal(result.status, 'done', result.message);
    assert.equal(result.rewritten, 2);
    assert.equal(editor.document.lineAt(0).text, 'REWRITTEN');
    assert.equal(editor.document.lineAt(5).text, 'REWRITTEN');
    assert.equal(editor.document.lineAt(2).text, ORIGINAL.split('\n')[2]);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), ORIGINAL);
  });

  it('removes a code fence around the answer and keeps the indentation', async () => {
    const code = 'function f() {\n    return a+b\n}\n';
    const editor = await openDocument(code, 'javascript');
    const doc = editor.document;
    await select(editor, new vscode.Selection(1, 0, 1, doc.lineAt(1).text.length));
    await bedrock.setReply('```javascript\nreturn a + b; // the sum\n```');
    const result = await rewrite({ instruction: 'Explain as comments' });
    assert.equal(result.status, 'done', result.message);
    assert.equal(doc.getText(), 'function f() {\n    return a + b; // the sum\n}\n');
  });

  it('rewrites the paragraph when nothing is selected', async () => {
    const editor = await openEditor();
    await select(editor, new vscode.Selection(3, 4, 3, 4));
    await bedrock.setReply('<rewrite>One paragraph.</rewrite>');
    const result = await rewrite({ emptySelection: 'paragraph' });
    assert.equal(result.status, 'done', result.message);
    assert.equal(editor.document.getText(), '# Notes\n\nOne paragraph.\n\nLast paragraph stays as it is.\n');
  });

  it('says there is nothing to rewrite on a blank line', async () => {
    const editor = await openEditor();
    await select(editor, new vscode.Selection(1, 0, 1, 0));
    const result = await rewrite();
    assert.equal(result.status, 'nothing');
    assert.equal(editor.document.getText(), ORIGINAL);
    assert.equal((await bedrock.requestsFor('ConverseStream')).length, 0);
  });

  it('Cancel stops the stream and leaves the original text', async () => {
    const editor = await openEditor();
    await select(editor, lineRange(editor, 2));
    await bedrock.setTokensPerSecond(10);
    // Long enough (30 s at this rate) that even a loaded machine cancels it while it streams.
    await bedrock.setReply(`A long answer that keeps streaming slowly, ${'word after word, '.repeat(100)}so that there is time to cancel it halfway through.`);
    const running = rewrite();
    await untilText(editor.document, (t) => t.split('\n')[2] !== ORIGINAL.split('\n')[2], 'the first words');
    await vscode.commands.executeCommand('bedrock.cancelRewrite');
    const result = await running;
    assert.equal(result.status, 'cancelled');
    assert.equal(editor.document.getText(), ORIGINAL);
  });

  it('stops and puts the original back when the document changes elsewhere', async () => {
    const editor = await openEditor();
    await select(editor, lineRange(editor, 2));
    await bedrock.setTokensPerSecond(10);
    // Long enough (30 s at this rate) that even a loaded machine applies the edit while it streams.
    await bedrock.setReply(`A long answer that keeps streaming slowly, ${'word after word, '.repeat(100)}while someone else edits the document.`);
    const running = rewrite();
    await untilText(editor.document, (t) => t.split('\n')[2] !== ORIGINAL.split('\n')[2], 'the first words');
    await applyEditSoon(editor.document.uri, new vscode.Position(0, 0), 'EDITED ');
    const result = await running;
    assert.equal(result.status, 'interrupted', result.message);
    assert.match(result.message ?? '', /put the original text back/);
    assert.equal(editor.document.getText(), `EDITED ${ORIGINAL}`);
  });

  it('stops without writing more when the text being rewritten is edited', async () => {
    const editor = await openEditor();
    await select(editor, lineRange(editor, 2));
    await bedrock.setTokensPerSecond(10);
    await bedrock.setReply(`A long answer that keeps streaming slowly, ${'word after word, '.repeat(100)}while someone types into it.`);
    const running = rewrite();
    await untilText(editor.document, (t) => t.split('\n')[2]!.length > 3 && t.split('\n')[2] !== ORIGINAL.split('\n')[2], 'the first words');
    await applyEditSoon(editor.document.uri, new vscode.Position(2, 0), 'TYPED ');
    const afterEdit = editor.document.getText();
    const result = await running;
    assert.equal(result.status, 'interrupted', result.message);
    assert.equal(editor.document.getText(), afterEdit, 'nothing was written after the edit');
    assert.ok(editor.document.lineAt(2).text.startsWith('TYPED '));
  });

  it('keeps the original when the answer is cut off at the output limit', async () => {
    const editor = await openEditor();
    await select(editor, lineRange(editor, 2));
    await bedrock.setReply(`<rewrite>${Array.from({ length: 9000 }, (_, i) => `w${i}`).join(' ')}</rewrite>`);
    const result = await rewrite();
    assert.equal(result.status, 'truncated', result.message);
    assert.match(result.message ?? '', /output limit/);
    assert.equal(editor.document.getText(), ORIGINAL);
    const [req] = await bedrock.requestsFor('ConverseStream');
    assert.ok(req);
  });

  it('keeps the original when the stream fails part-way', async () => {
    const editor = await openEditor();
    await select(editor, lineRange(editor, 2));
    await bedrock.injectFault({ operation: 'ConverseStream', fault: 'streamException', afterEvents: 4, times: 1 });
    const result = await rewrite();
    assert.equal(result.status, 'failed');
    assert.ok(result.message);
    assert.equal(editor.document.getText(), ORIGINAL);
  });
});

// One failure, every surface: access denied, expired credentials, an unreachable endpoint, a model
// not in the Region and a profile-only model called by its bare id must read the same, in plain
// words with the matching action, in the chat, the image command, the model tree and the rewrite
// command. Faults come from the local endpoint's fault control; the extension under test is the
// real one (its commands), the chat is the real chat host.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { BedrockService } from '../../src/bedrock/service';
import { connectionSettings } from '../../src/core/config';
import { ChatDriver, tempStoreRoot } from './reliabilityDriver';
import { reliabilitySummary } from './reliabilitySummary';
import { activeExtension, localBedrock } from './support/extension';
import { closeDocument, select } from './support/vscodeEvents';
import { nextMessage } from './support/uiCalls';
import { modelTree, setSetting } from './support/modelTree';

const TEXT_MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const IMAGE_MODEL = 'amazon.titan-image-generator-v2:0';
const PROFILE_ONLY = 'anthropic.claude-3-7-sonnet-20250219-v1:0';

interface CommandResult { status: string; message?: string }

async function rewriteResult(modelId = TEXT_MODEL): Promise<CommandResult> {
  const doc = await vscode.workspace.openTextDocument({ content: 'Ths sentense has typos.\n', language: 'markdown' });
  const editor = await vscode.window.showTextDocument(doc);
  await select(editor, new vscode.Selection(0, 0, 0, 23));
  try {
    return (await vscode.commands.executeCommand<CommandResult>('bedrock.rewriteSelection', { instruction: 'Fix grammar and spelling', modelId }))!;
  } finally {
    assert.equal(doc.getText(), 'Ths sentense has typos.\n', 'a failed rewrite leaves the text as it was');
    await closeDocument(doc);
  }
}

async function imageResult(modelId = IMAGE_MODEL): Promise<CommandResult> {
  return (await vscode.commands.executeCommand<CommandResult>('bedrock.generateImage', { open: false, prompt: 'a lighthouse', modelId, width: 512, height: 512 }))!;
}

/** Fails with the step's name when a surface hangs instead of answering. */
async function within<T>(label: string, work: Thenable<T> | Promise<T>, ms = 40_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([Promise.resolve(work), new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${label} did not answer within ${ms} ms`)), ms); })]);
  } finally {
    clearTimeout(timer);
  }
}

async function treeAfterRefresh(): Promise<{ state: string; message?: string }> {
  await vscode.commands.executeCommand('bedrock.refreshModels');
  return modelTree();
}

describe('Reliability: one failure reads the same on every surface', function () {
  this.timeout(120_000);
  const bedrock = localBedrock();
  let root: string;
  let service: BedrockService;
  let n = 0;

  async function chatError(modelId = TEXT_MODEL, setup?: (d: ChatDriver) => Promise<void>) {
    const driver = new ChatDriver(`surfaces-${++n}`, root, service);
    try {
      await setup?.(driver);
      const id = driver.send('Hello', 'new', modelId);
      const end = await driver.end(id);
      const final = driver.turnUpdates(id).at(-1);
      assert.ok(end.error, 'the chat stream failed');
      return { end, turn: final! };
    } finally {
      driver.dispose();
    }
  }

  before(async () => {
    await activeExtension();
    root = tempStoreRoot();
    service = new BedrockService(() => connectionSettings());
  });
  beforeEach(() => bedrock.reset());
  afterEach(async () => {
    if (vscode.workspace.getConfiguration('bedrock').inspect('endpoint')?.workspaceValue !== undefined) await setSetting('endpoint', undefined);
  });
  after(async () => {
    await bedrock.reset();
    await vscode.commands.executeCommand('bedrock.refreshModels');
    service.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('access denied: "access … not granted" with Open model access, everywhere', async () => {
    await bedrock.injectFault({ operation: '*', fault: 'accessDenied', times: -1 });
    const chat = await chatError();
    assert.equal(chat.turn.error?.kind, 'accessDenied');
    assert.match(chat.turn.error?.message ?? '', /Access to .* is not granted/);
    assert.equal(chat.turn.error?.action?.kind, 'openUrl');
    assert.match(chat.turn.error?.action?.kind === 'openUrl' ? chat.turn.error.action.url : '', /modelaccess/i);

    const image = await within('the image command', imageResult());
    assert.equal(image.status, 'failed');
    assert.match(image.message ?? '', /Access to .* is not granted/);

    const rewrite = await within('the rewrite command', rewriteResult());
    assert.equal(rewrite.status, 'failed');
    assert.match(rewrite.message ?? '', /Access to .* is not granted/);
    reliabilitySummary.found('Rewrite Selection waited on its error toast when the model catalog failed and then ended as "dismissed" with no message; it now fails at once with the plain message');

    const tree = await within('the model tree', treeAfterRefresh());
    assert.equal(tree.state, 'error');
    assert.match(tree.message ?? '', /access|not granted|may not call|refused/i);
    reliabilitySummary.fault('access denied on 4 surfaces');
  });

  it('expired credentials: "have expired" with the sign-in or profile action, everywhere', async () => {
    await bedrock.injectFault({ operation: '*', fault: 'expiredToken', times: -1 });
    const chat = await chatError();
    assert.match(chat.turn.error?.message ?? '', /expired/);
    assert.ok(chat.turn.error?.action && ['ssoLogin', 'configure'].includes(chat.turn.error.action.kind), JSON.stringify(chat.turn.error));
    assert.equal(chat.turn.error?.retryable, false, 'no point retrying with expired credentials');

    const image = await within('the image command', imageResult());
    assert.equal(image.status, 'failed');
    assert.match(image.message ?? '', /expired/);

    const rewrite = await within('the rewrite command', rewriteResult());
    assert.equal(rewrite.status, 'failed');
    assert.match(rewrite.message ?? '', /expired/);

    const tree = await within('the model tree', treeAfterRefresh());
    assert.ok(['ssoExpired', 'noCredentials', 'error'].includes(tree.state), tree.state);
    assert.match(tree.message ?? '', /expired/i);
    reliabilitySummary.fault('expired credentials on 4 surfaces');
  });

  it('a model not in the Region: "not available in …" with Change region, everywhere', async () => {
    const missing = 'anthropic.claude-not-in-this-region-v1:0';
    const chat = await chatError(missing);
    assert.equal(chat.turn.error?.kind, 'notFound');
    assert.match(chat.turn.error?.message ?? '', /not available in/);
    assert.equal(chat.turn.error?.action?.kind, 'configure');

    const image = await within('the image command', imageResult('amazon.titan-image-not-in-this-region-v9:0'));
    assert.equal(image.status, 'failed');
    assert.match(image.message ?? '', /not available in|not a model of the catalog in/i);

    // Rewrite offers "Choose Model" on its error toast and waits for the answer: dismiss it once it is up.
    const toast = nextMessage('showErrorMessage');
    const pending = rewriteResult(missing);
    assert.match(await within('the rewrite command\'s error', toast), /claude-not-in-this-region/);
    await vscode.commands.executeCommand('notifications.clearAll');
    const rewrite = await within('the rewrite command', pending);
    assert.ok(rewrite.status === 'dismissed' || rewrite.status === 'failed', JSON.stringify(rewrite));
    assert.equal((await bedrock.requestsFor('ConverseStream')).length, 0, 'nothing sent for a model the catalog does not list');
    reliabilitySummary.fault('model not in the Region on 3 surfaces');
  });

  it('a profile-only model called by its bare id: "runs only through an inference profile" with Use <profile>', async () => {
    const chat = await chatError(PROFILE_ONLY, (d) => d.session.setInvocationOverride(PROFILE_ONLY, PROFILE_ONLY));
    assert.equal(chat.turn.error?.kind, 'onDemandNotSupported');
    assert.match(chat.turn.error?.message ?? '', /runs only through an inference profile/);
    assert.equal(chat.turn.error?.action?.kind, 'useProfile');
    assert.match(chat.turn.error?.action?.kind === 'useProfile' ? chat.turn.error.action.invocationId : '', /^(us|eu|apac|global)\.anthropic\.claude-3-7-sonnet/);
    reliabilitySummary.fault('on-demand not supported (chat)');
  });

  it('an unreachable endpoint: "Cannot reach …" with Check the endpoint, everywhere', async () => {
    const closed = 'http://127.0.0.1:9';
    await setSetting('endpoint', closed);
    const unreachable = new BedrockService(() => connectionSettings());
    try {
      const driver = new ChatDriver(`surfaces-unreachable-${++n}`, root, unreachable);
      const id = driver.send('Hello');
      const end = await driver.end(id, 60_000);
      const turn = driver.turnUpdates(id).at(-1) ?? (await driver.reloaded()).turns.at(-1)!;
      driver.dispose();
      assert.ok(end.error);
      assert.equal(end.error.code === 'network' || end.error.code === 'notFound', true, JSON.stringify(end.error));
      assert.match(end.error.message, /Cannot reach|not available/);
      if (turn.error) assert.match(turn.error.message, /Cannot reach|not available/);

      const image = await within('the image command', imageResult());
      assert.equal(image.status, 'failed');
      assert.match(image.message ?? '', /Cannot reach/);

      const rewrite = await within('the rewrite command', rewriteResult());
      assert.equal(rewrite.status === 'failed' || rewrite.status === 'refused', true, JSON.stringify(rewrite));
      assert.match(rewrite.message ?? '', /Cannot reach/);

      const tree = await within('the model tree', treeAfterRefresh());
      assert.equal(tree.state, 'error');
      assert.match(tree.message ?? '', /Cannot reach/);
      reliabilitySummary.fault('unreachable endpoint on 4 surfaces');
    } finally {
      unreachable.dispose();
      await setSetting('endpoint', undefined);
    }
  });
});

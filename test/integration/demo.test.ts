// "Bedrock: Try Without an AWS Account" in a real extension host: the demo bundled in the
// extension starts on loopback, every feature follows it (the catalog, VS Code's chat models, the
// playground), it says Demo, and "Use AWS" goes back. The runner's own local endpoint stands for
// "AWS" here: while the demo is on, it must see no request at all.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, localBedrock } from './support/extension';
import { modelTree, child } from './support/modelTree';
import { allTabs, untilEvent, untilTabs } from './support/vscodeEvents';

const VENDOR = 'bedrock-playground';
const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';

/** The tree once it describes itself as `matches` wants (the snapshot waits for any load). */
async function treeUntil(matches: (description: string | undefined, state: string) => boolean, what: string): Promise<Awaited<ReturnType<typeof modelTree>>> {
  let last: Awaited<ReturnType<typeof modelTree>> | undefined;
  try {
    return await untilEvent([vscode.lm.onDidChangeChatModels, vscode.window.tabGroups.onDidChangeTabs], async () => {
      last = await modelTree();
      return matches(last.description, last.state) ? last : undefined;
    }, what);
  } catch (err) {
    throw new Error(`${(err as Error).message}; the tree: ${last?.state} "${last?.description ?? ''}"`, { cause: err });
  }
}

async function answerOf(model: vscode.LanguageModelChat, prompt: string): Promise<string> {
  const response = await model.sendRequest([vscode.LanguageModelChatMessage.User(prompt)], {}, new vscode.CancellationTokenSource().token);
  let text = '';
  for await (const part of response.text) text += part;
  return text;
}

describe('demo: try without an AWS account', function () {
  this.timeout(90_000);
  const aws = localBedrock();

  before(async () => {
    await activeExtension();
    await aws.reset();
  });
  after(async () => {
    await vscode.commands.executeCommand('bedrock.demo.stop');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('starts in one command, opens the chat, and every request goes to the demo, none to AWS', async () => {
    await aws.reset();
    await vscode.commands.executeCommand('bedrock.demo.start');
    await untilTabs(() => allTabs().some((t) => t.label === 'Bedrock Chat'), 'the chat opened by the demo');
    const tree = await treeUntil((d, s) => s === 'ready' && d?.startsWith('Demo') === true, 'the tree on the demo');
    assert.ok(child(tree.items, 'Anthropic').children?.length, 'the demo lists Claude models');

    const [haiku] = await vscode.lm.selectChatModels({ vendor: VENDOR, id: HAIKU });
    assert.ok(haiku, 'VS Code\'s chat lists the demo\'s Claude 3 Haiku');
    const text = await answerOf(haiku, 'Say hello');
    assert.ok(text.trim().length > 0, 'the demo answered');
    assert.deepEqual((await aws.requests()).map((r) => r.operation), [], 'nothing reached the account\'s endpoint');
  });

  it('goes back with "Use AWS": the settings apply again and nothing is left of the demo', async () => {
    await vscode.commands.executeCommand('bedrock.demo.start'); // already on: the same demo
    await treeUntil((d, s) => s === 'ready' && d?.startsWith('Demo') === true, 'still the demo');
    await aws.reset();
    await vscode.commands.executeCommand('bedrock.demo.stop');
    const tree = await treeUntil((d, s) => s === 'ready' && !d?.startsWith('Demo'), 'the tree back on the configured endpoint');
    assert.ok(child(tree.items, 'Anthropic').children?.length);
    assert.ok((await aws.requestsFor('ListFoundationModels')).length > 0, 'the catalog came from the configured endpoint again');
    const [haiku] = await vscode.lm.selectChatModels({ vendor: VENDOR, id: HAIKU });
    assert.ok(haiku);
    await aws.setReply('From the configured endpoint.');
    assert.equal(await answerOf(haiku, 'Say hello'), 'From the configured endpoint.');
  });
});

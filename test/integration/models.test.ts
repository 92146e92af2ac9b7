// The "Foundation Models" tree against the local endpoint's catalog: grouping, badges, the
// inference-profile group, filters, context commands, and following the region.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, localBedrock } from './support/extension';
import { child, labels, modelTree, setSetting } from './support/modelTree';
import { allTabs, untilTabs } from './support/vscodeEvents';

const SONNET_37 = 'anthropic.claude-3-7-sonnet-20250219-v1:0';
const HAIKU_3 = 'anthropic.claude-3-haiku-20240307-v1:0';

describe('model explorer', function () {
  this.timeout(60_000);
  const bedrock = localBedrock();

  before(async () => {
    await activeExtension();
    await bedrock.reset();
    await setSetting('region', 'us-east-1');
    await vscode.commands.executeCommand('bedrock.models.clearFilter');
    await vscode.commands.executeCommand('bedrock.models.groupByProvider');
  });
  after(async () => {
    await setSetting('region', undefined);
    await vscode.commands.executeCommand('bedrock.models.clearFilter');
    await vscode.commands.executeCommand('bedrock.models.groupByProvider');
  });

  it('groups the live catalog by provider, with the inference profiles last', async () => {
    const tree = await modelTree();
    assert.equal(tree.state, 'ready', tree.message);
    assert.deepEqual(labels(tree.items), ['AI21 Labs', 'Amazon', 'Anthropic', 'Cohere', 'Meta', 'Mistral AI', 'OpenAI', 'Qwen', 'Stability AI', 'Inference Profiles']);
    const anthropic = child(tree.items, 'Anthropic');
    assert.ok(labels(anthropic.children).includes('Claude 3.7 Sonnet'));
    assert.equal(anthropic.description, String(anthropic.children?.length));
  });

  it('shows badges: streaming, LEGACY with its end of life, via profile', async () => {
    const tree = await modelTree();
    const sonnet = child(child(tree.items, 'Anthropic').children, 'Claude 3.7 Sonnet');
    assert.equal(sonnet.description, `${SONNET_37} · via profile · streaming`);
    assert.match(sonnet.contextValue ?? '', /\bmodel\b.*\btext\b.*\bviaProfile\b/);
    const command = child(child(tree.items, 'Cohere').children, 'Command');
    assert.equal(command.description, 'LEGACY until 2026-12-31 · cohere.command-text-v14 · streaming');
    const canvas = child(child(tree.items, 'Amazon').children, 'Nova Canvas');
    assert.equal(canvas.description, 'amazon.nova-canvas-v1:0', 'an image model has no streaming badge');
    assert.match(canvas.contextValue ?? '', /\bimage\b/);
  });

  it('explains each model in its tooltip, with the id actually called', async () => {
    const tree = await modelTree();
    const sonnet = child(child(tree.items, 'Anthropic').children, 'Claude 3.7 Sonnet');
    assert.match(sonnet.tooltip ?? '', /Called as: `us\.anthropic\.claude-3-7-sonnet-20250219-v1:0`/);
    assert.match(sonnet.tooltip ?? '', /TEXT, IMAGE → TEXT/);
    const haiku = child(child(tree.items, 'Anthropic').children, 'Claude 3 Haiku');
    assert.doesNotMatch(haiku.tooltip ?? '', /Called as/, 'an on-demand model is called by its own id');
  });

  it('lists system-defined and application inference profiles in their own group', async () => {
    const profiles = child((await modelTree()).items, 'Inference Profiles');
    assert.deepEqual(labels(profiles.children), ['System-defined', 'Application']);
    const system = child(profiles.children, 'System-defined').children ?? [];
    assert.ok(system.some((p) => p.description?.startsWith(`us.${SONNET_37}`)), system.map((p) => p.description).join('\n'));
    assert.ok(system.every((p) => /\binferenceProfile system\b/.test(p.contextValue ?? '')));
    const application = child(profiles.children, 'Application').children ?? [];
    assert.ok(application.length > 0);
    assert.ok(application.every((p) => /application inference profile/.test(p.tooltip ?? '')));
  });

  it('groups by output modality on request', async () => {
    await vscode.commands.executeCommand('bedrock.models.groupByModality');
    try {
      const tree = await modelTree();
      assert.equal(tree.groupBy, 'modality');
      assert.deepEqual(labels(tree.items), ['Text', 'Image', 'Embedding', 'Inference Profiles']);
      assert.ok(labels(child(tree.items, 'Image').children).includes('Nova Canvas'));
      assert.ok(labels(child(tree.items, 'Embedding').children).includes('Titan Text Embeddings V2'));
    } finally {
      await vscode.commands.executeCommand('bedrock.models.groupByProvider');
    }
  });

  it('filters by text and by modality, says so, and clears', async () => {
    await vscode.commands.executeCommand('bedrock.models.filter', 'claude sonnet');
    let tree = await modelTree();
    assert.deepEqual(labels(tree.items), ['Anthropic', 'Inference Profiles']);
    assert.deepEqual(labels(child(tree.items, 'Anthropic').children), ['Claude 3.5 Sonnet', 'Claude 3.5 Sonnet v2', 'Claude 3.7 Sonnet', 'Claude Sonnet 4.5']);
    assert.match(tree.description ?? '', /^Filter: "claude sonnet" — 4 of \d+$/);

    await vscode.commands.executeCommand('bedrock.models.filter', '');
    await vscode.commands.executeCommand('bedrock.models.filterByModality', ['IMAGE']);
    tree = await modelTree();
    assert.deepEqual(labels(tree.items), ['Amazon', 'Stability AI'], JSON.stringify(tree.items.at(-1)?.children?.map((c) => labels(c.children))));
    assert.deepEqual(labels(child(tree.items, 'Amazon').children), ['Nova Canvas', 'Titan Image Generator G1 v2']);

    await vscode.commands.executeCommand('bedrock.models.filter', 'no model is called this');
    tree = await modelTree();
    assert.equal(tree.state, 'ready');
    assert.deepEqual(tree.items, [], 'an empty tree shows the "No model matches the filter" welcome');

    await vscode.commands.executeCommand('bedrock.models.clearFilter');
    tree = await modelTree();
    assert.equal(tree.description, undefined);
    assert.equal(labels(tree.items).length, 10);
  });

  it('copies the model id and the invocation id', async () => {
    await vscode.commands.executeCommand('bedrock.models.copyModelId', SONNET_37);
    assert.equal(await vscode.env.clipboard.readText(), SONNET_37);
    await vscode.commands.executeCommand('bedrock.models.copyInvocationId', SONNET_37);
    assert.equal(await vscode.env.clipboard.readText(), `us.${SONNET_37}`);
    await vscode.commands.executeCommand('bedrock.models.copyInvocationId', HAIKU_3);
    assert.equal(await vscode.env.clipboard.readText(), HAIKU_3);
  });

  it('Open in Playground opens the playground panel', async () => {
    const isPlayground = (t: vscode.Tab) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('bedrock.playground');
    await vscode.commands.executeCommand('bedrock.models.openInPlayground', HAIKU_3);
    const tab = await untilTabs(() => allTabs().find(isPlayground), 'a playground tab');
    await vscode.window.tabGroups.close(tab);
  });

  it('shows GetFoundationModel as a read-only JSON document', async () => {
    await bedrock.clearRequests();
    await vscode.commands.executeCommand('bedrock.models.showDetails', HAIKU_3);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.equal(editor.document.uri.scheme, 'bedrock-details');
    assert.equal(editor.document.languageId, 'json');
    const details = JSON.parse(editor.document.getText()) as { modelId: string; providerName: string };
    assert.equal(details.modelId, HAIKU_3);
    assert.equal(details.providerName, 'Anthropic');
    assert.equal((await bedrock.requestsFor('GetFoundationModel')).length, 1);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('reloads when the region changes, and calls profiles of the new geography', async () => {
    await bedrock.clearRequests();
    await setSetting('region', 'eu-west-1');
    try {
      const tree = await modelTree();
      assert.equal(tree.state, 'ready');
      const sonnet = child(child(tree.items, 'Anthropic').children, 'Claude 3.7 Sonnet');
      assert.match(sonnet.tooltip ?? '', /Called as: `eu\.anthropic\.claude-3-7-sonnet/);
      assert.ok((await bedrock.requestsFor('ListFoundationModels')).length >= 1, 'the catalog was fetched again');
    } finally {
      await setSetting('region', 'us-east-1');
    }
    const back = child(child((await modelTree()).items, 'Anthropic').children, 'Claude 3.7 Sonnet');
    assert.match(back.tooltip ?? '', /Called as: `us\./);
  });

  it('Refresh fetches the catalog again', async () => {
    await modelTree();
    await bedrock.clearRequests();
    await vscode.commands.executeCommand('bedrock.refreshModels');
    assert.equal((await modelTree()).state, 'ready');
    assert.equal((await bedrock.requestsFor('ListFoundationModels')).length, 1);
    assert.equal((await bedrock.requestsFor('ListInferenceProfiles')).length >= 1, true);
  });
});

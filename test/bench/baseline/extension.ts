// The fastest possible webview for the first-token baseline of the real-VS Code benchmark: a
// test-only extension installed beside ours in the same code-server. "Bench Baseline: Open" shows
// a panel whose script appends each delta to its DOM as a text node (no framework, no markdown);
// "Bench Baseline: Send" makes the same SDK call as the playground (ConverseStream of
// @aws-sdk/client-bedrock-runtime, the same model, the endpoint of the `bedrock.endpoint`
// setting) and posts every text delta to the panel as it arrives. "Bench Baseline: Send Whole"
// is the strategy of the closest existing product (awslabs/bedrock-vscode-playground): one
// InvokeModel with the model's own body, then the whole answer in one postMessage, which the panel
// shows at once. Bundled with the SDK by baselineExtension.ts; never shipped.
import { BedrockRuntimeClient, ConverseStreamCommand, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import * as vscode from 'vscode';

const HTML = (nonce: string) => `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}';">
</head><body><div id="bench-baseline-out"></div>
<script nonce="${nonce}">
const out = document.getElementById('bench-baseline-out');
window.addEventListener('message', (e) => {
  if (e.data.start) out.textContent = '';
  else if (e.data.whole !== undefined) out.textContent = e.data.whole;
  else out.append(e.data.text);
});
</script></body></html>`;

export function activate(context: vscode.ExtensionContext): void {
  let panel: vscode.WebviewPanel | undefined;
  let client: BedrockRuntimeClient | undefined;
  context.subscriptions.push(
    vscode.commands.registerCommand('benchBaseline.open', () => {
      panel?.dispose();
      panel = vscode.window.createWebviewPanel('benchBaseline', 'Baseline', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true });
      panel.webview.html = HTML(Math.random().toString(36).slice(2));
      panel.onDidDispose(() => { panel = undefined; });
    }),
    vscode.commands.registerCommand('benchBaseline.send', async () => {
      const webview = panel?.webview;
      if (!webview) throw new Error('Open the baseline panel first.');
      const config = vscode.workspace.getConfiguration('bedrock');
      client ??= newClient(config);
      await webview.postMessage({ start: true });
      const response = await client.send(new ConverseStreamCommand({
        modelId: config.get<string>('defaultChatModel'),
        messages: [{ role: 'user', content: [{ text: 'Say something short.' }] }],
      }));
      for await (const event of response.stream ?? []) {
        const text = event.contentBlockDelta?.delta?.text;
        if (text) void webview.postMessage({ text });
      }
    }),
    vscode.commands.registerCommand('benchBaseline.sendWhole', async () => {
      const webview = panel?.webview;
      if (!webview) throw new Error('Open the baseline panel first.');
      const config = vscode.workspace.getConfiguration('bedrock');
      client ??= newClient(config);
      await webview.postMessage({ start: true });
      // The Anthropic Messages body, as the peer sends for Claude models (its generator/index.ts).
      const response = await client.send(new InvokeModelCommand({
        modelId: config.get<string>('defaultChatModel'),
        contentType: 'application/json',
        body: JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 4096, messages: [{ role: 'user', content: [{ type: 'text', text: 'Say something long.' }] }] }),
      }));
      const answer = JSON.parse(response.body.transformToString()) as { content: Array<{ text?: string }> };
      await webview.postMessage({ whole: answer.content.map((c) => c.text ?? '').join('') });
    }),
  );
}

function newClient(config: vscode.WorkspaceConfiguration): BedrockRuntimeClient {
  return new BedrockRuntimeClient({
    region: 'us-east-1',
    endpoint: config.get<string>('endpoint'),
    // The local endpoint checks no signature.
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

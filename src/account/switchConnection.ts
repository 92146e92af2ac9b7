import * as vscode from 'vscode';
import { listProfiles } from './profiles';
import { connectionSettings } from '../core/config';
import { regionWithSource } from './accountText';
import { storedApiKey } from '../core/secretKeys';

interface MenuItem extends vscode.QuickPickItem {
  command?: string;
}

/** The status bar item's menu: everything that changes where requests go. */
export async function switchConnection(): Promise<void> {
  const c = connectionSettings();
  const profile = c.profile ? (await listProfiles().catch(() => [])).find((p) => p.name === c.profile) : undefined;
  const items: MenuItem[] = [
    { label: '$(globe) Select Region…', description: regionWithSource(c), command: 'bedrock.selectRegion' },
    { label: '$(account) Select Profile…', description: c.profile || 'default credential chain', command: 'bedrock.selectProfile' },
  ];
  items.push(storedApiKey()
    ? { label: '$(key) Clear API Key', description: 'remove the key from VS Code\'s secret storage', command: 'bedrock.clearApiKey' }
    : { label: '$(key) Set API Key…', description: 'a Bedrock API key, kept in VS Code\'s secret storage', command: 'bedrock.setApiKey' });
  if (profile?.kind === 'sso') items.push({ label: '$(key) Sign In with AWS SSO', description: `aws sso login --profile ${profile.name}`, command: 'bedrock.signIn' });
  if (c.demo) items.unshift({ label: '$(cloud) Use AWS', description: 'leave the demo', command: 'bedrock.demo.stop' });
  else items.push(c.endpoint
    ? { label: '$(cloud) Use AWS Endpoints', description: `stop using ${c.endpoint}`, command: 'bedrock.useAwsEndpoints' }
    : { label: '$(plug) Use Another Endpoint…', description: 'a VPC endpoint or a stand-in on this machine', command: 'bedrock.useLocalEndpoint' },
  { label: '$(beaker) Try Without an AWS Account', description: 'the demo: stand-in models on this computer', command: 'bedrock.demo.start' });
  items.push(
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(refresh) Refresh Models', command: 'bedrock.refreshModels' },
    { label: '$(output) Show Log', command: 'bedrock.showLog' },
  );
  const pick = await vscode.window.showQuickPick(items, { title: c.demo ? 'Bedrock: Demo' : c.local ? 'Bedrock: local endpoint' : `Bedrock: ${c.profile || 'default'} · ${regionWithSource(c)}` });
  if (pick?.command) await vscode.commands.executeCommand(pick.command);
}

export function registerSwitchConnection(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand('bedrock.switchConnection', switchConnection));
}

import * as vscode from 'vscode';
import { updateBedrockSetting } from './settingsWriter';
import { endpointProblem } from './endpointAddress';
import { isLocalEndpoint, readConfig } from '../core/config';
import { trimTrailing } from '../core/trimChars';

/** Points the extension at a local Bedrock endpoint (or any endpoint override). An argument skips the input box. */
export async function useLocalEndpoint(arg?: unknown): Promise<string | undefined> {
  const current = readConfig().endpoint;
  const value = typeof arg === 'string' ? arg : await vscode.window.showInputBox({
    title: 'Bedrock: Use Another Endpoint',
    prompt: 'Address of a Bedrock endpoint to use instead of the Region\'s: a VPC endpoint (https), or a stand-in on this machine (http://127.0.0.1:PORT)',
    value: current || 'http://127.0.0.1:',
    valueSelection: current ? undefined : [17, 17],
    validateInput: (v) => endpointProblem(v),
  });
  if (value === undefined) return undefined;
  const problem = endpointProblem(value);
  if (problem) {
    void vscode.window.showErrorMessage(`Not an endpoint: ${problem}`);
    return undefined;
  }
  const endpoint = trimTrailing(value.trim(), '/');
  await updateBedrockSetting('endpoint', endpoint);
  if (!isLocalEndpoint(endpoint)) vscode.window.setStatusBarMessage(`Bedrock endpoint override: ${endpoint}`, 5000);
  return endpoint;
}

/** Clears the endpoint override so the Region's public endpoints (and the chosen profile) are used. */
export async function useAwsEndpoints(): Promise<void> {
  await updateBedrockSetting('endpoint', undefined);
}

export function registerEndpointCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('bedrock.useLocalEndpoint', useLocalEndpoint),
    vscode.commands.registerCommand('bedrock.useAwsEndpoints', useAwsEndpoints),
  );
}

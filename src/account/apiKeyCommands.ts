import * as vscode from 'vscode';
import { apiKeyProblem } from '../bedrock/apiKey';
import { BEARER_TOKEN_ENV, credentialSource } from '../bedrock/clients';
import { connectionSettings } from '../core/config';
import { deleteApiKey, storeApiKey } from '../core/secretKeys';

// "Bedrock: Set API Key" and "Bedrock: Clear API Key": the key lives in VS Code's SecretStorage
// (the OS keychain) and is sent as the bearer token; it wins over AWS_BEARER_TOKEN_BEDROCK. The key
// is never shown back, logged or written anywhere else.

/** Asks for the key (a password box), or takes it as the argument (for tests and automation). Answers whether one was stored. */
export async function setApiKey(arg?: unknown): Promise<boolean> {
  const value = typeof arg === 'string' ? arg : await vscode.window.showInputBox({
    title: 'Bedrock: Set API Key',
    prompt: 'Paste a Bedrock API key (Amazon Bedrock console → API keys). It is kept in VS Code\'s secret storage and sent as the bearer token instead of signing with AWS credentials.',
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v ? apiKeyProblem(v) : undefined),
  });
  if (value === undefined || value === '') return false;
  const problem = apiKeyProblem(value);
  if (problem) {
    void vscode.window.showErrorMessage(`Not saved: ${problem}`);
    return false;
  }
  await storeApiKey(value);
  const shadowed = process.env[BEARER_TOKEN_ENV] ? ` It is used instead of ${BEARER_TOKEN_ENV} from the environment.` : '';
  void vscode.window.showInformationMessage(`Bedrock API key saved in VS Code's secret storage.${shadowed}`);
  return true;
}

export async function clearApiKey(): Promise<void> {
  await deleteApiKey();
  const next = credentialSource(connectionSettings());
  const then = next.kind === 'bearerToken' ? `the API key in ${BEARER_TOKEN_ENV}` : next.kind === 'profile' ? `profile ${next.profile}` : next.kind === 'local' ? 'the local endpoint\'s stand-in credentials' : 'the default AWS credential chain';
  void vscode.window.showInformationMessage(`Bedrock API key removed from VS Code's secret storage. Bedrock now uses ${then}.`);
}

/** Where the credentials of the current connection come from, without any value: for the tests and diagnostics. */
export function describeCredentialSource(): ReturnType<typeof credentialSource> {
  return credentialSource(connectionSettings());
}

export function registerApiKeyCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('bedrock.setApiKey', setApiKey),
    vscode.commands.registerCommand('bedrock.clearApiKey', clearApiKey),
    vscode.commands.registerCommand('bedrock.account.credentialSource', describeCredentialSource),
  );
}

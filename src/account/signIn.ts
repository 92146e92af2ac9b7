import * as vscode from 'vscode';
import { listProfiles } from './profiles';
import { signInWithSso } from './ssoSignIn';
import { readConfig } from '../core/config';

/** "Bedrock: Sign In with AWS SSO": `aws sso login` for the current (or a chosen SSO) profile, then reloads the models. */
export async function signIn(arg?: unknown): Promise<boolean> {
  let profile = typeof arg === 'string' && arg ? arg : readConfig().profile;
  if (!profile) {
    const sso = (await listProfiles()).filter((p) => p.kind === 'sso');
    if (!sso.length) {
      void vscode.window.showInformationMessage('No SSO profiles are set up. Run "aws configure sso" in a terminal to add one, then choose it with "Bedrock: Select Profile".');
      return false;
    }
    const pick = sso.length === 1 ? sso[0] : (await vscode.window.showQuickPick(sso.map((p) => ({ label: p.name, description: p.ssoStartUrl, profile: p })), { title: 'Sign in with which SSO profile?' }))?.profile;
    if (!pick) return false;
    profile = pick.name;
  }
  const ok = await signInWithSso(profile);
  if (ok) await vscode.commands.executeCommand('bedrock.refreshModels');
  return ok;
}

export function registerSignIn(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand('bedrock.signIn', signIn));
}

import type * as vscode from 'vscode';
import { registerEndpointCommands } from './useEndpoint';
import { registerSelectProfile } from './selectProfile';
import { registerSelectRegion } from './selectRegion';
import { registerSignIn } from './signIn';
import { registerSwitchConnection } from './switchConnection';
import { createAccountStatusBar } from './statusBar';
import { registerApiKeyCommands } from './apiKeyCommands';
import { registerApiKeyConsent } from './apiKeyConsent';
import { registerWorkspaceOverrides } from './workspaceOverrides';

/** The account: status bar, region/profile/endpoint pickers, SSO sign-in, the API key and its consent per host. */
export function registerAccount(context: vscode.ExtensionContext): void {
  registerSelectRegion(context);
  registerSelectProfile(context);
  registerEndpointCommands(context);
  registerSignIn(context);
  registerSwitchConnection(context);
  registerApiKeyCommands(context);
  registerApiKeyConsent(context);
  registerWorkspaceOverrides(context);
  context.subscriptions.push(createAccountStatusBar());
}

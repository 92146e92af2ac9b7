import type * as vscode from 'vscode';
import { registerEndpointCommands } from './useEndpoint';
import { registerSelectProfile } from './selectProfile';
import { registerSelectRegion } from './selectRegion';
import { registerSignIn } from './signIn';
import { registerSwitchConnection } from './switchConnection';
import { createAccountStatusBar } from './statusBar';

/** The account: status bar, region/profile/endpoint pickers and SSO sign-in. */
export function registerAccount(context: vscode.ExtensionContext): void {
  registerSelectRegion(context);
  registerSelectProfile(context);
  registerEndpointCommands(context);
  registerSignIn(context);
  registerSwitchConnection(context);
  context.subscriptions.push(createAccountStatusBar());
}

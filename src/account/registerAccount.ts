import type * as vscode from 'vscode';
import { registerEndpointCommands } from '../commands/useEndpoint';
import { registerSelectProfile } from '../commands/selectProfile';
import { registerSelectRegion } from '../commands/selectRegion';
import { registerSignIn } from '../commands/signIn';
import { registerSwitchConnection } from '../commands/switchConnection';
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

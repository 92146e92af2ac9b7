// Runs the action attached to a Bedrock error, for every feature (chat, compare, images,
// embeddings, knowledge bases): open the model-access or quotas page (web links only), call the
// model through its inference profile, sign in with `aws sso login` in a terminal, open a setting.
// Answers whether the request should be sent again.

import * as vscode from 'vscode';
import { signInWithSso } from './ssoSignIn';
import type { ErrorAction } from '../bedrock/types';
import { log } from '../core/log';

export interface ActionHooks {
  useProfile(invocationId: string): Promise<void>;
}

/** Settings with a picker command of their own (registered by the account feature) open that picker. */
const SETTING_PICKERS: Record<string, string> = {
  'bedrock.profile': 'bedrock.selectProfile',
  'bedrock.region': 'bedrock.selectRegion',
};

/** `hooks.useProfile` switches the caller to the profile; without it (images) the Bedrock layer resolves the id again, so it is a retry. */
export async function runErrorAction(action: ErrorAction, hooks?: ActionHooks): Promise<boolean> {
  switch (action.kind) {
    case 'openUrl': {
      const uri = vscode.Uri.parse(action.url, true);
      if (uri.scheme !== 'https' && uri.scheme !== 'http') {
        log().warn(`Playground: refused to open ${uri.scheme}: from an error action`);
        return false;
      }
      await vscode.env.openExternal(uri);
      return false;
    }
    case 'useProfile':
      await hooks?.useProfile(action.invocationId);
      return true;
    case 'ssoLogin':
      // Resolves when the CLI in the terminal exits; a successful sign-in retries at once, no reload.
      return signInWithSso(action.profile);
    case 'retry':
      return true;
    case 'configure': {
      const picker = SETTING_PICKERS[action.setting];
      const commands = picker ? await vscode.commands.getCommands(true) : [];
      if (picker && commands.includes(picker)) await vscode.commands.executeCommand(picker);
      else await vscode.commands.executeCommand('workbench.action.openSettings', action.setting);
      return false;
    }
  }
}

import * as vscode from 'vscode';
import { FEATURES } from './features';
import { log } from './log';

/** Builds the services and registers each feature; nothing else happens here (activation must stay cheap). */
export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(log());
  for (const [name, register] of FEATURES) {
    // One failing feature must not take the others down.
    try {
      register(context);
    } catch (err) {
      log().error(`Feature "${name}" failed to start`, err);
    }
  }
}

export function deactivate(): void {
  // Disposables in context.subscriptions are released by VS Code.
}

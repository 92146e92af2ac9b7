// The guardrails feature: the pickers' list (`guardrails/list`) and the Test Guardrail action
// (`guardrails/test` from the button beside the picker, and the command palette). The guardrail a
// conversation uses travels in its options (src/protocol/chat.ts) and is applied by the chat session.

import * as vscode from 'vscode';
import { GuardrailRequests } from '../../protocol/guardrails';
import { registerPlaygroundContribution } from '../contributions';
import { guardrailsView } from './guardrailList';
import { registerTestGuardrail } from './testGuardrail';

export function registerGuardrails(context: vscode.ExtensionContext): void {
  registerTestGuardrail(context);
  context.subscriptions.push(registerPlaygroundContribution((ctx) => vscode.Disposable.from(
    ctx.router.onRequest(GuardrailRequests.list, ({ refresh }) => guardrailsView(refresh)),
    // Not awaited: the command's pickers and input box outlive the request.
    ctx.router.onRequest(GuardrailRequests.test, ({ guardrail }) => { void vscode.commands.executeCommand('bedrock.testGuardrail', guardrail); }),
  )));
}

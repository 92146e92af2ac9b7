// "Bedrock: Chat" (focus the open playground, or reopen the last conversation) and
// "Bedrock: New Chat" (another playground with an empty conversation). Both accept a model to
// select: a model id, or an object with `id`/`modelId` (the model tree passes its item).

import * as vscode from 'vscode';
import { log } from '../log';
import { type OpenOptions, playgrounds } from '../playground/playgrounds';
import { isRecord, own } from '../playground/validate';

export function modelIdFromArg(arg: unknown): string | undefined {
  const ok = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length < 2048;
  if (ok(arg)) return arg;
  if (!isRecord(arg)) return undefined;
  for (const key of ['modelId', 'id']) {
    const v = own(arg, key);
    if (ok(v)) return v;
  }
  const model = own(arg, 'model');
  return isRecord(model) && ok(own(model, 'id')) ? (own(model, 'id') as string) : undefined;
}

function run(open: (o: OpenOptions) => Promise<unknown>, what: string) {
  return async (arg?: unknown) => {
    try {
      const modelId = modelIdFromArg(arg);
      await open(modelId ? { modelId } : {});
    } catch (err) {
      log().error(`${what} failed`, err);
      void vscode.window.showErrorMessage(`Could not open the Bedrock playground: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
}

export function registerChatCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('bedrock.chat', run((o) => playgrounds().show(o), 'Bedrock: Chat')),
    vscode.commands.registerCommand('bedrock.newChat', run((o) => playgrounds().createNew(o), 'Bedrock: New Chat')),
  );
}

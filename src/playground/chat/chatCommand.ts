// "Bedrock: Chat" (focus the open playground, or reopen the last conversation), "Bedrock: New
// Chat" (another playground with an empty conversation) and "Bedrock: Export Chat as Markdown".
// Chat and New Chat accept a model id, or an object with `id`/`modelId` (the model tree passes
// its item) and an optional `prompt` to send at once.

import * as vscode from 'vscode';
import { log } from '../../core/log';
import type { ChatHandle } from './chatHost';
import { type OpenOptions, playgrounds } from '../playgrounds';
import { isRecord, own } from '../../protocol/validate';

const ok = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length < 2048;

export function openOptionsFromArg(arg: unknown): OpenOptions {
  if (ok(arg)) return { modelId: arg };
  if (!isRecord(arg)) return {};
  const out: OpenOptions = {};
  for (const key of ['modelId', 'id']) {
    const v = own(arg, key);
    if (ok(v)) { out.modelId = v; break; }
  }
  const model = own(arg, 'model');
  if (!out.modelId && isRecord(model) && ok(own(model, 'id'))) out.modelId = own(model, 'id') as string;
  const prompt = own(arg, 'prompt');
  if (typeof prompt === 'string' && prompt.trim() && prompt.length <= 1_000_000) out.prompt = prompt;
  return out;
}

function run(open: (o: OpenOptions) => Promise<unknown>, what: string) {
  return async (arg?: unknown) => {
    try {
      await open(openOptionsFromArg(arg));
    } catch (err) {
      log().error(`${what} failed`, err);
      void vscode.window.showErrorMessage(`Could not open the Bedrock playground: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
}

export function registerChatCommands(context: vscode.ExtensionContext, chatOf: (panelId: string) => ChatHandle | undefined): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('bedrock.chat', run((o) => playgrounds().show(o), 'Bedrock: Chat')),
    vscode.commands.registerCommand('bedrock.newChat', run((o) => playgrounds().createNew(o), 'Bedrock: New Chat')),
    vscode.commands.registerCommand('bedrock.exportChat', async (target?: unknown) => {
      const panel = playgrounds().active;
      const chat = panel && chatOf(panel.panelId);
      if (!chat) {
        void vscode.window.showInformationMessage('Open a Bedrock chat first ("Bedrock: Chat").');
        return undefined;
      }
      try {
        return await chat.exportMarkdown(target instanceof vscode.Uri ? target : undefined);
      } catch (err) {
        log().error('Export failed', err);
        void vscode.window.showErrorMessage(`The conversation could not be exported: ${err instanceof Error ? err.message : String(err)}`);
        return undefined;
      }
    }),
  );
}

// The playground feature: the panels (with their serializer), the chat tab's host side, and the
// two commands. One entry in src/features.ts.

import type * as vscode from 'vscode';
import { registerChatCommands } from '../commands/chat';
import { registerPlaygrounds } from './playgrounds';

export function registerPlayground(context: vscode.ExtensionContext): void {
  registerPlaygrounds(context);
  registerChatCommands(context);
}

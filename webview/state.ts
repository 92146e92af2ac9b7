// What the webview keeps across being hidden and reloaded (VS Code's webview state): the panel id,
// the open tab, and a slot per tab (the chat keeps its draft there). Every read is validated.

import { isRecord, own, type Guard } from '../src/protocol/validate';
import { vscodeApi } from './vscodeApi';

function current(): Record<string, unknown> {
  const s = vscodeApi().getState();
  return isRecord(s) ? s : {};
}

export function readState<T>(key: string, guard: Guard<T>): T | undefined {
  const v = own(current(), key);
  return guard(v) ? v : undefined;
}

export function writeState(key: string, value: unknown): void {
  vscodeApi().setState({ ...current(), [key]: value });
}

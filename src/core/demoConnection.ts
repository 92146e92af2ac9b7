import * as vscode from 'vscode';

// Where the demo endpoint listens while the demo is on (src/demo/); undefined otherwise. Kept here,
// beside the settings, because it overrides them: connectionSettings() reads it.

let endpoint: string | undefined;
const changed = new vscode.EventEmitter<void>();

/** The demo's loopback address while the demo is on. */
export function demoEndpoint(): string | undefined {
  return endpoint;
}

/** Fires when the demo starts or stops (the connection moved). */
export const onDemoChange: vscode.Event<void> = changed.event;

export function setDemoEndpoint(next: string | undefined): void {
  if (next === endpoint) return;
  endpoint = next;
  changed.fire();
}
